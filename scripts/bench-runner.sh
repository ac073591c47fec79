#!/usr/bin/env bash
# Runner benchmark (not a test): N requests against the fault server with a fixed latency, at a given
# concurrency, through the real `fulcrum run` (HTTP client, runner, SQLite store), release build.
# Reports wall time against the ideal N / concurrency × latency, requests/s and peak RSS.
#
#   scripts/bench-runner.sh                 # N=1000, concurrency 50, latency 200 ms (ideal 4 s)
#   N=2000 CONCURRENCY=100 LATENCY_MS=100 scripts/bench-runner.sh
set -euo pipefail

N="${N:-1000}"
CONCURRENCY="${CONCURRENCY:-50}"
LATENCY_MS="${LATENCY_MS:-200}"
# release for the measurement; CONFIG=debug only to check the script quickly.
CONFIG="${CONFIG:-release}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

echo "bench-runner: building $CONFIG binaries…" >&2
if [[ -z "${SKIP_BUILD:-}" ]]; then
    swift build -c "$CONFIG" --product fulcrum >&2
    swift build -c "$CONFIG" --product fulcrum-test-server >&2
fi
BIN="$ROOT/.build/$CONFIG"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fulcrum-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# A suite of N distinct harmless prompts (distinct so nothing is served from the cache).
python3 - "$N" > "$WORK/bench.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"id": f"bench-{i}", "modality": "text", "prompt": {"en": f"Benchmark prompt number {i}: say hello."}}))
PY

"$BIN/fulcrum-test-server" --latency-ms "$LATENCY_MS" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/server.log" 2>/dev/null && break
    sleep 0.1
done
PORT="$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$WORK/server.log")"
[[ -n "$PORT" ]] || { echo "bench-runner: the fault server did not start: $(cat "$WORK/server.log")" >&2; exit 1; }

echo "bench-runner: $N requests, concurrency $CONCURRENCY, latency ${LATENCY_MS} ms, server on port $PORT" >&2
/usr/bin/time -v "$BIN/fulcrum" run --suite "$WORK/bench.jsonl" --model openai/bench-model \
    --base-url "http://127.0.0.1:$PORT/v1" --concurrency "$CONCURRENCY" --per-model-concurrency "$CONCURRENCY" \
    --retries 0 --timeout 30 --no-cache --db "$WORK/bench.sqlite" > "$WORK/run.out" 2> "$WORK/run.err" \
    || { echo "bench-runner: fulcrum run failed:" >&2; cat "$WORK/run.out" "$WORK/run.err" >&2; exit 1; }

ANSWERED="$("$BIN/fulcrum" runs list --format json --db "$WORK/bench.sqlite" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["tally"]["answered"])')"
python3 - "$N" "$CONCURRENCY" "$LATENCY_MS" "$ANSWERED" "$WORK/run.err" "$WORK/run.out" <<'PY'
import re, sys
n, c, latency_ms, answered = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
err = open(sys.argv[5]).read()
out = open(sys.argv[6]).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", err)
seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
inner = re.search(r"rows in ([\d.]+) s", out)
ideal = n / c * latency_ms / 1000
print(f"requests            {n} ({answered} answered and stored)")
print(f"ideal wall time     {ideal:.2f} s  (N / concurrency × latency)")
print(f"process wall time   {seconds:.2f} s  ratio {seconds / ideal:.3f}  (start-up, suite load and DB open included)")
if inner:
    t = float(inner.group(1))
    print(f"runner wall time    {t:.2f} s  ratio {t / ideal:.3f}  (planning done, first call to last stored answer)")
print(f"throughput          {n / seconds:.1f} requests/s (process)")
print(f"peak RSS            {rss_kb / 1024:.1f} MB")
if answered != n:
    sys.exit(f"bench-runner: only {answered} of {n} requests were answered")
PY
