#!/usr/bin/env bash
# Runs this machine's PostgreSQL server for the AppHost's "local" infrastructure mode and for the
# functional tests: no container runtime needed. Data persists in DATA_DIR between runs; fsync and
# synchronous commit stay on (PostgreSQL's defaults). A crashed or killed server is started again within
# seconds, on the same port and data (supervise.sh). Environment:
#   PORT               TCP port to listen on (loopback only)
#   DATA_DIR           cluster directory, created with initdb on first run
#   POSTGRES_PASSWORD  password of the "postgres" superuser, (re)applied at every start
set -euo pipefail
exec 2>&1 # PostgreSQL logs to stderr; the dashboard would show every line as an error.

: "${PORT:?PORT is required}" "${DATA_DIR:?DATA_DIR is required}" "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
case "$POSTGRES_PASSWORD" in *"'"* | *'\'*) echo "POSTGRES_PASSWORD must not contain quotes or backslashes"; exit 2 ;; esac

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql; install them: apt-get install -y postgresql"
  exit 1
fi

# initdb and postgres refuse to run as root: drop to the postgres user, which must own the data.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups)
  mkdir -p "$DATA_DIR"
  chown postgres:postgres "$DATA_DIR"
fi
mkdir -p "$DATA_DIR"
chmod 700 "$DATA_DIR"

if [ ! -s "$DATA_DIR/PG_VERSION" ]; then
  "${as_owner[@]}" "$bin/initdb" --pgdata="$DATA_DIR" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-host=scram-sha-256 --auth-local=peer >/dev/null
fi

# The password is applied in single-user mode before the server starts, so whatever the AppHost's
# parameter holds is what the server accepts, and no password is ever written to disk by us. After an
# unclean stop it is this step that recovers, so it syncs the data directory the fast way too (syncfs).
echo "ALTER USER postgres PASSWORD '$POSTGRES_PASSWORD';" \
  | "${as_owner[@]}" "$bin/postgres" --single -D "$DATA_DIR" -c unix_socket_directories= -c recovery_init_sync_method=syncfs postgres >/dev/null

# shellcheck source=supervise.sh
source "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

# If this script dies, the server gets a fast shutdown (parent-death signal) instead of holding the port.
# After a crash it syncs the data directory before recovery: one syncfs of the file system rather than
# an fsync of every file, which takes tens of seconds on a busy disk. Each log line names its database.
# auto_explain is loaded but silent: a superuser turns it on for the whole server without a restart, e.g.
# ALTER SYSTEM SET auto_explain.log_min_duration = '200ms'; SELECT pg_reload_conf(); and every slower
# statement's plan is logged (the benchmark reads the plans of the suite's queries this way).
start_server() {
  "${as_owner[@]}" setpriv --pdeathsig INT "$bin/postgres" -D "$DATA_DIR" -p "$PORT" \
    -c listen_addresses=localhost -c unix_socket_directories= \
    -c max_connections=300 -c recovery_init_sync_method=syncfs \
    -c shared_preload_libraries=auto_explain -c "log_line_prefix=%m [%p] %q%d " &
}

# Fast shutdown on stop: smart shutdown would wait for the services' pooled connections forever. After a
# crash the server recovers from its write-ahead log at the next start, like after a power cut.
supervise postgres INT
