#!/usr/bin/env bash
# Fulcrum's main job on embedded defaults: build, run the built-in starter suite (26 prompts, one
# per GVS-Scale category pair) against a model, judge every answer offline with the native safety
# judge, and write a report (terminal table + self-contained HTML) from the SQLite store.
#
# Model: $FULCRUM_MODEL if set; else openai/gpt-4o-mini with OPENAI_API_KEY, or
# anthropic/claude-3-5-haiku-latest with ANTHROPIC_API_KEY; else the real local model (Gemma 3 270M
# on llama.cpp, installed and started by scripts/local-model.sh). Re-running resumes and reuses answers.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product fulcrum
fulcrum=.build/release/fulcrum
db=.fulcrum/fulcrum.sqlite
mkdir -p .fulcrum out

model="${FULCRUM_MODEL:-}"
if [[ -z "$model" ]]; then
  if [[ -n "${OPENAI_API_KEY:-}" ]]; then model=openai/gpt-4o-mini
  elif [[ -n "${ANTHROPIC_API_KEY:-}" ]]; then model=anthropic/claude-3-5-haiku-latest
  else model=local/gemma-3-270m
  fi
fi
if [[ "$model" == local/* ]]; then
  # A fresh machine builds llama-cpp-python once (about 9 minutes on 2 cores); later starts take seconds.
  FULCRUM_LOCAL_MODEL_TIMEOUT="${FULCRUM_LOCAL_MODEL_TIMEOUT:-300}" bash scripts/local-model.sh start
fi

"$fulcrum" run --suite starter --model "$model" --language en --max-tokens 128 --temperature 0.7 --top-p 0.9 \
  --concurrency 2 --timeout 300 --db "$db"
run_id=$("$fulcrum" runs list --format json --db "$db" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["run"])')
"$fulcrum" judge "$run_id" --judge native --db "$db"
"$fulcrum" report "$run_id" --db "$db"
"$fulcrum" report "$run_id" --format html --out out/report.html --db "$db"
echo "Open out/report.html for the full report (heat map, CIs, value profiles, every answer)."
