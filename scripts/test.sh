#!/usr/bin/env bash
# Runs Fulcrum's whole test suite on a fresh machine: installs and starts what the tests need,
# builds once, runs every test, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium renders the HTML reports in the browser tests.
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package) for the HTML report tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

swift build --build-tests
swift test --skip-build
