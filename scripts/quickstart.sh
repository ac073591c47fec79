#!/usr/bin/env bash
# Fulcrum's main job on embedded defaults: build, run the built-in starter suite (26 prompts, one
# per GVS-Scale category pair) against a model, judge every answer offline with the native safety
# judge, and write a report (terminal table + self-contained HTML) from the SQLite store.
#
# Model: $FULCRUM_MODEL if set; else openai/gpt-4o-mini with OPENAI_API_KEY, or
# anthropic/claude-3-5-haiku-latest with ANTHROPIC_API_KEY; else the real local model (Gemma 3 270M
# on llama.cpp, installed and started by scripts/local-model.sh). Re-running resumes and reuses answers.
#
# The two slow first-time steps run side by side: the local model's install and start (when the
# model is local) in the background, the release build in the foreground.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "quickstart: $*"; }

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
say "model: $model"

model_pid=""
model_log=.fulcrum/local-model-start.log
# Should the script end early (build failed, Ctrl-C), the background install ends with it
# rather than compiling on unattended; a local model server that is already up stays up.
stop_background_model_start() {
  if [[ -n "$model_pid" ]] && kill -0 "$model_pid" 2>/dev/null; then
    say "stopping the background local model start (log: $model_log)"
    kill -TERM -- "-$model_pid" 2>/dev/null || kill -TERM "$model_pid" 2>/dev/null || true
  fi
}
trap stop_background_model_start EXIT
if [[ "$model" == local/* ]]; then
  # A fresh machine builds llama-cpp-python once (about 9 minutes on 2 cores); later starts take
  # seconds. setsid: its own process group, so the trap above can end the whole install.
  say "installing and starting the local model in the background (log: $model_log)"
  FULCRUM_LOCAL_MODEL_TIMEOUT="${FULCRUM_LOCAL_MODEL_TIMEOUT:-300}" \
    setsid --wait bash scripts/local-model.sh start >"$model_log" 2>&1 </dev/null &
  model_pid=$!
  # The server listens where local-model.sh puts it; fulcrum's local/ models are told the same.
  export FULCRUM_LOCAL_MODEL_URL="${FULCRUM_LOCAL_MODEL_URL:-$(bash scripts/local-model.sh url)}"
fi

say "building fulcrum (swift build -c release; about 8 minutes the first time)"
swift build -c release --product fulcrum

if [[ -n "$model_pid" ]]; then
  if kill -0 "$model_pid" 2>/dev/null; then
    say "build done; waiting for the local model (first install compiles llama-cpp-python; log: $model_log)"
  fi
  if ! wait "$model_pid"; then
    model_pid=""
    cat "$model_log" >&2
    echo "quickstart: error: the local model did not start (log above: $model_log)" >&2
    exit 1
  fi
  model_pid=""
  tail -n 1 "$model_log"
fi
say "running the starter suite against $model"

"$fulcrum" run --suite starter --model "$model" --language en --max-tokens 128 --temperature 0.7 --top-p 0.9 \
  --concurrency 2 --timeout 300 --db "$db"
run_id=$("$fulcrum" runs list --format json --db "$db" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["run"])')
"$fulcrum" judge "$run_id" --judge native --db "$db"
"$fulcrum" report "$run_id" --db "$db"
"$fulcrum" report "$run_id" --format html --out out/report.html --db "$db"
echo "Open out/report.html for the full report (heat map, CIs, value profiles, every answer)."
