#!/usr/bin/env bash
# Generates the national demo network, loads it and checks every figure of DOMAIN.md's table
# within its tolerance ("~": ±5%; ">": at most 15% above; "since 1987": exactly), computed by the
# statistics module from the raw rows. Prints the table; exits non-zero on a miss.
# Usage: bench/national.sh [DB]   (default /tmp/incunet-national.db; a postgresql:// URL works too)
# Env: INCUNET_BIN (default build/incunet), SEED (default 1), KEEP=1 keeps an existing database.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${INCUNET_BIN:-build/incunet}
DB=${1:-/tmp/incunet-national.db}
SEED=${SEED:-1}
[ -x "$BIN" ] || { echo "build the binary first: $BIN" >&2; exit 2; }

if [ "${KEEP:-0}" = 1 ] && [ -f "$DB" ]; then
  echo "keeping $DB"
else
  case "$DB" in postgresql://*|postgres://*) ;; *) rm -f "$DB" "$DB-wal" "$DB-shm" ;; esac
  echo "== generate and load (scale national, seed $SEED)"
  start=$(date +%s.%N)
  INCUNET_FAST_PWHASH=1 /usr/bin/time -f "loader peak RSS %M KiB, %e s wall, %U s user" \
    "$BIN" demo --db "$DB" --scale national --seed "$SEED" --accounts-file /tmp/incunet-national-accounts.txt
  end=$(date +%s.%N)
  echo "generate+load: $(echo "$end - $start" | bc) s"
fi
echo "== DOMAIN.md figures"
"$BIN" stats check --db "$DB" --scale national
