#!/usr/bin/env bash
# A throwaway PostgreSQL server for Fulcrum's tests, on 127.0.0.1 only.
#
#   scripts/postgres.sh start    install (once, Debian package), initdb a fresh cluster under
#                                /tmp/fulcrum-pg-XXXXXX, start it, wait until it accepts logins
#                                (already running: says so and exits 0)
#   scripts/postgres.sh stop     stop it (pg_ctl stop -m fast) and delete its folder (no-op when stopped)
#   scripts/postgres.sh url      print postgres://fulcrum:PASSWORD@127.0.0.1:PORT/fulcrum_test
#   scripts/postgres.sh status   print `running …` (exit 0) or `stopped` (exit 3)
#
# The cluster: role `fulcrum` (LOGIN CREATEDB, so a test may create its own databases; password
# checked with scram-sha-256, random per cluster) owning database `fulcrum_test`. Settings are
# for tests, not for data you want to keep: fsync, synchronous_commit and full_page_writes off,
# max_connections=300, shared_buffers=128MB. The unix socket lives in the cluster's folder (mode
# 0700), where the bootstrap superuser `postgres` connects without a password for setup only.
#
# PostgreSQL refuses to run as root, so as root the server runs as the system user `fulcrumpg`
# (created when missing); as any other user it runs as that user.
#
# Environment (all optional):
#   FULCRUM_PG_PORT     port to listen on (default 55432; when unset and 55432 is taken, the next
#                       free port up to 55531 is used)
#   FULCRUM_PG_TIMEOUT  seconds to wait for the server to accept connections (default 60)
#
# State in <repo>/.fulcrum/ (gitignored): postgres.dir (the cluster's folder), postgres.port,
# postgres.password (mode 0600; printed only by `url`), postgres.log (initdb and server log).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.fulcrum"
DIR_FILE="$STATE/postgres.dir"
PORT_FILE="$STATE/postgres.port"
PASSWORD_FILE="$STATE/postgres.password"
LOG_FILE="$STATE/postgres.log"
LOCK_FILE="$STATE/postgres.lock"
TIMEOUT="${FULCRUM_PG_TIMEOUT:-60}"
OS_USER=fulcrumpg
ROLE=fulcrum
DATABASE=fulcrum_test
TMP_PREFIX=/tmp/fulcrum-pg-

# Set by start() once it has made a cluster folder, so a failure tears the half-made cluster down.
STARTING_DIR=""

say() { echo "postgres: $*"; }
fail() {
    echo "postgres: error: $*" >&2
    if [[ -n "$STARTING_DIR" ]]; then
        teardown "$STARTING_DIR" >/dev/null 2>&1 || true
        clear_state
    fi
    exit 1
}
# fail, showing the end of the server log first.
fail_with_log() {
    if [[ -s "$LOG_FILE" ]]; then
        echo "postgres: last lines of $LOG_FILE:" >&2
        tail -n 30 "$LOG_FILE" | sed 's/^/  | /' >&2
    fi
    fail "$* (full log: $LOG_FILE)"
}

case "$TIMEOUT" in
    ''|*[!0-9]*) fail "FULCRUM_PG_TIMEOUT must be whole seconds, got '$TIMEOUT'" ;;
esac
if [[ -n "${FULCRUM_PG_PORT:-}" ]]; then
    case "$FULCRUM_PG_PORT" in
        ''|*[!0-9]*) fail "FULCRUM_PG_PORT must be a port number, got '$FULCRUM_PG_PORT'" ;;
    esac
    (( 10#$FULCRUM_PG_PORT >= 1 && 10#$FULCRUM_PG_PORT <= 65535 )) \
        || fail "FULCRUM_PG_PORT must be a port number (1-65535), got '$FULCRUM_PG_PORT'"
fi

is_root() { [[ "$(id -u)" == 0 ]]; }

# Runs a command as the server's OS user, from inside the cluster folder (the repository may not
# be readable by that user, and PostgreSQL's tools want a readable working directory).
as_pg() {
    local dir="$1"; shift
    if is_root; then
        (cd "$dir" && runuser -u "$OS_USER" -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

# The newest installed PostgreSQL's bin folder (Debian keeps each major version in its own).
BIN=""
find_bin() {
    local candidate
    BIN=""
    while IFS= read -r candidate; do
        if [[ -x "$candidate/postgres" && -x "$candidate/initdb" && -x "$candidate/pg_ctl" \
            && -x "$candidate/pg_isready" && -x "$candidate/psql" ]]; then
            BIN="$candidate"
        fi
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
    [[ -n "$BIN" ]]
}

install() {
    find_bin && return 0
    is_root || fail "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin) and installing it needs root: apt-get install postgresql"
    say "installing PostgreSQL (Debian package postgresql; log: $STATE/postgres-apt.log)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
        > "$STATE/postgres-apt.log" 2>&1 < /dev/null; then
        tail -n 20 "$STATE/postgres-apt.log" >&2
        fail "apt-get install postgresql failed (full log: $STATE/postgres-apt.log)"
    fi
    find_bin || fail "apt-get installed postgresql but no /usr/lib/postgresql/*/bin holds postgres, initdb, pg_ctl, pg_isready and psql"
}

ensure_os_user() {
    is_root || return 0
    id -u "$OS_USER" >/dev/null 2>&1 && return 0
    say "creating system user $OS_USER to run the server (PostgreSQL refuses to run as root)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$OS_USER" \
        || fail "could not create the system user $OS_USER (useradd failed)"
}

recorded_dir() {
    [[ -f "$DIR_FILE" ]] || return 0
    local dir
    dir="$(cat "$DIR_FILE" 2>/dev/null || true)"
    # Only ever a folder this script made; anything else in the file is ignored (and never deleted).
    if [[ "$dir" == "$TMP_PREFIX"* && "$dir" != *..* && "$dir" != *[[:space:]]* ]]; then
        echo "$dir"
    fi
}

# The postmaster's pid for the cluster in the given folder, or nothing. postmaster.pid alone is
# not trusted: the process must still exist and be postgres, so a recycled pid is never ours.
postmaster_pid() {
    local dir="$1" pid
    [[ -n "$dir" && -f "$dir/data/postmaster.pid" ]] || return 0
    pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    if alive "$pid" && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres* ]]; then
        echo "$pid"
    fi
}

# True while the process exists and is not a zombie waiting to be reaped.
alive() {
    local state
    state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
    [[ -n "$state" && "$state" != Z ]]
}

recorded_port() { cat "$PORT_FILE" 2>/dev/null || true; }

masked_url() { echo "postgres://$ROLE:****@127.0.0.1:$1/$DATABASE"; }

clear_state() { rm -f "$DIR_FILE" "$PORT_FILE" "$PASSWORD_FILE"; }

# Stops the cluster in the given folder (if running) and deletes the folder.
teardown() {
    local dir="$1" pid
    pid="$(postmaster_pid "$dir")"
    if [[ -n "$pid" ]]; then
        find_bin || true
        if [[ -n "$BIN" ]]; then
            as_pg "$dir" "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >> "$LOG_FILE" 2>&1 || true
        fi
        # pg_ctl returns once postmaster.pid is gone, a moment before the process itself exits.
        for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
        if alive "$pid"; then
            say "pid $pid still running after pg_ctl stop; sending SIGQUIT (immediate shutdown)" >&2
            kill -QUIT "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
            if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
        fi
    fi
    if [[ -d "$dir" && "$dir" == "$TMP_PREFIX"* ]]; then
        rm -rf -- "$dir"
    fi
    [[ -n "$pid" ]] && echo "$pid"
    return 0
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first free port from $1 (default 55432) up to 55531, or FULCRUM_PG_PORT when set.
choose_port() {
    if [[ -n "${FULCRUM_PG_PORT:-}" ]]; then
        port_taken "$FULCRUM_PG_PORT" \
            && fail "port $FULCRUM_PG_PORT (FULCRUM_PG_PORT) on 127.0.0.1 is already in use; pick another or stop what listens there"
        echo "$FULCRUM_PG_PORT"
        return 0
    fi
    local port
    for port in $(seq "${1:-55432}" 55531); do
        if ! port_taken "$port"; then echo "$port"; return 0; fi
    done
    fail "no free port in 55432-55531 on 127.0.0.1; set FULCRUM_PG_PORT"
}

# Waits until pg_isready answers on 127.0.0.1:port while the postmaster lives.
wait_until_ready() {
    local dir="$1" port="$2" waited=0 pid
    until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1 >/dev/null 2>&1; do
        pid="$(postmaster_pid "$dir")"
        [[ -n "$pid" ]] || fail_with_log "the server in $dir exited before accepting connections on 127.0.0.1:$port"
        (( waited < TIMEOUT )) \
            || fail_with_log "the server (pid $pid) did not accept connections on 127.0.0.1:$port within ${TIMEOUT}s; raise FULCRUM_PG_TIMEOUT"
        sleep 1
        waited=$((waited + 1))
    done
}

lock() {
    mkdir -p "$STATE"
    exec 9> "$LOCK_FILE"
    flock -w 900 9 || fail "another scripts/postgres.sh start/stop has held $LOCK_FILE for 15 minutes"
}

start() {
    lock
    install

    local dir pid port
    dir="$(recorded_dir)"
    pid="$(postmaster_pid "$dir")"
    if [[ -n "$pid" ]]; then
        port="$(recorded_port)"
        wait_until_ready "$dir" "$port"
        say "already running (pid $pid) at $(masked_url "$port"); full url: scripts/postgres.sh url"
        return 0
    fi
    # A cluster recorded but not running (killed, crashed, machine rebooted) is thrown away.
    if [[ -n "$dir" ]]; then
        say "discarding the stopped cluster in $dir"
        teardown "$dir" >/dev/null
    fi
    clear_state

    ensure_os_user
    choose_port >/dev/null  # no free port (or FULCRUM_PG_PORT taken): say so before any initdb
    dir="$(mktemp -d "${TMP_PREFIX}XXXXXX")" || fail "could not create a folder under /tmp"
    STARTING_DIR="$dir"
    chmod 700 "$dir"
    is_root && chown "$OS_USER:" "$dir"
    echo "$dir" > "$DIR_FILE"
    local password
    password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    [[ "$password" =~ ^[0-9a-f]{32}$ ]] || fail "could not read a random password from /dev/urandom"
    (umask 077 && printf '%s\n' "$password" > "$PASSWORD_FILE")

    : > "$LOG_FILE"
    say "initdb $dir/data ($("$BIN/postgres" --version); log: $LOG_FILE)"
    as_pg "$dir" "$BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --no-sync \
        --auth-local=trust --auth-host=scram-sha-256 >> "$LOG_FILE" 2>&1 < /dev/null \
        || fail_with_log "initdb failed in $dir/data"
    # Appended settings override initdb's. Root keeps the files' owner when appending/truncating.
    cat >> "$dir/data/postgresql.conf" <<EOF

# scripts/postgres.sh: a throwaway cluster for tests
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
unix_socket_permissions = 0700
password_encryption = scram-sha-256
max_connections = 300
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    cat > "$dir/data/pg_hba.conf" <<'EOF'
# scripts/postgres.sh: the unix socket (folder mode 0700) is for setup by the server's OS user;
# everyone else comes over 127.0.0.1 with a password.
local all all                trust
host  all all 127.0.0.1/32   scram-sha-256
EOF

    # The port is picked just before the server binds it; should another process take it in
    # between (say a second checkout's test run), the next free one is tried.
    local from=55432 attempt log_size
    for attempt in 1 2 3 4 5; do
        port="$(choose_port "$from")"
        echo "$port" > "$PORT_FILE"
        echo "port = $port" >> "$dir/data/postgresql.conf"
        say "starting the server on 127.0.0.1:$port"
        log_size="$(stat -c %s "$LOG_FILE")"
        # The server's output goes to the log, opened here (the server's user may not be able to
        # open files in the repository); fd 9 (the lock) is not handed to the long-lived server.
        if as_pg "$dir" "$BIN/pg_ctl" -D "$dir/data" -w -t "$TIMEOUT" start >> "$LOG_FILE" 2>&1 < /dev/null 9>&-; then
            break
        fi
        if [[ -z "${FULCRUM_PG_PORT:-}" ]] && (( attempt < 5 )) \
            && tail -c +"$((log_size + 1))" "$LOG_FILE" | grep -q 'could not bind IPv4 address'; then
            say "port $port was taken meanwhile; trying the next one"
            from=$((port + 1))
            continue
        fi
        fail_with_log "pg_ctl start failed for $dir/data"
    done
    wait_until_ready "$dir" "$port"

    # The password goes through psql's stdin, never a command line; a failing statement is
    # kept out of the server log so the password cannot land there either.
    printf '%s\n' \
        "SET log_min_error_statement = panic;" \
        "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$password';" \
        "CREATE DATABASE $DATABASE OWNER $ROLE;" \
        | as_pg "$dir" "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
            >> "$LOG_FILE" 2>&1 \
        || fail_with_log "could not create role $ROLE and database $DATABASE"
    # Log in the way the tests will, over TCP with the password.
    PGPASSWORD="$password" "$BIN/psql" -X -q -At -h 127.0.0.1 -p "$port" -U "$ROLE" -d "$DATABASE" \
        -c 'select 1' >/dev/null 2>> "$LOG_FILE" \
        || fail_with_log "the new cluster refused a password login as $ROLE on 127.0.0.1:$port"

    STARTING_DIR=""
    pid="$(postmaster_pid "$dir")"
    say "running (pid $pid) at $(masked_url "$port") (data: $dir/data); full url: scripts/postgres.sh url"
}

stop() {
    lock
    local dir pid
    dir="$(recorded_dir)"
    if [[ -z "$dir" ]]; then
        clear_state
        say "stopped (was not running)"
        return 0
    fi
    pid="$(teardown "$dir")"
    clear_state
    if [[ -n "$pid" ]]; then
        say "stopped (pid $pid); removed $dir"
    else
        say "stopped (was not running); removed $dir"
    fi
}

url() {
    local dir pid port password
    dir="$(recorded_dir)"
    pid="$(postmaster_pid "$dir")"
    [[ -n "$pid" ]] || fail "not running; start it with scripts/postgres.sh start"
    port="$(recorded_port)"
    password="$(cat "$PASSWORD_FILE" 2>/dev/null || true)"
    [[ -n "$port" && -n "$password" ]] \
        || fail "running (pid $pid) but $PORT_FILE or $PASSWORD_FILE is missing; run scripts/postgres.sh stop, then start"
    echo "postgres://$ROLE:$password@127.0.0.1:$port/$DATABASE"
}

status() {
    local dir pid port
    dir="$(recorded_dir)"
    pid="$(postmaster_pid "$dir")"
    if [[ -n "$pid" ]]; then
        port="$(recorded_port)"
        if find_bin && "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1 >/dev/null 2>&1; then
            echo "running (pid $pid) at $(masked_url "$port") (data: $dir/data)"
        else
            echo "running (pid $pid, not accepting connections yet) at $(masked_url "$port") (data: $dir/data)"
        fi
        return 0
    fi
    echo "stopped"
    return 3
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    status) status ;;
    *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
