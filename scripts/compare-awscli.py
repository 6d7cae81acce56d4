#!/usr/bin/env python3
"""Time Sluice against the AWS CLI, whole process for whole process, on the same test peer.

Starts moto_server behind the verifying proxy (scripts/peer), seeds mappings, then alternates the
two tools command by command so both see the same machine load:

  sluice pause UUID            vs  aws lambda update-event-source-mapping --uuid UUID --no-enabled
  sluice list --json           vs  aws lambda list-event-source-mappings

and reports the peer's own floor (the same calls in-process through boto3). Prints medians and
ratios. Usage: scripts/compare-awscli.py [--mappings 1000] [--rounds 10] [--sluice PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "scripts" / "peer"


def run_timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds one whole command takes; exits loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return elapsed


def read_env(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line.startswith("export ") and "=" in line:
            key, _, value = line[len("export "):].partition("=")
            values[key] = value.strip("'\"")
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mappings", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--sluice", help="a built sluice binary (default: build the release one)")
    args = parser.parse_args()

    sluice = args.sluice
    if not sluice:
        subprocess.run(["swift", "build", "-c", "release", "--product", "sluice"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                 check=True, capture_output=True, text=True).stdout.strip()
        sluice = str(Path(bin_dir) / "sluice")

    with tempfile.TemporaryDirectory() as state:
        subprocess.run([str(PEER / "start-peer.sh"), state], check=True, stdout=subprocess.DEVNULL)
        try:
            peer = read_env(Path(state) / "env")
            seeded = subprocess.run(
                [sys.executable, str(PEER / "seed.py"), "--endpoint", peer["SLUICE_TEST_MOTO_URL"],
                 "--count", str(args.mappings), "--json"], check=True, capture_output=True, text=True)
            uuids = __import__("json").loads(seeded.stdout)
            env = {
                "PATH": os.environ["PATH"], "HOME": state, "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ACCESS_KEY_ID": peer["SLUICE_TEST_ACCESS_KEY_ID"],
                "AWS_SECRET_ACCESS_KEY": peer["SLUICE_TEST_SECRET_ACCESS_KEY"],
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": peer["SLUICE_TEST_PROXY_URL"], "AWS_DEFAULT_OUTPUT": "json",
                "AWS_PAGER": "",
            }
            times: dict[str, list[float]] = {k: [] for k in ("sluice pause", "aws pause", "sluice list", "aws list")}
            for round_ in range(args.rounds):
                uuid = uuids[round_ % len(uuids)]
                times["sluice pause"].append(run_timed([sluice, "pause", uuid], env))
                times["aws pause"].append(run_timed(
                    ["aws", "lambda", "update-event-source-mapping", "--uuid", uuids[-1 - round_], "--no-enabled"], env))
                times["sluice list"].append(run_timed([sluice, "list", "--json"], env))
                times["aws list"].append(run_timed(["aws", "lambda", "list-event-source-mappings"], env))

            client = boto3.client(
                "lambda", region_name="us-east-1", endpoint_url=peer["SLUICE_TEST_PROXY_URL"],
                aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
            floor_update, floor_list = [], []
            for round_ in range(args.rounds):
                start = time.perf_counter()
                client.update_event_source_mapping(UUID=uuids[round_], Enabled=True)
                floor_update.append(time.perf_counter() - start)
                start = time.perf_counter()
                for _ in client.get_paginator("list_event_source_mappings").paginate():
                    pass
                floor_list.append(time.perf_counter() - start)
        finally:
            subprocess.run([str(PEER / "stop-peer.sh"), state], stdout=subprocess.DEVNULL)

    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"compare: {args.mappings} mappings, {args.rounds} rounds, medians of whole processes")
    print(f"pause-one: sluice {median['sluice pause']:.1f} ms, aws {median['aws pause']:.1f} ms, "
          f"ratio {median['aws pause'] / median['sluice pause']:.1f}x")
    print(f"list-all: sluice {median['sluice list']:.1f} ms, aws {median['aws list']:.1f} ms, "
          f"ratio {median['aws list'] / median['sluice list']:.1f}x")
    print(f"peer-floor: one update {statistics.median(floor_update) * 1000:.1f} ms, "
          f"one full list {statistics.median(floor_list) * 1000:.1f} ms (boto3 in-process)")


if __name__ == "__main__":
    main()
