#!/usr/bin/env bash
# P5: rule-set evaluation over the national demo. Builds the layer libraries in BUILD (default
# ./build), compiles standards_bench.cpp against them with the compile and link flags CMake chose
# for the storage tests, and runs it on THREADS threads (default 2).
# Usage: bench/standards/run.sh [BUILD_DIR] [THREADS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
THREADS=${2:-2}
[ -f "$BUILD/build.ninja" ] || cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null
ninja -C "$BUILD" -j1 incunet_storage >/dev/null

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

OUT="$BUILD/standards_bench"
cd "$BUILD"
# shellcheck disable=SC2086
c++ $DEFINES $FLAGS $INCLUDES -O2 "$ROOT/bench/standards/standards_bench.cpp" -o "$OUT" $LIBS -pthread
echo "== P5 standards ($(nproc) cores visible, $THREADS threads, $(date +%F))"
"$OUT" "$THREADS"
