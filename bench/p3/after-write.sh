#!/usr/bin/env bash
# P3 after a write: the first dashboard (summary with the year before + the provinces + the funnel,
# as bench/p3/run.sh) after each typical write on the national set — a carrier edited, a stay
# admitted and one graduated, a listing added (through the API), then an import job of
# enterprises and one of their stays (`incunet import`, a second process on the same file).
# Prints one line per step: seconds for the three requests.
# The script WRITES to DB: give it a migrated copy of the national set, never the original.
# Usage: bench/p3/after-write.sh DB      (INCUNET_BIN: the binary; IMPORT_ROWS: rows per job)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${INCUNET_BIN:-build/incunet}
DB=${1:?usage: bench/p3/after-write.sh DB}
N=${IMPORT_ROWS:-3000}
D=2024-12-31
WORK=$(mktemp -d)
LOGIN="p3bench$RANDOM"
PASS="p3-$RANDOM-$RANDOM-$RANDOM"
printf '%s\n' "$PASS" | "$BIN" user add --db "$DB" --login "$LOGIN" --role national_admin \
  --password-stdin >/dev/null
source bench/server-lib.sh
start_server
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

urls=("$BASE/api/v1/stats/summary?as_of=$D" "$BASE/api/v1/stats/by-region?as_of=$D"
      "$BASE/api/v1/stats/funnel?as_of=$D")
dashboard() {  # one keep-alive connection, the three requests; prints seconds
  curl -s -o /dev/null -w '%{time_total}\n' "${urls[@]}" | awk '{s += $1} END {printf "%.3f\n", s}'
}
CSRF=$(curl -sf -c "$WORK/jar" -H 'Content-Type: application/json' \
  -d "{\"login\":\"$LOGIN\",\"password\":\"$PASS\"}" "$BASE/api/v1/auth/login" | jq -r .csrf_token)
api() {  # METHOD PATH [BODY]; fails on a non-2xx answer
  curl -sf -b "$WORK/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -X "$1" "$BASE$2" ${3:+-d "$3"}
}
q() { sqlite3 "$DB" "$1"; }
step() { printf '%-58s %s s\n' "$1" "$(dashboard)"; }

echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
step "first dashboard after start (every fact from raw rows)"
step "again (warm)"

cid=$(q "SELECT id FROM carriers WHERE closed_on IS NULL AND founded_on <= '$D' ORDER BY id LIMIT 1 OFFSET 100")
ver=$(api GET "/api/v1/carriers/$cid" | jq .version)
api PATCH "/api/v1/carriers/$cid" "{\"version\":$ver,\"closed_on\":\"2024-06-30\"}" >/dev/null
step "carrier $cid edited (closed)"
step "again (warm)"

iid=$(q "SELECT id FROM incubations WHERE state = 'incubating' ORDER BY id LIMIT 1 OFFSET 1000")
api POST "/api/v1/incubations/$iid/transitions" '{"to":"graduated","on":"2024-12-01"}' >/dev/null
step "stay $iid graduated"

eid=$(q "SELECT e.id FROM enterprises e WHERE e.uscc IS NOT NULL AND NOT EXISTS (SELECT 1 FROM
  incubations i WHERE i.enterprise_id = e.id AND i.state IN ('applied','admitted','incubating'))
  ORDER BY e.id LIMIT 1 OFFSET 2000")
cid2=$(q "SELECT id FROM carriers WHERE closed_on IS NULL ORDER BY id LIMIT 1 OFFSET 200")
iid=$(api POST /api/v1/incubations "{\"enterprise_id\":$eid,\"carrier_id\":$cid2,\"applied_on\":\"2024-10-01\"}" | jq .id)
step "stay $iid applied"
api POST "/api/v1/incubations/$iid/transitions" '{"to":"admitted","on":"2024-10-10"}' >/dev/null
step "stay $iid admitted"

lid=$(q "SELECT e.id FROM enterprises e WHERE e.uscc IS NOT NULL AND EXISTS (SELECT 1 FROM
  incubations i WHERE i.enterprise_id = e.id) AND NOT EXISTS (SELECT 1 FROM listings l WHERE
  l.enterprise_id = e.id) ORDER BY e.id LIMIT 1 OFFSET 3000")
body=$(api GET "/api/v1/enterprises/$lid" | jq -c '{version, listings: (.listings + [{"board":"star","code":"688999","listed_on":"2024-09-01"}])}')
api PATCH "/api/v1/enterprises/$lid" "$body" >/dev/null
step "listing added to enterprise $lid"

# An import job: N new enterprises seated in 南山区, then their N stays at one carrier.
ccode=$(q "SELECT code FROM carriers WHERE closed_on IS NULL AND region_code LIKE '4403%' ORDER BY id LIMIT 1")
seed=$((RANDOM * 32768 + RANDOM))
awk -v n="$N" -v seed="$seed" 'BEGIN {
  cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"; split("1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28", w, " ")
  for (i = 1; i <= 31; i++) v[substr(cs, i, 1)] = i - 1
  print "统一社会信用代码,企业名称,是否创业团队,团队所属载体编码,成立日期,所在区县代码,行业代码,技术领域,从业人员数" > "/dev/stderr"
  for (r = 0; r < n; r++) {
    body = sprintf("91440305%09d", (seed + r) % 1000000000)
    s = 0; for (i = 1; i <= 17; i++) s += v[substr(body, i, 1)] * w[i]
    c = (31 - s % 31) % 31
    printf "%s%s,基准企业%d-%d,否,,2023-01-01,440305,,,12\n", body, substr(cs, c + 1, 1), seed, r > "/dev/stderr"
    printf "%s%s\n", body, substr(cs, c + 1, 1)
  }
}' >"$WORK/uscc.txt" 2>"$WORK/enterprises.csv"
"$BIN" import --db "$DB" --entity enterprises --quiet "$WORK/enterprises.csv" >/dev/null
step "import job: $N enterprises"
{
  echo "企业统一社会信用代码,团队名称,团队所属载体编码,载体编码,孵化状态,申请日期,录取日期,入孵日期,结束日期,结束原因,占用面积（平方米）"
  awk -v c="$ccode" '{printf "%s,,,%s,incubating,2024-03-01,2024-03-10,2024-03-15,,,20\n", $1, c}' "$WORK/uscc.txt"
} >"$WORK/incubations.csv"
"$BIN" import --db "$DB" --entity incubations --quiet "$WORK/incubations.csv" >/dev/null
step "import job: $N stays at carrier $ccode"
step "again (warm)"
