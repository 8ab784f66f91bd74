#!/usr/bin/env bash
# P5: rule-set evaluation over the national demo. Builds the layer libraries in BUILD (default
# ./build), compiles standards_bench.cpp against them with the compile and link flags CMake chose
# for the storage tests, and runs it on THREADS threads (default 2).
#
# Usage: bench/standards/run.sh [--build-only] [--source DIR] [--baseline-bin PATH] [--rounds N]
#                               [BUILD_DIR] [THREADS]
#   --build-only         only build BUILD_DIR/standards_bench (its path is printed last) and stop.
#   --source DIR         the checkout whose bench/standards/standards_bench.cpp is compiled, and
#                        that configures BUILD_DIR if it has no build.ninja yet. Default: the
#                        checkout BUILD_DIR was configured from (CMAKE_HOME_DIRECTORY in its
#                        CMakeCache.txt), else the one holding this script. So the benchmark is
#                        always compiled against the headers and libraries of its own tree.
#   --baseline-bin PATH  a standards_bench built from another checkout (the one before a change),
#                        run right after the candidate with the same THREADS. Prints both outputs,
#                        then each timed figure of both, the ratio candidate / baseline and
#                        whether it lies within 10% (bench/baseline-lib.sh).
#   --rounds N           with --baseline-bin: N rounds of both runs, the order flipping from round
#                        to round (candidate first, then baseline first, …); each figure is the
#                        best of its N runs. Default 1. On a shared 2-core machine the threaded
#                        figures swing by 2× with whether a second core is free; rounds even that out.
#
# Building the baseline from another checkout, e.g. a worktree of the commit before a change:
#   git worktree add --detach ../base COMMIT
#   (cd ../base && INCUNET_JOBS=1 scripts/build.sh)      # or just configure it: see --source
#   bench/standards/run.sh --build-only ../base/build    # → ../base/build/standards_bench
#   cp ../base/build/standards_bench /tmp/standards_bench-base
#   bench/standards/run.sh --baseline-bin /tmp/standards_bench-base build 2
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/bench/baseline-lib.sh"
BUILD_ONLY=0
SRC=""
BASE_BIN=""
ROUNDS=1
POS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) BUILD_ONLY=1; shift ;;
    --source) SRC=$(cd "$2" && pwd); shift 2 ;;
    --baseline-bin) BASE_BIN=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) POS+=("$1"); shift ;;
  esac
done
mkdir -p "${POS[0]:-$ROOT/build}"
BUILD=$(cd "${POS[0]:-$ROOT/build}" && pwd)
THREADS=${POS[1]:-2}
if [ -n "$BASE_BIN" ]; then
  [ -x "$BASE_BIN" ] || { echo "baseline binary not found: $BASE_BIN" >&2; exit 2; }
  BASE_BIN=$(abs_bin "$BASE_BIN")
fi
if [ -z "$SRC" ]; then
  SRC=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
  SRC=${SRC:-$ROOT}
fi
[ -f "$BUILD/build.ninja" ] || cmake -S "$SRC" -B "$BUILD" -G Ninja >/dev/null
# The storage test's link line names the test-support library too, where the tree has one.
EXTRA=$(ninja -C "$BUILD" -t targets all 2>/dev/null | grep -q '^incunet_test_support:' && echo incunet_test_support || true)
ninja -C "$BUILD" -j1 incunet_storage $EXTRA >/dev/null

# Flags of one storage test object and the storage test's link line.
var() {  # var SECTION_REGEX NAME
  awk -v sec="$1" -v name="$2" '$0 ~ sec {f=1; next} f && $1 == name {sub(/^ *[A-Z_]+ = /, ""); print; exit} f && /^$/ {f=0}' \
    "$BUILD/build.ninja"
}
OBJ='^build CMakeFiles/storage_test.dir/src/storage/standards/standards_repo_test.cpp.o'
DEFINES=$(var "$OBJ" DEFINES)
FLAGS=$(var "$OBJ" FLAGS)
INCLUDES=$(var "$OBJ" INCLUDES)
LIBS=$(var '^build storage_test:' LINK_LIBRARIES | sed -E 's#[^ ]*libgtest(_main)?\.a##g')
if [ -z "$INCLUDES" ] || [ -z "$LIBS" ]; then
  echo "no storage test flags in $BUILD/build.ninja (has the test moved?)" >&2
  exit 1
fi

OUT="$BUILD/standards_bench"
(
  cd "$BUILD"
  # shellcheck disable=SC2086
  c++ $DEFINES $FLAGS $INCLUDES -O2 "$SRC/bench/standards/standards_bench.cpp" -o "$OUT" $LIBS -pthread
)
if [ "$BUILD_ONLY" = 1 ]; then
  echo "built from $SRC (commit $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)):" >&2
  echo "$OUT"
  exit 0
fi
echo "== P5 standards ($(nproc) cores visible, $THREADS threads, $(date +%F))"
if [ -z "$BASE_BIN" ]; then
  "$OUT" "$THREADS"
  exit 0
fi

# Candidate and baseline with the same arguments, back to back, the order flipping from round to
# round; every output is kept for the table.
TMP=$(mktemp -d /tmp/incunet-p5.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order="cand base"; else order="base cand"; fi
  for who in $order; do
    if [ "$who" = cand ]; then bin=$OUT; else bin=$BASE_BIN; fi
    echo "== round $r/$ROUNDS, $([ "$who" = cand ] && echo candidate || echo baseline): $bin (load $(cut -d' ' -f1 /proc/loadavg))"
    "$bin" "$THREADS" | tee "$TMP/$who-$r.out"
  done
done

# Seconds of each timed step: the best over the runs of one binary.
figure() {  # who key
  local f
  for f in "$TMP/$1"-*.out; do one_figure "$f" "$2"; done | sort -g | head -n 1
}
one_figure() {  # file key
  local f=$1
  case "$2" in
    demo) sed -nE 's/^national demo generated.*\(([0-9.]+) s\)$/\1/p' "$f" ;;
    aggregate) sed -nE 's/.*aggregating the records ([0-9.]+) s.*/\1/p' "$f" ;;
    derive) sed -nE 's/.*deriving the values ([0-9.]+) s.*/\1/p' "$f" ;;
    compile) sed -nE 's/^compiled .*\(([0-9.]+) s\)$/\1/p' "$f" ;;
    p5a) sed -nE 's/^P5a .* verdicts in ([0-9.]+) s.*/\1/p' "$f" ;;
    p5a-interp) sed -nE 's/^P5a .*; interpreted ([0-9.]+) s.*/\1/p' "$f" ;;
    p5b) sed -nE 's/^P5b .* verdicts in ([0-9.]+) s.*/\1/p' "$f" ;;
    p5b-interp) sed -nE 's/^P5b .*; interpreted ([0-9.]+) s.*/\1/p' "$f" ;;
    explain) sed -nE 's/^storing .*explanation ([0-9.]+) s.*/\1/p' "$f" ;;
    text) sed -nE 's/^storing .*JSON text ([0-9.]+) s.*/\1/p' "$f" ;;
    tree) sed -nE 's/^storing .*through the JSON tree ([0-9.]+) s.*/\1/p' "$f" ;;
    insert) sed -nE 's/^storing .*insert ([0-9.]+) s$/\1/p' "$f" ;;
  esac
}
echo
echo "P5 candidate vs baseline, $THREADS threads, back to back, best of $ROUNDS run(s) each"
echo "  candidate $OUT"
echo "  baseline  $BASE_BIN"
echo "  (ratio = candidate / baseline; within 10%: ratio in [0.90, 1.10]; NO-worse = more than 10% slower)"
baseline_header
while IFS='|' read -r key label; do
  baseline_row "$label" lower s "$(figure cand "$key")" "$(figure base "$key")"
done <<'ROWS'
p5a|P5a carriers, compiled (goal 1 s)
p5b|P5b incubatees, compiled (goal 5 s)
p5a-interp|P5a carriers, interpreter
p5b-interp|P5b incubatees, interpreter
compile|compiling the rule sets
demo|national demo generated in memory
aggregate|aggregating the records (scaffolding)
derive|deriving the indicator values
explain|storing: explanation
text|storing: JSON text (VerdictText)
tree|storing: through the JSON tree
insert|storing: insert (SQLite)
ROWS
# The pass counts of every set must agree: the change being measured keeps the behaviour.
if ! diff <(grep -E '^ +[A-Z].* pass [0-9]+' "$TMP/cand-1.out") <(grep -E '^ +[A-Z].* pass [0-9]+' "$TMP/base-1.out") >/dev/null; then
  echo "note: the pass counts of candidate and baseline differ" >&2
fi
