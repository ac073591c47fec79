#!/usr/bin/env bash
# Worker benchmark (not a test): does the database keep up with a fleet of workers?
#
#  1. N requests (default 2,000) at a fixed latency (200 ms) against the fault server, served by
#     1, 2 and 4 `fulcrum worker` processes on PostgreSQL, each at concurrency 25: throughput and
#     its ratio to one worker (goal ≥ 1.8× at 2 workers, ≥ 3.2× at 4).
#  2. The runner benchmark (1,000 requests, concurrency 50, one `fulcrum run` process) on
#     PostgreSQL against SQLite, back to back (goal: PostgreSQL within 1.2× of SQLite).
#
#   scripts/bench-workers.sh
#   N=4000 WORKERS="1 2 4" REPEATS=3 scripts/bench-workers.sh
#
# PostgreSQL: $FULCRUM_BENCH_POSTGRES_URL if set (its role needs CREATEDB), else the throwaway
# cluster of scripts/postgres.sh (started here and stopped at the end if it was not running).
set -euo pipefail

N="${N:-2000}"
LATENCY_MS="${LATENCY_MS:-200}"
WORKER_CONCURRENCY="${WORKER_CONCURRENCY:-25}"
WORKERS="${WORKERS:-1 2 4}"
RUNNER_N="${RUNNER_N:-1000}"
RUNNER_CONCURRENCY="${RUNNER_CONCURRENCY:-50}"
REPEATS="${REPEATS:-1}"
CONFIG="${CONFIG:-release}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "bench-workers: $*" >&2; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
    say "building $CONFIG binaries…"
    swift build -c "$CONFIG" --product fulcrum >&2
    swift build -c "$CONFIG" --product fulcrum-test-server >&2
fi
BIN="$ROOT/.build/$CONFIG"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fulcrum-bench-workers.XXXXXX")"
SERVER_PID=""
STARTED_POSTGRES=""
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [[ -n "$STARTED_POSTGRES" ]]; then bash scripts/postgres.sh stop >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

ADMIN_URL="${FULCRUM_BENCH_POSTGRES_URL:-}"
if [[ -z "$ADMIN_URL" ]]; then
    bash scripts/postgres.sh status >/dev/null 2>&1 || STARTED_POSTGRES=1
    bash scripts/postgres.sh start >&2
    ADMIN_URL="$(bash scripts/postgres.sh url)"
fi
# A fresh database per measurement, so no run sees another's rows or cached answers.
fresh_database() {
    local name="bench_$1_$RANDOM$RANDOM"
    psql -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "CREATE DATABASE $name" >/dev/null
    echo "${ADMIN_URL%/*}/$name"
}

python3 - "$N" > "$WORK/suite.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"id": f"bench-{i}", "modality": "text", "prompt": {"en": f"Benchmark prompt number {i}: say hello."}}))
PY
head -n "$RUNNER_N" "$WORK/suite.jsonl" > "$WORK/runner-suite.jsonl"

"$BIN/fulcrum-test-server" --latency-ms "$LATENCY_MS" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
PORT="$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$WORK/server.log")"
[[ -n "$PORT" ]] || { say "the fault server did not start: $(cat "$WORK/server.log")"; exit 1; }
BASE="http://127.0.0.1:$PORT/v1"
export OPENAI_API_KEY="sk-bench-not-a-key"

now() { python3 -c 'import time; print(time.monotonic())'; }
answered() {
    FULCRUM_DATABASE_URL="$1" "$BIN/fulcrum" runs list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["tally"]["answered"])'
}

results="$WORK/results.tsv"
: > "$results"
for repeat in $(seq 1 "$REPEATS"); do
    for w in $WORKERS; do
        db="$(fresh_database "w$w")"
        FULCRUM_DATABASE_URL="$db" "$BIN/fulcrum" run --suite "$WORK/suite.jsonl" --model openai/bench-model --base-url "$BASE" \
            --per-model-concurrency 1000 --retries 0 --timeout 30 --no-cache --detach > /dev/null 2> "$WORK/plan.err" \
            || { cat "$WORK/plan.err" >&2; exit 1; }
        start="$(now)"
        pids=()
        for i in $(seq 1 "$w"); do
            FULCRUM_DATABASE_URL="$db" "$BIN/fulcrum" worker --concurrency "$WORKER_CONCURRENCY" --exit-when-idle \
                --timeout 30 --retries 0 > "$WORK/worker-$w-$i.out" 2>&1 &
            pids+=("$!")
        done
        for pid in "${pids[@]}"; do wait "$pid" || { say "a worker failed:"; cat "$WORK"/worker-"$w"-*.out >&2; exit 1; }; done
        end="$(now)"
        got="$(answered "$db")"
        [[ "$got" == "$N" ]] || { say "only $got of $N answered with $w workers"; exit 1; }
        printf 'workers\t%s\t%s\t%s\n' "$w" "$repeat" "$(python3 -c "print($end - $start)")" >> "$results"
        say "$w worker(s), run $repeat: $(tail -n 1 "$results" | cut -f4) s"
    done
    for backend in sqlite postgres; do
        if [[ "$backend" == sqlite ]]; then db="$WORK/runner-$repeat.sqlite"; else db="$(fresh_database runner)"; fi
        start="$(now)"
        "$BIN/fulcrum" run --suite "$WORK/runner-suite.jsonl" --model openai/bench-model --base-url "$BASE" \
            --concurrency "$RUNNER_CONCURRENCY" --per-model-concurrency "$RUNNER_CONCURRENCY" --retries 0 --timeout 30 --no-cache \
            --db "$db" > "$WORK/runner.out" 2> "$WORK/runner.err" || { cat "$WORK/runner.out" "$WORK/runner.err" >&2; exit 1; }
        end="$(now)"
        got="$(answered "$db")"
        [[ "$got" == "$RUNNER_N" ]] || { say "only $got of $RUNNER_N answered on $backend"; exit 1; }
        printf 'runner\t%s\t%s\t%s\n' "$backend" "$repeat" "$(python3 -c "print($end - $start)")" >> "$results"
        say "runner on $backend, run $repeat: $(tail -n 1 "$results" | cut -f4) s"
    done
done

python3 - "$results" "$N" "$LATENCY_MS" "$WORKER_CONCURRENCY" "$RUNNER_N" "$RUNNER_CONCURRENCY" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
n, latency, c, rn, rc = int(sys.argv[2]), int(sys.argv[3]) / 1000, int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
def median(kind, key):
    return statistics.median(float(r[3]) for r in rows if r[0] == kind and r[1] == key)
print(f"{n} requests, {latency * 1000:.0f} ms latency, {c} rows in flight per worker, PostgreSQL")
print("workers  wall s  ideal s  requests/s  × one worker")
one = n / median("workers", "1") if any(r[0] == "workers" and r[1] == "1" for r in rows) else None
for w in sorted({int(r[1]) for r in rows if r[0] == "workers"}):
    wall = median("workers", str(w))
    rate = n / wall
    print(f"{w:>7}  {wall:6.2f}  {n / (c * w) * latency:7.2f}  {rate:10.1f}  {rate / one if one else float('nan'):12.2f}")
sqlite, postgres = median("runner", "sqlite"), median("runner", "postgres")
print(f"runner benchmark: {rn} requests, concurrency {rc} (ideal {rn / rc * latency:.2f} s), one process")
print(f"  SQLite      {sqlite:6.2f} s")
print(f"  PostgreSQL  {postgres:6.2f} s   {postgres / sqlite:.2f}× SQLite")
PY
