#!/usr/bin/env bash
# Benchmark P2: import of the national CSV set (the export of `incunet demo --scale national`)
# fully validated into the real schema with its indexes, against the reference loaders of the
# same files into bare tables without indexes: the sqlite3 CLI's .import, and psql's \copy.
# Prints both times and the ratios (goal ≤ 2×) in one run.
#
#   bench/import/run.sh [--scale national|province|small] [--bin build/incunet]
#                       [--baseline-bin PATH]
#
# --baseline-bin PATH: a second incunet binary (e.g. one built from the commit before a change).
# It imports the very same CSV files (exported once, by --bin) into its own databases, migrated by
# itself, right after the candidate on each database (SQLite, then PostgreSQL) with the same
# options. A last table prints both times (wall and CPU), the ratio candidate / baseline and
# whether it lies within 10% (bench/baseline-lib.sh); the reference loads and the schema floor do
# not depend on the binary and run once.
#
# Starts a throwaway PostgreSQL through scripts/with-postgres.sh unless INCUNET_TEST_PG is set.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/bench/baseline-lib.sh"
SCALE=national
BIN="$ROOT/build/incunet"
BASE_BIN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --bin) BIN=$2; shift 2 ;;
    --baseline-bin) BASE_BIN=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
BIN=$(abs_bin "$BIN")
if [ -n "$BASE_BIN" ]; then
  [ -x "$BASE_BIN" ] || { echo "baseline binary not found: $BASE_BIN" >&2; exit 2; }
  BASE_BIN=$(abs_bin "$BASE_BIN")
fi
if [ -z "${INCUNET_TEST_PG:-}" ]; then
  exec "$ROOT/scripts/with-postgres.sh" "$0" --scale "$SCALE" --bin "$BIN" \
    ${BASE_BIN:+--baseline-bin "$BASE_BIN"}
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI not found (apt-get install sqlite3)" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql not found (apt-get install postgresql-client)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/incunet-bench-import.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export INCUNET_FAST_PWHASH=1
ENTITIES="carriers recognitions enterprises incubations qualifications listings"
now() { date +%s.%N; }

echo "== generating the $SCALE demo and exporting its CSV set" >&2
"$BIN" demo --db "$WORK/source.db" --scale "$SCALE" --seed 1 --accounts-file "$WORK/accounts.txt" \
  >/dev/null 2>"$WORK/demo.log"
ROWS=0
for e in $ENTITIES; do
  "$BIN" export --db "$WORK/source.db" --entity "$e" --out "$WORK/$e.csv" >/dev/null
  n=$(( $(wc -l <"$WORK/$e.csv") - 1 ))
  ROWS=$((ROWS + n))
  printf '   %-15s %9s lines %8s bytes\n' "$e" "$n" "$(stat -c %s "$WORK/$e.csv")" >&2
done

# CPU seconds (user + system) recorded by /usr/bin/time in file $1: on a shared, loaded machine
# wall times swing with the load, CPU time much less.
cpu() { awk '{ s += $1 + $2 } END { printf "%.2f", s }' "$1"; }

ours() {  # $1 = database URL, $2 = tag, $3 = binary (default BIN); migrated before the clock starts
  local bin=${3:-$BIN}
  "$bin" migrate --db "$1" >/dev/null
  local t0 t1
  t0=$(now)
  for e in $ENTITIES; do
    # --skip-bad: a demo fault (e.g. two teams of one name at one carrier) must not stop the
    # run; every row is still fully validated and the rejected ones are counted below.
    /usr/bin/time -a -o "$WORK/cpu-$2" -f "%U %S" \
      "$bin" import --db "$1" --entity "$e" --quiet --skip-bad --rejects "$WORK/rejects-$2-$e.csv" \
      "$WORK/$e.csv" >"$WORK/import-$2-$e.log" ||
      { tail -n 20 "$WORK/import-$2-$e.log" >&2; echo "import of $e failed" >&2; exit 1; }
  done
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}

echo "== SQLite: incunet import (validated, real schema and indexes)" >&2
T_OURS_SQLITE=$(ours "$WORK/ours.db" sqlite)
if [ -n "$BASE_BIN" ]; then
  echo "== SQLite: baseline incunet import (same files, same options)" >&2
  T_BASE_SQLITE=$(ours "$WORK/base.db" sqlite-base "$BASE_BIN")
fi
echo "== SQLite: sqlite3 .import into bare tables" >&2
t0=$(now)
{
  for e in $ENTITIES; do echo ".import --csv '$WORK/$e.csv' $e"; done
} | /usr/bin/time -o "$WORK/cpu-ref" -f "%U %S" sqlite3 "$WORK/ref.db"
t1=$(now)
T_REF_SQLITE=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

echo "== SQLite: schema floor (bare tables -> real schema by INSERT ... SELECT, no checks)" >&2
"$BIN" migrate --db "$WORK/floor.db" >/dev/null
# As the importer does on SQLite: the statistics change log's row triggers are left out of the
# load and the log gets one set-based statement at its end.
for t in $(sqlite3 "$WORK/floor.db" "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stats\_%' ESCAPE '\'"); do
  sqlite3 "$WORK/floor.db" "DROP TRIGGER $t"
done
t0=$(now)
{
  echo ".bail on"
  echo "ATTACH '$WORK/ref.db' AS r;"
  sed 's/row_no/rowid/g' "$ROOT/bench/import/floor.sql"
  echo "INSERT INTO stats_changes(kind, ref, seq) SELECT kind, ref, ROW_NUMBER() OVER (ORDER BY kind, ref)"
  echo "  FROM (SELECT 'c' AS kind, id AS ref FROM carriers UNION SELECT 'e', id FROM enterprises) WHERE true"
  echo "  ON CONFLICT (kind, ref) DO UPDATE SET seq = excluded.seq;"
} | /usr/bin/time -o "$WORK/cpu-floor" -f "%U %S" sqlite3 "$WORK/floor.db"
t1=$(now)
T_FLOOR_SQLITE=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

PGBASE=${INCUNET_TEST_PG%/*}
psql -q "$INCUNET_TEST_PG" -c "DROP DATABASE IF EXISTS bench_ours" -c "DROP DATABASE IF EXISTS bench_ref" \
  -c "DROP DATABASE IF EXISTS bench_base" \
  -c "CREATE DATABASE bench_ours TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" \
  -c "CREATE DATABASE bench_base TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" \
  -c "CREATE DATABASE bench_ref TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" >/dev/null
echo "== PostgreSQL: incunet import" >&2
T_OURS_PG=$(ours "$PGBASE/bench_ours" pg)
if [ -n "$BASE_BIN" ]; then
  echo "== PostgreSQL: baseline incunet import (same files, same options)" >&2
  T_BASE_PG=$(ours "$PGBASE/bench_base" pg-base "$BASE_BIN")
fi
echo "== PostgreSQL: psql \\copy into bare tables" >&2
{
  for e in $ENTITIES; do
    cols=$(head -n 1 "$WORK/$e.csv" | tr -d '\r' | awk -F, '{for (i = 1; i <= NF; i++) printf "%sc%d text", (i > 1 ? ", " : ""), i}')
    echo "CREATE TABLE $e ($cols);"
  done
} | psql -q "$PGBASE/bench_ref" >/dev/null
t0=$(now)
for e in $ENTITIES; do
  psql -q "$PGBASE/bench_ref" -c "\\copy $e FROM '$WORK/$e.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
done
t1=$(now)
T_REF_PG=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

echo "== PostgreSQL: schema floor" >&2
psql -q "$INCUNET_TEST_PG" -c "DROP DATABASE IF EXISTS bench_floor" \
  -c "CREATE DATABASE bench_floor TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" >/dev/null
"$BIN" migrate --db "$PGBASE/bench_floor" >/dev/null
psql -q "$PGBASE/bench_floor" -c "CREATE SCHEMA r" >/dev/null
for e in $ENTITIES; do
  # Chinese headers as column names; FORCE_NOT_NULL keeps empty fields '' as in SQLite.
  quoted=$(head -n 1 "$WORK/$e.csv" | sed 's/^\xEF\xBB\xBF//' | tr -d '\r' | awk -F, '{for (i = 1; i <= NF; i++) printf "%s\"%s\"", (i > 1 ? ", " : ""), $i}')
  typed=$(echo "$quoted" | sed 's/"\([^"]*\)"/"\1" text/g')
  psql -q "$PGBASE/bench_floor" -c "CREATE TABLE r.$e (row_no bigserial, $typed)" \
    -c "\\copy r.$e ($quoted) FROM '$WORK/$e.csv' WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL ($quoted))" >/dev/null
done
t0=$(now)
psql -q -v ON_ERROR_STOP=1 "$PGBASE/bench_floor" -f "$ROOT/bench/import/floor.sql" >/dev/null
t1=$(now)
T_FLOOR_PG=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

# Both sides loaded the same number of rows.
for e in $ENTITIES; do
  a=$(sqlite3 "$WORK/ref.db" "SELECT COUNT(*) FROM $e")
  b=$(psql -tA "$PGBASE/bench_ref" -c "SELECT COUNT(*) FROM $e")
  c=$(sqlite3 "$WORK/floor.db" "SELECT COUNT(*) FROM $e")
  d=$(psql -tA "$PGBASE/bench_floor" -c "SELECT COUNT(*) FROM public.$e")
  [ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$a" = "$d" ] ||
    { echo "row counts differ for $e: $a $b $c $d" >&2; exit 1; }
done

rejected() {  # tag → rows rejected by validation over all files
  local n=0 r e
  for e in $ENTITIES; do
    r=$(grep -o '[0-9]* rejected' "$WORK/import-$1-$e.log" | head -n 1 | cut -d' ' -f1)
    n=$((n + ${r:-0}))
  done
  echo "$n"
}
REJECTED=$(rejected sqlite)
if [ -n "$BASE_BIN" ]; then
  # The binaries are meant to behave alike: the same rows kept and rejected, on both databases.
  for t in sqlite-base pg pg-base; do
    [ "$(rejected "$t")" = "$REJECTED" ] ||
      echo "note: $t rejected $(rejected "$t") rows, sqlite $REJECTED" >&2
  done
  for e in $ENTITIES; do
    a=$(sqlite3 "$WORK/ours.db" "SELECT COUNT(*) FROM $e")
    b=$(sqlite3 "$WORK/base.db" "SELECT COUNT(*) FROM $e")
    c=$(psql -tA "$PGBASE/bench_ours" -c "SELECT COUNT(*) FROM $e")
    d=$(psql -tA "$PGBASE/bench_base" -c "SELECT COUNT(*) FROM $e")
    [ "$a" = "$b" ] && [ "$c" = "$d" ] ||
      echo "note: imported row counts differ for $e: SQLite $a / baseline $b, PostgreSQL $c / baseline $d" >&2
  done
fi
printf '\nP2 bulk import, scale %s, %d rows in %d files (%d rejected by validation)\n' \
  "$SCALE" "$ROWS" 6 "$REJECTED"
printf '  SQLite      incunet import %8.2f s   sqlite3 .import %8.2f s   ratio %5.2fx (goal <= 2x)\n' \
  "$T_OURS_SQLITE" "$T_REF_SQLITE" "$(awk -v a="$T_OURS_SQLITE" -v b="$T_REF_SQLITE" 'BEGIN { print a / b }')"
printf '  SQLite CPU  incunet import %8.2f s   sqlite3 .import %8.2f s   ratio %5.2fx (user+system)\n' \
  "$(cpu "$WORK/cpu-sqlite")" "$(cpu "$WORK/cpu-ref")" \
  "$(awk -v a="$(cpu "$WORK/cpu-sqlite")" -v b="$(cpu "$WORK/cpu-ref")" 'BEGIN { print a / b }')"
printf '  SQLite      schema floor   %8.2f s   (CPU %.2f s): the reference plus this is the least any CSV importer costs\n' \
  "$T_FLOOR_SQLITE" "$(cpu "$WORK/cpu-floor")"
printf '  SQLite      (reference + floor) / reference %5.2fx   incunet / (reference + floor) %5.2fx\n' \
  "$(awk -v a="$T_REF_SQLITE" -v f="$T_FLOOR_SQLITE" 'BEGIN { print (a + f) / a }')" \
  "$(awk -v o="$T_OURS_SQLITE" -v a="$T_REF_SQLITE" -v f="$T_FLOOR_SQLITE" 'BEGIN { print o / (a + f) }')"
printf '  PostgreSQL  incunet import %8.2f s   psql \\copy      %8.2f s   ratio %5.2fx (goal <= 2x)\n' \
  "$T_OURS_PG" "$T_REF_PG" "$(awk -v a="$T_OURS_PG" -v b="$T_REF_PG" 'BEGIN { print a / b }')"
printf '  PostgreSQL  schema floor   %8.2f s\n' "$T_FLOOR_PG"
printf '  PostgreSQL  (reference + floor) / reference %5.2fx   incunet / (reference + floor) %5.2fx\n' \
  "$(awk -v a="$T_REF_PG" -v f="$T_FLOOR_PG" 'BEGIN { print (a + f) / a }')" \
  "$(awk -v o="$T_OURS_PG" -v a="$T_REF_PG" -v f="$T_FLOOR_PG" 'BEGIN { print o / (a + f) }')"
if [ -n "$BASE_BIN" ]; then
  printf '\nP2 candidate vs baseline, scale %s, same CSV files and options, back to back\n' "$SCALE"
  echo "  candidate $BIN"
  echo "  baseline  $BASE_BIN"
  echo "  (ratio = candidate / baseline; within 10%: ratio in [0.90, 1.10]; NO-worse = more than 10% slower)"
  baseline_header
  baseline_row "SQLite, incunet import, wall" lower s "$(printf '%.2f' "$T_OURS_SQLITE")" "$(printf '%.2f' "$T_BASE_SQLITE")"
  baseline_row "SQLite, incunet import, CPU (user+system)" lower s "$(cpu "$WORK/cpu-sqlite")" "$(cpu "$WORK/cpu-sqlite-base")"
  baseline_row "PostgreSQL, incunet import, wall" lower s "$(printf '%.2f' "$T_OURS_PG")" "$(printf '%.2f' "$T_BASE_PG")"
  baseline_row "PostgreSQL, incunet import, CPU (client)" lower s "$(cpu "$WORK/cpu-pg")" "$(cpu "$WORK/cpu-pg-base")"
fi
