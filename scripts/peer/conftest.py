"""The peer every test module here shares: one start-peer.sh / stop-peer.sh cycle per session."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def read_env(state_dir: Path) -> dict:
    """STATE_DIR/env as {name: value}; start-peer.sh writes `export NAME=VALUE` lines."""
    values = {}
    for line in (state_dir / "env").read_text().splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        values[name] = value
    return values


@pytest.fixture(scope="session")
def peer(tmp_path_factory):
    state_dir = tmp_path_factory.mktemp("peer")
    subprocess.run([str(HERE / "start-peer.sh"), str(state_dir)], check=True, timeout=60, capture_output=True)
    env = read_env(state_dir)
    try:
        yield {
            "dir": state_dir,
            "moto": env["SLUICE_TEST_MOTO_URL"],
            "proxy": env["SLUICE_TEST_PROXY_URL"],
            "sso": env["SLUICE_TEST_SSO_URL"],
            "env": env,
        }
    finally:
        subprocess.run([str(HERE / "stop-peer.sh"), str(state_dir)], check=True, timeout=30, capture_output=True)
