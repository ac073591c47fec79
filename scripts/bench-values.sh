#!/usr/bin/env bash
# Speed benchmark of the native value evaluator against the Python TF-IDF + logistic-regression
# baseline, on the same machine in the same run: score 10,000 dialogues end to end (load model,
# read JSONL, featurise, predict, write JSONL). Reports samples/s, the ratio, model load time and
# peak memory (max RSS from /usr/bin/time).
#
#   scripts/bench-values.sh [N=10000]
# Needs: a release build (made here), python3 with scikit-learn in $VENV (default /tmp/venv-baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
VENV=${VENV:-/tmp/venv-baseline}
DATA=${DATA:-../shared/data/fulcra/fulcra_trustworthy_dev.jsonl}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q scikit-learn numpy
fi
swift build -c release --product fulcrum >/dev/null
FULCRUM=.build/release/fulcrum

# N dialogues: the FULCRA dev dialogues, cycled, each with an id (labels dropped).
python3 - "$DATA" "$N" > "$WORK/input.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
for i in range(int(sys.argv[2])):
    print(json.dumps({"id": f"d{i}", "dialogue": rows[i % len(rows)]["dialogue"]}, ensure_ascii=False))
PY

# Train both models on the same data (not timed), the Python one pickled so its load is measured.
$FULCRUM values train --data "$DATA" --out "$WORK/values.fltm" --test-share 0 >/dev/null
"$VENV/bin/python" scripts/baseline/values_baseline.py "$DATA" --mode tuned --save-model "$WORK/tuned.pkl"
"$VENV/bin/python" scripts/baseline/values_baseline.py "$DATA" --mode plain --save-model "$WORK/plain.pkl"

measure() {  # name, command… → prints "name seconds maxrss_kb"
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$WORK/$name.stdout" 2> "$WORK/$name.stderr"
  read -r secs rss < "$WORK/time.txt"
  echo "$name $secs $rss"
}

SWIFT=$(measure swift $FULCRUM values score --model "$WORK/values.fltm" "$WORK/input.jsonl" --out "$WORK/swift.jsonl")
TUNED=$(measure tuned "$VENV/bin/python" scripts/baseline/values_baseline.py "$DATA" --mode tuned --model "$WORK/tuned.pkl" \
          --score-only "$WORK/input.jsonl" --out "$WORK/tuned.jsonl")
PLAIN=$(measure plain "$VENV/bin/python" scripts/baseline/values_baseline.py "$DATA" --mode plain --model "$WORK/plain.pkl" \
          --score-only "$WORK/input.jsonl" --out "$WORK/plain.jsonl")

[ "$(wc -l < "$WORK/swift.jsonl")" -eq "$N" ] || { echo "swift wrote $(wc -l < "$WORK/swift.jsonl") lines, expected $N" >&2; exit 1; }
swift_load=$(sed -n 's/.*model load \([0-9.]*\) s.*/\1/p' "$WORK/swift.stderr")
tuned_load=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["modelLoadSeconds"])' "$WORK/tuned.stdout")
plain_load=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["modelLoadSeconds"])' "$WORK/plain.stdout")
model_bytes=$(wc -c < "$WORK/values.fltm")

python3 - "$N" "$SWIFT" "$TUNED" "$PLAIN" "$swift_load" "$tuned_load" "$plain_load" "$model_bytes" <<'PY'
import sys
n = int(sys.argv[1])
rows = [a.split() for a in sys.argv[2:5]]
loads = sys.argv[5:8]
print(f"end-to-end scoring of {n} dialogues (process wall time: start, load model, read, featurise, predict, write)")
print(f"{'implementation':38s} {'seconds':>8s} {'samples/s':>10s} {'model load s':>13s} {'peak RSS MB':>12s}")
names = {"swift": "Swift native (fulcrum values score)", "tuned": "Python TF-IDF+LR, tuned (w1-2,c2-5)",
         "plain": "Python plain TF-IDF+LR"}
rates = {}
for (name, secs, rss), load in zip(rows, loads):
    rate = n / float(secs)
    rates[name] = rate
    print(f"{names[name]:38s} {float(secs):8.2f} {rate:10.0f} {float(load):13.3f} {int(rss)/1024:12.1f}")
print(f"speed-up vs Python tuned: {rates['swift']/rates['tuned']:.1f}x; vs Python plain: {rates['swift']/rates['plain']:.1f}x")
print(f"Swift model file: {int(sys.argv[8])} bytes")
PY
