#!/usr/bin/env python3
"""Time Sluice against the AWS CLI, whole process for whole process, on the same test peer.

Starts moto_server behind the verifying proxy (scripts/peer), seeds mappings, then alternates the
two tools command by command so both see the same machine load:

  sluice pause UUID                      vs  aws lambda update-event-source-mapping --uuid UUID --no-enabled
  sluice list --json                     vs  aws lambda list-event-source-mappings
  sluice pause --all-matching P --yes    vs  a shell loop of one such aws call per mapping, one after
                                             another (as an operator's script would do it)

The bulk part seeds --bulk more mappings whose functions and sources are named with a prefix of
their own, and resumes them all (`sluice resume --all-matching P --yes`, not timed) before each
timed run; it has its own, smaller, number of rounds (--bulk-rounds) because the CLI loop is slow.
It also reports the peer's own floor: the same calls in-process through boto3. Every run is checked
afterwards against moto (the mappings really are paused), and the proxy's counters show what each
tool sent. Each sluice run gets a private, empty XDG_STATE_HOME for its audit log (and its memory of
whom the access key belongs to, so each run asks STS); `pause-one-warm` is the same pause with one
private XDG_STATE_HOME kept from run to run, as on an operator's machine after the first change.
The binary is copied to a temporary directory first, so a rebuild during the run cannot mix
versions.

Prints one line per figure: medians (with min and max) and ratios, the CPU time (user+sys) each
run's process tree used, the requests the proxy counted, then the date, the machine and the exact
commands. Usage:
  scripts/compare-awscli.py [--mappings 1000] [--rounds 10] [--bulk 200] [--bulk-rounds 3]
                            [--sluice PATH] [--aws PATH]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3
import botocore

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "scripts" / "peer"
BULK_PREFIX = "sluicebulk"  # seed.py names functions sluicebulk-fn-NN and sources sluicebulk-src-NNNN
# The shell loop an operator would write; the UUIDs are its arguments, so it is timed on its own.
AWS_LOOP = 'for u in "$@"; do "$AWS" lambda update-event-source-mapping --uuid "$u" --no-enabled >/dev/null || exit 1; done'


def children_cpu() -> float:
    """User plus system seconds of every waited-for descendant so far (grandchildren included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds one whole command takes, and the CPU seconds its process tree used; exits
    loudly if it fails."""
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{shlex.join(command[:4])} ... failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return elapsed, children_cpu() - cpu


def run_quiet(command: list[str], env: dict[str, str]) -> None:
    """An untimed step (resuming mappings between rounds); exits loudly if it fails."""
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        sys.exit(f"{shlex.join(command[:4])} ... failed ({done.returncode}): {done.stderr.decode()[:500]}")


def read_env(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line.startswith("export ") and "=" in line:
            key, _, value = line[len("export "):].partition("=")
            values[key] = value.strip("'\"")
    return values


def find_aws(given: str | None) -> str:
    """The AWS CLI's own entry point. A pyenv shim is a bash script that costs about 50 ms a call
    before the CLI even starts, so it is resolved to the real executable."""
    aws = given or shutil.which("aws")
    if not aws:
        sys.exit("needs the AWS CLI: pip install awscli")
    if not given and "/shims/" in aws and shutil.which("pyenv"):
        real = subprocess.run(["pyenv", "which", "aws"], capture_output=True, text=True)
        if real.returncode == 0 and real.stdout.strip():
            aws = real.stdout.strip()
    return aws


class Peer:
    """The proxy's control API and moto's own view, for the untimed checks around each run."""

    def __init__(self, env: dict[str, str]):
        self.proxy = env["SLUICE_TEST_PROXY_URL"]
        self.moto = boto3.client(
            "lambda", region_name="us-east-1", endpoint_url=env["SLUICE_TEST_MOTO_URL"],
            aws_access_key_id="testing", aws_secret_access_key="testing")

    def _control(self, method: str, path: str) -> dict:
        request = urllib.request.Request(self.proxy + path, method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def reset_stats(self) -> None:
        self._control("POST", "/__peer/stats/reset")

    def sent(self) -> str:
        """What the proxy saw since the last reset: requests by method."""
        stats = self._control("GET", "/__peer/stats")
        if stats["rejected_signatures"]:
            sys.exit(f"the proxy rejected {stats['rejected_signatures']} signatures")
        return " ".join(f"{method} {count}" for method, count in sorted(stats["by_method"].items()))

    def states(self, uuids: list[str]) -> set[str]:
        """moto's State of each of these mappings (read directly, in one list call)."""
        wanted = set(uuids)
        held = {m["UUID"]: m["State"] for m in self.moto.list_event_source_mappings()["EventSourceMappings"]
                if m["UUID"] in wanted}
        if len(held) != len(wanted):
            sys.exit(f"moto holds {len(held)} of the {len(wanted)} mappings")
        return set(held.values())

    def expect(self, uuids: list[str], state: str, after: str) -> None:
        found = self.states(uuids)
        if found != {state}:
            sys.exit(f"after {after}: expected every mapping {state}, moto has {sorted(found)}")


def seed(moto_url: str, count: int, prefix: str | None = None) -> list[str]:
    command = [sys.executable, str(PEER / "seed.py"), "--endpoint", moto_url, "--count", str(count), "--json"]
    done = subprocess.run(command + (["--prefix", prefix] if prefix else []), check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)


def figure(values: list[float]) -> str:
    """`median ms (min A, max B, n N)` for a list of seconds."""
    ms = [v * 1000 for v in values]
    return f"{statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f}, n {len(ms)})"


def ratio(slow: list[float], fast: list[float]) -> str:
    return f"{statistics.median(slow) / statistics.median(fast):.1f}x"


def describe_binary(path: str, copy: str) -> str:
    """The binary as given (its modification time) and what was run (a copy: its checksum)."""
    digest = hashlib.sha256(Path(copy).read_bytes()).hexdigest()[:12]
    built = datetime.datetime.fromtimestamp(Path(path).stat().st_mtime, datetime.timezone.utc)
    return f"{path} (built {built:%Y-%m-%dT%H:%M:%SZ}, sha256 {digest}; run from a copy)"


def git_revision() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mappings", type=int, default=1000, help="mappings seeded for pause-one and list-all")
    parser.add_argument("--rounds", type=int, default=10, help="rounds of pause-one and list-all")
    parser.add_argument("--bulk", type=int, default=200, help="extra mappings paused at once (0 skips the bulk part)")
    parser.add_argument("--bulk-rounds", type=int, default=3, help="rounds of the bulk pause")
    parser.add_argument("--sluice", help="a built sluice binary (default: build the release one with the Swift runtime linked in, in .build-static)")
    parser.add_argument("--aws", help="the AWS CLI (default: `aws` on PATH, a pyenv shim resolved)")
    args = parser.parse_args()
    if args.rounds < 1 or args.mappings < 3 * args.rounds + 1:
        sys.exit("needs --rounds >= 1 and --mappings > 3 * --rounds (each pause gets a mapping of its own)")
    if args.bulk and args.bulk_rounds < 1:
        sys.exit("needs --bulk-rounds >= 1 (or --bulk 0)")

    sluice = args.sluice
    if not sluice:
        # The binary as the README installs it: the Swift runtime linked in, which saves the
        # dynamic loader about a third of a short command's time.
        build = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-static"]
        subprocess.run(build + ["--product", "sluice"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        bin_dir = subprocess.run(build + ["--show-bin-path"], cwd=ROOT,
                                 check=True, capture_output=True, text=True).stdout.strip()
        sluice = str(Path(bin_dir) / "sluice")
    sluice_given = str(Path(sluice).absolute())
    aws = find_aws(args.aws)
    aws_version = subprocess.run([aws, "--version"], capture_output=True, text=True).stdout.strip()
    started = datetime.datetime.now(datetime.timezone.utc)

    times: dict[str, list[float]] = {
        k: [] for k in ("sluice pause", "sluice pause warm", "aws pause", "sluice list", "aws list",
                        "sluice bulk", "aws bulk")}
    cpu: dict[str, list[float]] = {k: [] for k in times}
    sent: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as state:
        sluice = str(Path(state) / "sluice")
        shutil.copy2(sluice_given, sluice)
        binary = describe_binary(sluice_given, sluice)
        subprocess.run([str(PEER / "start-peer.sh"), state], check=True, stdout=subprocess.DEVNULL)
        try:
            peer_env = read_env(Path(state) / "env")
            peer = Peer(peer_env)
            uuids = seed(peer_env["SLUICE_TEST_MOTO_URL"], args.mappings)
            home = Path(state) / "home"
            home.mkdir()
            env = {
                "PATH": os.environ["PATH"], "HOME": str(home), "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ACCESS_KEY_ID": peer_env["SLUICE_TEST_ACCESS_KEY_ID"],
                "AWS_SECRET_ACCESS_KEY": peer_env["SLUICE_TEST_SECRET_ACCESS_KEY"],
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": peer_env["SLUICE_TEST_PROXY_URL"], "AWS_DEFAULT_OUTPUT": "json",
                "AWS_PAGER": "", "AWS": aws, "XDG_CONFIG_HOME": str(home / ".config"),
            }
            runs = Path(state) / "sluice-state"
            runs.mkdir()

            def sluice_env() -> dict[str, str]:
                """A private, empty XDG_STATE_HOME for one sluice run (its audit log goes there)."""
                return {**env, "XDG_STATE_HOME": tempfile.mkdtemp(dir=runs)}

            def timed(name: str, command: list[str], run_env: dict[str, str]) -> None:
                peer.reset_stats()
                wall, used = run_timed(command, run_env)
                times[name].append(wall)
                cpu[name].append(used)
                sent[name] = peer.sent()

            # pause-one and list-all, over --mappings mappings, the tools alternating.
            warm_env = sluice_env()  # one private state directory kept from run to run
            run_quiet([sluice, "pause", uuids[2 * args.rounds]], warm_env)  # its first change asks STS
            for round_ in range(args.rounds):
                one, warm, other = uuids[round_], uuids[args.rounds + round_], uuids[-1 - round_]
                run_env = sluice_env()
                timed("sluice pause", [sluice, "pause", one], run_env)
                if not (Path(run_env["XDG_STATE_HOME"]) / "sluice" / "audit.jsonl").is_file():
                    sys.exit("sluice pause left no audit log in its XDG_STATE_HOME")
                timed("sluice pause warm", [sluice, "pause", warm], warm_env)
                timed("aws pause", [aws, "lambda", "update-event-source-mapping", "--uuid", other, "--no-enabled"], env)
                peer.expect([one, warm, other], "Disabled", f"round {round_ + 1} of pause-one")
                timed("sluice list", [sluice, "list", "--json"], sluice_env())
                timed("aws list", [aws, "lambda", "list-event-source-mappings"], env)

            # The floor: the same calls in-process through boto3 (one reused connection).
            client = boto3.client(
                "lambda", region_name="us-east-1", endpoint_url=peer_env["SLUICE_TEST_PROXY_URL"],
                aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
            floor_update, floor_list, floor_bulk = [], [], []
            for round_ in range(args.rounds):
                start = time.perf_counter()
                client.update_event_source_mapping(UUID=uuids[round_], Enabled=True)
                floor_update.append(time.perf_counter() - start)
                start = time.perf_counter()
                listed = sum(len(page["EventSourceMappings"])
                             for page in client.get_paginator("list_event_source_mappings").paginate())
                floor_list.append(time.perf_counter() - start)
                if listed != args.mappings:
                    sys.exit(f"the full list held {listed} mappings, not {args.mappings}")

            # pause-bulk: --bulk more mappings, all paused at once; resumed (untimed) before each run.
            if args.bulk:
                bulk = seed(peer_env["SLUICE_TEST_MOTO_URL"], args.bulk, BULK_PREFIX)
                resume = [sluice, "resume", "--all-matching", BULK_PREFIX, "--yes"]
                for round_ in range(args.bulk_rounds):
                    run_quiet(resume, sluice_env())
                    peer.expect(bulk, "Enabled", "sluice resume")
                    timed("sluice bulk", [sluice, "pause", "--all-matching", BULK_PREFIX, "--yes"], sluice_env())
                    peer.expect(bulk, "Disabled", f"round {round_ + 1} of sluice pause --all-matching")
                    run_quiet(resume, sluice_env())
                    peer.expect(bulk, "Enabled", "sluice resume")
                    timed("aws bulk", ["bash", "-c", AWS_LOOP, "aws-loop", *bulk], env)
                    peer.expect(bulk, "Disabled", f"round {round_ + 1} of the aws loop")
                for _ in range(args.bulk_rounds):
                    run_quiet(resume, sluice_env())
                    start = time.perf_counter()
                    for uuid in bulk:
                        client.update_event_source_mapping(UUID=uuid, Enabled=False)
                    floor_bulk.append(time.perf_counter() - start)
                    peer.expect(bulk, "Disabled", "the in-process loop")
        finally:
            subprocess.run([str(PEER / "stop-peer.sh"), state], stdout=subprocess.DEVNULL)

    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"compare: {args.mappings} mappings, {args.rounds} rounds, medians of whole processes")
    print(f"pause-one: sluice {figure(times['sluice pause'])}, aws {figure(times['aws pause'])}, "
          f"ratio {ratio(times['aws pause'], times['sluice pause'])}")
    print(f"pause-one-warm: sluice {figure(times['sluice pause warm'])}, aws {figure(times['aws pause'])}, "
          f"ratio {ratio(times['aws pause'], times['sluice pause warm'])} (sluice's state directory kept)")
    print(f"list-all: sluice {figure(times['sluice list'])}, aws {figure(times['aws list'])}, "
          f"ratio {ratio(times['aws list'], times['sluice list'])}")
    if args.bulk:
        print(f"pause-bulk: {args.bulk} mappings, {args.bulk_rounds} rounds: sluice {figure(times['sluice bulk'])}, "
              f"aws loop {figure(times['aws bulk'])}, ratio {ratio(times['aws bulk'], times['sluice bulk'])}")
    print(f"peer-floor: one update {statistics.median(floor_update) * 1000:.1f} ms, "
          f"one full list {statistics.median(floor_list) * 1000:.1f} ms (boto3 in-process)")
    if args.bulk:
        print(f"peer-floor-bulk: {args.bulk} updates one after another "
              f"{statistics.median(floor_bulk) * 1000:.1f} ms (boto3 in-process)")
    def cpu_line(label: str, sluice_name: str, aws_name: str) -> None:
        print(f"cpu {label}: sluice {statistics.median(cpu[sluice_name]) * 1000:.1f} ms, "
              f"aws {statistics.median(cpu[aws_name]) * 1000:.1f} ms (user+sys of the whole process tree, median)")

    cpu_line("pause-one", "sluice pause", "aws pause")
    cpu_line("pause-one-warm", "sluice pause warm", "aws pause")
    cpu_line("list-all", "sluice list", "aws list")
    if args.bulk:
        cpu_line("pause-bulk", "sluice bulk", "aws bulk")
    for name, label in (("sluice pause", "sluice pause-one"), ("sluice pause warm", "sluice pause-one-warm"),
                        ("aws pause", "aws pause-one"),
                        ("sluice list", "sluice list-all"), ("aws list", "aws list-all"),
                        ("sluice bulk", "sluice pause-bulk"), ("aws bulk", "aws pause-bulk")):
        if name in sent:
            print(f"requests {label}: {sent[name]} (as the proxy counted them, last round)")
    print(f"date: {started:%Y-%m-%dT%H:%M:%SZ}")
    print(f"machine: nproc {nproc}, {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, load {' '.join(f'{v:.2f}' for v in os.getloadavg())} at the end")
    print(f"versions: sluice at git {git_revision()}; {aws_version}; boto3 {boto3.__version__}, "
          f"botocore {botocore.__version__}; peer moto_server behind scripts/peer/verifying_proxy.py, "
          f"page size 100")
    print(f"binary: {binary}")
    print(f"command sluice pause-one: {shlex.join([sluice_given, 'pause', 'UUID'])}")
    print(f"command aws pause-one: {shlex.join([aws, 'lambda', 'update-event-source-mapping', '--uuid', 'UUID', '--no-enabled'])}")
    print(f"command sluice list-all: {shlex.join([sluice_given, 'list', '--json'])}")
    print(f"command aws list-all: {shlex.join([aws, 'lambda', 'list-event-source-mappings'])}")
    if args.bulk:
        print(f"command sluice pause-bulk: {shlex.join([sluice_given, 'pause', '--all-matching', BULK_PREFIX, '--yes'])}")
        print(f"command aws pause-bulk: bash -c {shlex.quote(AWS_LOOP)} aws-loop UUID... "
              f"({args.bulk} UUIDs, AWS={aws})")
        print(f"command untimed before each bulk run: {shlex.join([sluice_given, 'resume', '--all-matching', BULK_PREFIX, '--yes'])}")
    print("environment: AWS_ENDPOINT_URL=the proxy, AWS_EC2_METADATA_DISABLED=true, region us-east-1, HOME a temp "
          "dir, a fresh empty XDG_STATE_HOME for each sluice run (pause-one-warm: one kept across its runs), "
          "stdout to /dev/null")


if __name__ == "__main__":
    main()
