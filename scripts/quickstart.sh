#!/usr/bin/env bash
# Fulcrum's main job on embedded defaults: build, then convert the official GVS-Bench release
# (../shared/data/gvs-bench, or $GVS_BENCH_DIR) into a suite and show what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product fulcrum
fulcrum=.build/release/fulcrum
mkdir -p .fulcrum
"$fulcrum" taxonomy
"$fulcrum" suite import gvs-bench "${GVS_BENCH_DIR:-../shared/data/gvs-bench}" --out .fulcrum/gvs-bench.jsonl
"$fulcrum" suite list --suite .fulcrum/gvs-bench.jsonl --modality text | head -15
