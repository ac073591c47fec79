#!/usr/bin/env bash
# CI step: make sure the real local model server is up and completing before the tests run. It
# installs llama-cpp-python on first use (a source build of ~9 min on 2 cores when the wheel cache
# is empty), so the startup wait is generous. It exports nothing: scripts/test.sh (which .ci/run
# runs) starts it in the background while Swift builds, sets FULCRUM_LOCAL_MODEL_URL itself and
# stops the server on exit, e.g.
#
#   bash scripts/ci-local-model.sh >.fulcrum/local-model-start.log 2>&1 &
#   trap 'bash scripts/local-model.sh stop' EXIT
#   export FULCRUM_LOCAL_MODEL_URL="$(bash scripts/local-model.sh url)"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FULCRUM_LOCAL_MODEL_TIMEOUT="${FULCRUM_LOCAL_MODEL_TIMEOUT:-300}"
"$ROOT/scripts/local-model.sh" start
