#!/usr/bin/env bash
# Runs this machine's redis-server for the AppHost's "local" infrastructure mode and for the functional
# tests. Durability on: the append-only file is fsynced on every write and kept in DATA_DIR between
# runs. The outbox relay marks an event published once Redis has taken it, so an entry Redis
# acknowledged must survive a crash of Redis, not only a clean stop. A crashed or killed server is
# started again within seconds, on the same port and data (supervise.sh).
# Environment:
#   PORT            TCP port to listen on (loopback only)
#   DATA_DIR        directory for the append-only file and snapshots
#   REDIS_PASSWORD  password of the default user, which may do anything: for the AppHost and tests only
#   REDIS_USERS     each service's own ACL user, one redis.conf "user" line each (passwords as SHA-256)
set -euo pipefail
exec 2>&1

: "${PORT:?PORT is required}" "${DATA_DIR:?DATA_DIR is required}" "${REDIS_PASSWORD:?REDIS_PASSWORD is required}"
if ! command -v redis-server >/dev/null; then
  echo "redis-server not found; install it: apt-get install -y redis-server"
  exit 1
fi
mkdir -p "$DATA_DIR"

# shellcheck source=supervise.sh
source "$(dirname "${BASH_SOURCE[0]}")/supervise.sh"

# The configuration, password included, goes through stdin so it never shows in the process list. If
# this script dies, the server gets SIGTERM too (parent-death signal) instead of holding the port.
start_server() {
  setpriv --pdeathsig TERM redis-server - <<CONF &
port $PORT
bind 127.0.0.1 -::1
protected-mode yes
daemonize no
dir $DATA_DIR
appendonly yes
appendfsync always
save 300 1
requirepass $REDIS_PASSWORD
${REDIS_USERS:-}
CONF
}

supervise redis-server TERM
