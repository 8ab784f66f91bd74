#!/usr/bin/env bash
# P3: the national dashboard (summary with the year before, the provinces for the map, the funnel),
# warm, against the same figures as plain GROUP BY queries in the sqlite3 CLI (goal <= 0.2x), and
# its p99 latency under wrk (goal <= 20 ms). Needs the national set: bench/national.sh makes it.
# Usage: bench/p3/run.sh [DB]   (default /tmp/incunet-national.db)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${INCUNET_BIN:-build/incunet}
DB=${1:-/tmp/incunet-national.db}
D=2024-12-31
P=2023-12-31
[ -f "$DB" ] || { echo "no national set at $DB: run bench/national.sh first" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 2; }
source bench/server-lib.sh
start_server

urls=("$BASE/api/v1/stats/summary?as_of=$D" "$BASE/api/v1/stats/by-region?as_of=$D"
      "$BASE/api/v1/stats/funnel?as_of=$D")
dashboard() {  # one keep-alive connection, the three requests; prints seconds
  curl -s -o /dev/null -w '%{time_total}\n' "${urls[@]}" | awk '{s += $1} END {printf "%.6f\n", s}'
}
cold=$(dashboard)
warm=$(for _ in $(seq 21); do dashboard; done | sort -n | sed -n 11p)

sed -e "s/@D@/$D/g" -e "s/@P@/$P/g" bench/p3/reference.sql >/tmp/incunet-p3-reference.sql
reference() {
  local t0 t1
  t0=$(date +%s.%N)
  sqlite3 "$DB" </tmp/incunet-p3-reference.sql >/tmp/incunet-p3-reference.out
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
reference >/dev/null  # warm the page cache as the server's is
ref=$(reference)
ratio=$(echo "scale=6; $warm / $ref" | bc)

WRK_ARGS=${WRK_ARGS:--t1 -c4 -d15s}
# shellcheck disable=SC2086
wrk $WRK_ARGS --latency -s bench/p3/dashboard.lua "$BASE" >/tmp/incunet-p3-wrk.txt
p99=$(awk '$1 == "99%" {print $2}' /tmp/incunet-p3-wrk.txt)
rps=$(awk '/Requests\/sec/ {print $2}' /tmp/incunet-p3-wrk.txt)
non2xx=$(awk '/Non-2xx/ {print $NF}' /tmp/incunet-p3-wrk.txt)

echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
echo "dashboard cold (facts read from raw rows): ${cold} s"
echo "dashboard warm (median of 21): ${warm} s"
echo "sqlite3 CLI GROUP BY reference: ${ref} s"
echo "ratio warm/reference: ${ratio}  (goal <= 0.2)"
echo "wrk $WRK_ARGS: ${rps} req/s, p99 ${p99}  (goal <= 20 ms)${non2xx:+, non-2xx $non2xx}"
ok=$(echo "$ratio <= 0.2" | bc)
p99_ms=$(echo "$p99" | awk '/ms$/ {sub("ms",""); print; next} /us$/ {sub("us",""); print $1/1000; next} /s$/ {sub("s",""); print $1*1000}')
ok2=$(echo "$p99_ms <= 20" | bc)
[ "$ok" = 1 ] && [ "$ok2" = 1 ] && [ -z "$non2xx" ]
