#!/usr/bin/env bash
# The one test command (README and CI run exactly this): lint, the test peer's own tests, then
# every Swift test with the peer (moto_server behind the verifying proxy) running, and line coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== swift format lint --strict"
swift format lint --strict --recursive Package.swift Sources Tests

echo "== test peer (pytest)"
python3 -m pytest -q -p no:cacheprovider scripts/peer

echo "== starting moto_server, the verifying proxy and the SSO stub"
state=$(mktemp -d)
trap 'scripts/peer/stop-peer.sh "$state" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT
scripts/peer/start-peer.sh "$state"
# shellcheck disable=SC1091
source "$state/env"
export SLUICE_REQUIRE_PEER=1

echo "== swift test"
swift test --enable-code-coverage 2>&1 | tee "$state/swift-test.log"

echo "== line coverage (Sources)"
bin=$(swift build --show-bin-path)
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")
"$toolchain/llvm-cov" report "$bin/SluicePackageTests.xctest" \
  -instr-profile "$bin/codecov/default.profdata" -ignore-filename-regex='(\.build|Tests)/' \
  | awk '/^(TOTAL|[A-Za-z-]+\/[A-Za-z]+\.swift)/ { printf "%-42s %6s lines %6s missed %8s\n", $1, $8, $9, $10 }'

echo "== the CLI and TUI integration suites again, over TLS (the test CA, the same proxy)"
SLUICE_TEST_TLS=1 swift test --skip-build --filter "PeerIntegrationTests|SafetyTests" 2>&1 \
  | tee "$state/swift-test-tls.log" | grep -E "✘|Test run with"

# The runner's closing line once more, last, where CI looks for it.
grep -E "Test run with [0-9]+ tests?" "$state/swift-test.log" | tail -n 1
