#!/usr/bin/env bash
# Incident repository benchmark: import 100,000 synthetic incidents (JSONL through a column
# mapping, FTS5 indexing and machine suggestions included) and time a fixed set of searches.
# Goals: import < 10 s, p95 search latency < 10 ms. Usage: scripts/bench-incidents.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-100000}"
swift build -c release --product fulcrum >&2
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/fulcrum-incidents-bench.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
.build/release/fulcrum incidents bench --count "$COUNT" --directory "$SCRATCH"
