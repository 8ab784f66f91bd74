# Shared by the statistics benchmarks: start `incunet serve` on a loopback port and stop it on exit.
# Sets PORT, PID and BASE. Needs BIN and DB.
start_server() {
  PORT=$((20000 + RANDOM % 20000))
  "$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >"/tmp/incunet-bench-server-$PORT.log" 2>&1 &
  PID=$!
  trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT
  BASE="http://127.0.0.1:$PORT"
  for _ in $(seq 1 300); do
    curl -sf "$BASE/api/v1/health" >/dev/null 2>&1 && return 0
    kill -0 "$PID" 2>/dev/null || { cat "/tmp/incunet-bench-server-$PORT.log" >&2; return 1; }
    sleep 0.2
  done
  echo "server did not start" >&2
  return 1
}
