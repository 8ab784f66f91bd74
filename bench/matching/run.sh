#!/usr/bin/env bash
# P4b: optimal batch assignment (core/assignment.hpp, LEMON network simplex) beside GLPK's glpsol
# on the same LP, both as whole processes in one run, then the national batch alone.
#
# Usage: bench/matching/run.sh [--needs N] [--resources N] [--seed S]
#   defaults: 20,000 needs with 10 candidate resources each over 2,000 resources, seed 1
#   (the issue's instance); the national batch is 100,000 needs over 16,000 resources.
# Installs glpk-utils (Debian) when glpsol is missing. Prints both objectives (they must agree),
# the times and the ratio against the goals (≥ 500× faster than glpsol; national batch ≤ 2 s).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NEEDS=20000
RESOURCES=2000
SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --needs) NEEDS=$2; shift 2 ;;
    --resources) RESOURCES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if ! command -v glpsol >/dev/null; then
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo)
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends glpk-utils >&2
fi
TMP=$(mktemp -d /tmp/incunet-p4b.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
BIN="$TMP/assign_bench"
c++ -std=gnu++20 -O2 -DNDEBUG -I"$ROOT/src" "$ROOT/src/core/assignment.cpp" \
  "$ROOT/bench/matching/assign_bench.cpp" -llemon -o "$BIN"

secs() { /usr/bin/time -f %e -o "$TMP/time" "$@" >"$TMP/out" 2>&1; cat "$TMP/time"; }

echo "== P4b assignment ($(date +%F), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
mkdir -p "$TMP/a"
"$BIN" gen "$NEEDS" "$RESOURCES" 10 "$SEED" "$TMP/a"
ours=$(secs "$BIN" solve "$TMP/a/instance.txt")
cat "$TMP/out"
ours_obj=$(sed -nE 's/^LP objective ([0-9]+)$/\1/p' "$TMP/out")
glpk=$(secs glpsol --lp "$TMP/a/instance.lp" -o "$TMP/a/solution.txt")
glpk_obj=$(sed -nE 's/^Objective: +obj = ([0-9.e+]+) .*/\1/p' "$TMP/a/solution.txt")
echo "glpsol: $(grep -E 'OPTIMAL|Time used' "$TMP/out" | tr '\n' ' ')"
echo "  LEMON network simplex  ${ours} s   objective ${ours_obj}"
echo "  glpsol (simplex, LP)   ${glpk} s   objective ${glpk_obj}"
# glpsol prints the objective with 10 significant digits: equal means within that precision.
same=$(awk -v a="$ours_obj" -v b="$glpk_obj" 'BEGIN { d = a - b; if (d < 0) d = -d; print (d <= 1e-9 * (a > 1 ? a : 1)) ? "yes" : "NO" }')
ratio=$(awk -v a="$ours" -v b="$glpk" 'BEGIN { printf "%.0f", (a > 0 ? b / a : 0) }')
echo "  same objective: $same   glpsol / ours = ${ratio}x (goal >= 500x, whole processes)"

mkdir -p "$TMP/n"
"$BIN" gen 100000 16000 10 "$SEED" "$TMP/n"
nat=$(secs "$BIN" solve "$TMP/n/instance.txt")
cat "$TMP/out"
echo "  national batch, 100,000 needs over 16,000 resources: ${nat} s whole process (goal <= 2 s)"
[ "$same" = yes ]
