#!/usr/bin/env bash
# The layer rule, checked on every source file: a layer includes only itself and the layers below
# it, and the pure layers include no I/O library. Every target sees all of src/, so the compiler
# would accept an upward include; this check (run by ctest) does not.
#
#   core → domain → app → storage | export → http → cli
#
# The clock rule rides along: outside core/ (which defines the clocks) and cli/ (which hands the
# system clock in), production code gets "now" from an injected core::Clock, so tests can fix
# time. Tests and test helpers may take the system clock.
#
# Usage: scripts/check-layers.sh [SRC_DIR]      exits 1 and names each offending line
#        scripts/check-layers.sh --self-test    checks that a planted violation is caught
set -euo pipefail

allowed() {
  case "$1" in
    core) echo "core" ;;
    domain) echo "core domain" ;;
    app) echo "core domain app" ;;
    storage) echo "core domain app storage" ;;
    export) echo "core domain app export" ;;
    http) echo "core domain app storage export http" ;;
    cli) echo "core domain app storage export http cli" ;;
    *) echo "" ;;
  esac
}

# Third-party headers that do I/O or speak a protocol, per layer that must not see them.
forbidden_libs() {
  case "$1" in
    core | domain) echo "soci/ sqlite3.h libpq-fe.h boost/ nlohmann/ spdlog/ xlsxwriter" ;;
    app) echo "soci/ sqlite3.h libpq-fe.h boost/beast boost/asio xlsxwriter" ;;
    export) echo "soci/ sqlite3.h libpq-fe.h boost/" ;;
    *) echo "" ;;
  esac
}

check() {
  local src="$1" bad=0
  local layer file line inc target lib
  for layer in core domain app storage export http cli; do
    [ -d "$src/$layer" ] || continue
    while IFS= read -r -d '' file; do
      while IFS= read -r line; do
        inc="${line#*#include }"
        if [[ "$inc" == \"*/* ]]; then
          target="${inc#\"}"
          target="${target%%/*}"
          if [ -n "$(allowed "$target")" ] && ! [[ " $(allowed "$layer") " == *" $target "* ]]; then
            echo "layer rule: ${file#"$src"/} ($layer) includes $inc — $target is above $layer" >&2
            bad=1
          fi
        elif [[ "$inc" == \<* ]]; then
          for lib in $(forbidden_libs "$layer"); do
            if [[ "$inc" == "<$lib"* ]]; then
              echo "layer rule: ${file#"$src"/} ($layer) includes $inc — no $lib in $layer" >&2
              bad=1
            fi
          done
        fi
      done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$file" || true)
    done < <(find "$src/$layer" \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
  done
  for layer in domain app storage export http; do
    [ -d "$src/$layer" ] || continue
    while IFS= read -r -d '' file; do
      case "$file" in *_test.cpp | */testing/*) continue ;; esac
      while IFS= read -r line; do
        echo "clock rule: ${file#"$src"/} line $line reads the system clock; take a core::Clock" >&2
        bad=1
      done < <(grep -nE 'system_clock::now|SystemClock|std::time\(|[^_a-z]time\(nullptr\)|gettimeofday|clock_gettime\(CLOCK_REALTIME' "$file" | cut -d: -f1 || true)
    done < <(find "$src/$layer" \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
  done
  return $bad
}

if [ "${1:-}" = "--self-test" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/domain/x" "$tmp/app/x"
  printf '#include "core/error.hpp"\n#include <string>\n' >"$tmp/domain/x/ok.hpp"
  printf '#include "domain/x/ok.hpp"\n' >"$tmp/app/x/ok.cpp"
  check "$tmp" 2>/dev/null || { echo "self-test: a clean tree was refused" >&2; exit 1; }
  printf '#include "storage/sql_util.hpp"\n' >"$tmp/domain/x/up.cpp"
  if check "$tmp" 2>/dev/null; then echo "self-test: an upward include passed" >&2; exit 1; fi
  rm "$tmp/domain/x/up.cpp"
  printf '#include <soci/soci.h>\n' >"$tmp/domain/x/io.cpp"
  if check "$tmp" 2>/dev/null; then echo "self-test: SOCI in domain passed" >&2; exit 1; fi
  rm "$tmp/domain/x/io.cpp"
  printf 'auto t = std::chrono::system_clock::now();\n' >"$tmp/app/x/now.cpp"
  if check "$tmp" 2>/dev/null; then echo "self-test: a system clock read in app passed" >&2; exit 1; fi
  mv "$tmp/app/x/now.cpp" "$tmp/app/x/now_test.cpp"
  check "$tmp" 2>/dev/null || { echo "self-test: a test's clock read was refused" >&2; exit 1; }
  echo "self-test: ok"
  exit 0
fi

SRC="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src}"
check "$SRC" && echo "layer rule: ok"
