#!/usr/bin/env bash
# Fails on any C++ file that clang-format-14 (the repo's .clang-format) would change, naming each.
# Run by ctest. To fix: scripts/check-format.sh --fix
set -euo pipefail
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$ROOT"
CF=$(command -v clang-format-14 || true)
[ -n "$CF" ] || { echo "format: clang-format-14 is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'bench/*.cpp' 'tests/*.cpp' 'tests/*.hpp')
if [ "${1:-}" = "--fix" ]; then
  "$CF" -i "${files[@]}"
  echo "format: rewrote ${#files[@]} files in place"
  exit 0
fi
bad=$("$CF" --dry-run "${files[@]}" 2>&1 | grep -oE '^[^:]+:[0-9]+:[0-9]+: warning' | cut -d: -f1 | sort -u || true)
if [ -n "$bad" ]; then
  echo "format: clang-format-14 would change these files (run scripts/check-format.sh --fix):" >&2
  echo "$bad" | sed 's/^/  /' >&2
  exit 1
fi
echo "format: ${#files[@]} files ok"
