#!/usr/bin/env bash
# P6: resident memory of `incunet serve` with the national set loaded and the statistics warm
# (facts in memory, every dashboard figure, ten year ends of the series, each province's
# breakdown), after a 10 s wrk run. Goal: <= 512 MiB.
# Usage: bench/p6/run.sh [DB]   (default /tmp/incunet-national.db)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${INCUNET_BIN:-build/incunet}
DB=${1:-/tmp/incunet-national.db}
[ -f "$DB" ] || { echo "no national set at $DB: run bench/national.sh first" >&2; exit 2; }
source bench/server-lib.sh
start_server
rss() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
echo "idle RSS: $(( $(rss) / 1024 )) MiB"
curl -sf -o /dev/null "$BASE/api/v1/stats/summary?as_of=2024-12-31"
curl -sf -o /dev/null "$BASE/api/v1/stats/series?from=2016&to=2025"
for p in $(curl -sf "$BASE/api/v1/regions?level=province&limit=200" | grep -o '"code":"[0-9]*"' | cut -d'"' -f4); do
  curl -s -o /dev/null "$BASE/api/v1/stats/by-region?as_of=2024-12-31&parent=$p"
done
curl -sf -o /dev/null "$BASE/api/v1/stats/export.xlsx?as_of=2024-12-31"
command -v wrk >/dev/null && wrk -t2 -c16 -d10s -s bench/p3/dashboard.lua "$BASE" >/dev/null
rss_mib=$(( $(rss) / 1024 ))
hwm_mib=$(( $(awk '/^VmHWM/ {print $2}' "/proc/$PID/status") / 1024 ))
echo "warm RSS: ${rss_mib} MiB, peak (VmHWM): ${hwm_mib} MiB  (goal <= 512 MiB)"
[ "$hwm_mib" -le 512 ]
