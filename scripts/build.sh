#!/usr/bin/env bash
# Configures and builds the server and all test binaries in build/ (RelWithDebInfo, no LTO).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${INCUNET_BUILD_DIR:-$ROOT/build}"
JOBS="${INCUNET_JOBS:-$(nproc)}"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$BUILD" -j "$JOBS"
