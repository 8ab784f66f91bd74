#!/usr/bin/env bash
# P1: wrk against GET /api/v1/carriers/{id} and a list page of 50, beside nginx serving the very
# same JSON bytes as static files — same wrk threads and connections, in one run. Prints both
# throughputs, both p99 latencies and the ratios (goal: ≥ 0.5× nginx's requests/s, p99 ≤ 2×).
# A last row measures the list page for a logged-in caller, which the public cache does not serve.
# Usage: bench/p1/run.sh [duration_seconds] [connections]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DUR="${1:-10}"
CONN="${2:-64}"
THREADS=2
for p in wrk nginx-light bc curl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$p" >/dev/null
done
BIN="${INCUNET_BIN:-$ROOT/build/incunet}"
[ -x "$BIN" ] || "$ROOT/scripts/build.sh"

TMP=$(mktemp -d /tmp/incunet-p1.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

port() { echo $(( 20000 + RANDOM % 30000 )); }
APORT=$(port)
NPORT=$(port)
export INCUNET_FAST_PWHASH=1
"$BIN" demo --db "$TMP/p1.db" --scale small --accounts-file "$TMP/acc.txt" >/dev/null 2>&1
"$BIN" serve --db "$TMP/p1.db" --listen "127.0.0.1:$APORT" --threads "$(nproc)" \
  --log-level warn >"$TMP/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$APORT/api/v1/health" >/dev/null && break; sleep 0.1; done

ID=$(curl -fs "http://127.0.0.1:$APORT/api/v1/carriers?limit=1" | sed -E 's/.*"id":([0-9]+).*/\1/')
ONE="/api/v1/carriers/$ID"
LIST="/api/v1/carriers?limit=50"
mkdir -p "$TMP/www"
curl -fs "http://127.0.0.1:$APORT$ONE" >"$TMP/www/one.json"
curl -fs "http://127.0.0.1:$APORT$LIST" >"$TMP/www/list.json"

cat >"$TMP/nginx.conf" <<CONF
worker_processes auto;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  server {
    listen 127.0.0.1:$NPORT;
    root $TMP/www;
  }
}
CONF
nginx -c "$TMP/nginx.conf"

run_wrk() {  # url [wrk options…] → "rps p99_ms"
  local out url="$1"
  shift
  out=$(wrk -t"$THREADS" -c"$CONN" -d"${DUR}s" --latency "$@" "$url")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  echo "$rps $p99"
}

printf '%-22s %12s %10s %12s %10s %9s %9s\n' case incunet_rps p99_ms nginx_rps p99_ms rps_ratio p99_ratio
for case in one list; do
  if [ "$case" = one ]; then U="$ONE"; F=one.json; else U="$LIST"; F=list.json; fi
  read -r ar ap <<<"$(run_wrk "http://127.0.0.1:$APORT$U")"
  read -r nr np <<<"$(run_wrk "http://127.0.0.1:$NPORT/$F")"
  printf '%-22s %12.0f %10.2f %12.0f %10.2f %9.2f %9.2f\n' "$case ($(stat -c %s "$TMP/www/$F") B)" \
    "$ar" "$ap" "$nr" "$np" "$(echo "$ar / $nr" | bc -l)" "$(echo "$ap / $np" | bc -l)"
done
# A logged-in caller (Bearer token of the demo national admin) bypasses the public cache: every
# request authenticates and reads the page from the database. Compared with the same nginx file.
PW=$(awk '$1 == "demo-national" {print $3}' "$TMP/acc.txt")
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"login\":\"demo-national\",\"password\":\"$PW\"}" \
  "http://127.0.0.1:$APORT/api/v1/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
read -r ar ap <<<"$(run_wrk "http://127.0.0.1:$APORT$LIST" -H "Authorization: Bearer $TOKEN")"
printf '%-22s %12.0f %10.2f %12.0f %10.2f %9.2f %9.2f\n' "list, logged in" \
  "$ar" "$ap" "$nr" "$np" "$(echo "$ar / $nr" | bc -l)" "$(echo "$ap / $np" | bc -l)"
echo "wrk -t$THREADS -c$CONN -d${DUR}s on $(nproc) cores; goal: rps_ratio >= 0.5, p99_ratio <= 2"
