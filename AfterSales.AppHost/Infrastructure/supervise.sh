# Sourced by the local-*.sh scripts: keeps their server running the way systemd's Restart=on-failure
# does. A server that dies other than by the stop this script sends (a crash, SIGKILL, the OOM killer)
# is started again after a short back-off, on the same port and data, and the restart is logged.
# SIGTERM or SIGINT to the script stops the server with the given signal and ends the script once the
# server has exited; a server that exits cleanly by itself ends the script too.
#
# The sourcing script defines start_server, which starts the server in the background as a direct child
# of the script (so $! is the server itself: what an operator or a test signals), then calls
#   supervise NAME STOP_SIGNAL

supervised_pid=
supervised_stopping=0

supervise() {
  local name=$1 stop_signal=$2
  # Grows while the server keeps dying within seconds of its start (a port taken, a crash at start).
  local delays=(0.5 1 2 4 8) attempt=0 started status
  trap 'supervised_stopping=1; [ -z "$supervised_pid" ] || kill -s '"$stop_signal"' "$supervised_pid" 2>/dev/null' TERM INT
  while :; do
    started=$SECONDS
    start_server
    supervised_pid=$!
    # A stop that came before the pid was known is passed on now.
    [ "$supervised_stopping" = 0 ] || kill -s "$stop_signal" "$supervised_pid" 2>/dev/null || true
    status=0
    wait "$supervised_pid" || status=$?
    if [ "$supervised_stopping" = 1 ]; then
      wait "$supervised_pid" 2>/dev/null || true # the first wait was cut short by the trap
      exit 0
    fi
    if [ "$status" = 0 ]; then
      echo "$name exited by itself; not restarting it"
      exit 0
    fi

    if [ $((SECONDS - started)) -ge 10 ]; then attempt=0; fi
    local delay=${delays[$attempt]}
    [ "$attempt" -ge $((${#delays[@]} - 1)) ] || attempt=$((attempt + 1))
    if [ "$status" -gt 128 ]; then
      echo "$name (pid $supervised_pid) was killed by SIG$(kill -l "$status"); starting it again in ${delay}s"
    else
      echo "$name (pid $supervised_pid) exited with status $status; starting it again in ${delay}s"
    fi
    supervised_pid=
    sleep "$delay" &
    local sleeper=$!
    wait "$sleeper" || true # a stop during the back-off cuts it short
    if [ "$supervised_stopping" = 1 ]; then
      kill "$sleeper" 2>/dev/null || true
      exit 0
    fi
  done
}
