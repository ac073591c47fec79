#!/usr/bin/env bash
# Compares value-evaluator configurations on many seeded by-prompt splits of FULCRA dev, because one
# split's macro-F1 swings by ±0.05 (rare values have a handful of labels). Every configuration sees
# the same splits (`fulcrum values train --seed S --split-out`), the Python baselines too.
#
#   scripts/baseline/values_splits.sh NAME [extra `fulcrum values train` options…]   # one Swift configuration
#   PYTHON=1 scripts/baseline/values_splits.sh NAME …                               # also Python plain and tuned
#   scripts/baseline/values_splits.sh --summary                                     # table of everything run so far
#
# Env: FULCRUM (binary, default .build/release/fulcrum), SEEDS (default 42 7 99 1 2 3 4 5 6 8),
# OUT (results folder, default /tmp/values-splits), VENV (default /tmp/venv-baseline), DATA.
set -euo pipefail
cd "$(dirname "$0")/../.."
FULCRUM=${FULCRUM:-.build/release/fulcrum}
SEEDS=${SEEDS:-42 7 99 1 2 3 4 5 6 8}
OUT=${OUT:-/tmp/values-splits}
VENV=${VENV:-/tmp/venv-baseline}
DATA=${DATA:-../shared/data/fulcra/fulcra_trustworthy_dev.jsonl}
mkdir -p "$OUT"

if [ "${1:-}" != "--summary" ]; then
  name=$1; shift
  for s in $SEEDS; do
    # Held-out figures are those of the model as written (Int8), on the split the seed makes.
    "$FULCRUM" values train --data "$DATA" --out "$OUT/model.fltm" --seed "$s" --split-out "$OUT/split$s.json" \
      --format json "$@" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["heldOut"]))' > "$OUT/$name.$s.json"
    if [ -n "${PYTHON:-}" ]; then
      for mode in plain tuned; do
        "$VENV/bin/python" scripts/baseline/values_baseline.py "$DATA" "$OUT/split$s.json" --mode "$mode" | tail -1 \
          > "$OUT/python-$mode.$s.json"
      done
    fi
  done
fi

# Summary: mean ± sd over the splits, per seed, and the paired difference from the first Swift run.
python3 - "$OUT" $SEEDS <<'PY'
import glob, json, os, statistics as st, sys
out, seeds = sys.argv[1], sys.argv[2:]
runs = {}
for path in sorted(glob.glob(os.path.join(out, "*.*.json")), key=os.path.getmtime):
    name, seed = os.path.basename(path)[:-5].rsplit(".", 1)
    if seed in seeds:
        runs.setdefault(name, {})[seed] = json.load(open(path))
first = next((n for n in runs if not n.startswith("python-")), None)
print(f"{'configuration':28s} {'n':>2s} {'accuracy':>8s} {'macro-F1':>14s} {'exact':>6s} {'Δ vs ' + str(first):>20s}  per-seed macro-F1 ({' '.join(seeds)})")
for name, r in runs.items():
    done = [s for s in seeds if s in r]
    f1 = [r[s]["meanMacroF1"] for s in done]
    acc = st.mean(r[s]["meanAccuracy"] for s in done)
    exact = st.mean(r[s]["exactVectorMatch"] for s in done)
    sd = st.stdev(f1) if len(f1) > 1 else 0
    paired = [r[s]["meanMacroF1"] - runs[first][s]["meanMacroF1"] for s in done if first and s in runs[first]]
    delta = f"{st.mean(paired):+.3f} ± {st.stdev(paired):.3f}" if len(paired) > 1 and name != first else ""
    print(f"{name:28s} {len(done):2d} {acc:8.3f} {st.mean(f1):7.3f} ± {sd:.3f} {exact:6.3f} {delta:>20s}  {' '.join(f'{x:.3f}' for x in f1)}")
PY
