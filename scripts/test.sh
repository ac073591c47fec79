#!/usr/bin/env bash
# Runs Fulcrum's whole test suite on a fresh machine: installs and starts what the tests need
# (headless Chromium, the real local model server, a throwaway PostgreSQL), builds once, runs
# every test, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium renders the HTML reports in the browser tests.
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package) for the HTML report tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The real local model (llama.cpp server with Gemma 3 270M) for the end-to-end provider tests.
# Started in the background while Swift builds; the first install compiles llama-cpp-python.
model_log=.fulcrum/local-model-start.log
mkdir -p .fulcrum
bash scripts/ci-local-model.sh >"$model_log" 2>&1 &
model_pid=$!
# A throwaway PostgreSQL (127.0.0.1, fresh cluster under /tmp) for the PostgreSQL store tests,
# also started in the background (installs the Debian package on first use).
postgres_log=.fulcrum/postgres-start.log
bash scripts/postgres.sh start >"$postgres_log" 2>&1 &
postgres_pid=$!
# Every file the tests write goes to one temporary folder (Foundation's temporaryDirectory follows
# TMPDIR), removed at the end: runs used to leave their folders in /tmp (2.5 GB had piled up).
test_tmp="$(mktemp -d -t fulcrum-tests.XXXXXX)"
trap 'bash scripts/local-model.sh stop >/dev/null 2>&1 || true; bash scripts/postgres.sh stop >/dev/null 2>&1 || true; rm -rf "$test_tmp"' EXIT

swift build --build-tests

if ! wait "$model_pid"; then
  cat "$model_log"
  echo "error: the local model server did not start (see above)" >&2
  exit 1
fi
FULCRUM_LOCAL_MODEL_URL="$(bash scripts/local-model.sh url)"
export FULCRUM_LOCAL_MODEL_URL
if ! wait "$postgres_pid"; then
  cat "$postgres_log"
  echo "error: PostgreSQL did not start (see above; server log: .fulcrum/postgres.log)" >&2
  exit 1
fi
postgres_url="$(bash scripts/postgres.sh url)"
export FULCRUM_TEST_POSTGRES_URL="$postgres_url"
# One test at a time: on 2 cores the parallel runner is no faster (measured 93 s vs 80 s), and a
# CPU-heavy test sharing Swift's two cooperative threads delays another test's network timeouts.
status=0
TMPDIR="$test_tmp" swift test --skip-build --no-parallel "$@" || status=$?
# A server that died during the tests fails every test after it with "connection refused";
# its own log says why.
if ! bash scripts/local-model.sh status >/dev/null 2>&1; then
  echo "error: the local model server stopped during the tests; the end of its log (.fulcrum/local-model.log):" >&2
  tail -n 40 .fulcrum/local-model.log >&2 || true
  status=1
fi
exit "$status"
