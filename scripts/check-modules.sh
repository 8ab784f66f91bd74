#!/usr/bin/env bash
# The module × layer table: which rooms each module has, computed from src/, checked against the
# table in docs/architecture.md (between <!-- modules:begin --> and <!-- modules:end -->). A cell
# is "✓" where the room exists; where it does not, the doc must say "— <why>". The cli column
# names the module's subcommand files (`user.cpp`) or says "— <why>". Run by ctest.
#
# Usage: scripts/check-modules.sh [ROOT]     prints the table; exits 1 naming each mismatch
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
DOC="$ROOT/docs/architecture.md"
SRC="$ROOT/src"
LAYERS=(domain app ports storage http)
bad=0
fail() { echo "module table: $*" >&2; bad=1; }

has() {  # has LAYER MODULE
  case "$1" in
    ports) [ -f "$SRC/app/$2/ports.hpp" ] ;;
    *) [ -d "$SRC/$1/$2" ] && [ -n "$(find "$SRC/$1/$2" -maxdepth 1 -type f -name '*.[ch]pp' -print -quit)" ] ;;
  esac
}

# Modules in the code: every folder under the module layers (storage's shared folders excepted).
mapfile -t code_modules < <(for l in domain app storage http; do
  [ -d "$SRC/$l" ] && find "$SRC/$l" -mindepth 1 -maxdepth 1 -type d -printf '%f\n'
done | grep -vx -e migrations -e testing | sort -u)

# Rows of the doc's table: module | domain | app | ports | storage | http | cli
table=$(awk '/<!-- modules:begin -->/{f=1; next} /<!-- modules:end -->/{f=0} f' "$DOC")
[ -n "$table" ] || { echo "module table: no table between the markers in docs/architecture.md" >&2; exit 1; }
declare -A doc_row
while IFS= read -r line; do
  [[ "$line" == \|* ]] || continue
  IFS='|' read -r -a cells <<<"$line"
  m=$(echo "${cells[1]}" | xargs)
  m=${m//\`/}
  [[ "$m" == module || "$m" == ---* || -z "$m" ]] && continue
  doc_row[$m]="$line"
done <<<"$table"

named_cli=()
printf '%-10s' module; for l in "${LAYERS[@]}" cli; do printf ' %-8s' "$l"; done; echo
for m in "${code_modules[@]}"; do
  printf '%-10s' "$m"
  line="${doc_row[$m]:-}"
  [ -n "$line" ] || fail "module '$m' is in src/ but not in the table"
  IFS='|' read -r -a cells <<<"$line"
  for i in "${!LAYERS[@]}"; do
    l=${LAYERS[$i]}
    cell=$(echo "${cells[$((i + 2))]:-}" | xargs -0 | sed -E 's/^[[:space:]]+|[[:space:]]+$//g')
    if has "$l" "$m"; then
      printf ' %-8s' "✓"
      [ -z "$line" ] || [[ "$cell" == "✓"* ]] || fail "$m has a $l room but the table says '$cell'"
    else
      printf ' %-8s' "—"
      [ -z "$line" ] || [[ "$cell" =~ ^—\ +[^[:space:]].{8,} ]] ||
        fail "$m has no $l room and the table gives no reason ('$cell')"
    fi
  done
  cell=$(echo "${cells[7]:-}" | sed -E 's/^[[:space:]]+|[[:space:]]+$//g')
  files=$(grep -oE '`[a-z_]+\.cpp`' <<<"$cell" | tr -d '`' || true)
  if [ -n "$files" ]; then
    printf ' %s' "$(echo $files)"
    for f in $files; do
      [ -f "$SRC/cli/$f" ] || fail "$m names cli/$f, which does not exist"
      named_cli+=("$f")
    done
  else
    printf ' %s' "—"
    [ -z "$line" ] || [[ "$cell" =~ ^—\ +[^[:space:]].{8,} ]] ||
      fail "$m names no cli file and the table gives no reason ('$cell')"
  fi
  echo
done
for m in "${!doc_row[@]}"; do
  printf '%s\n' "${code_modules[@]}" | grep -qx "$m" || fail "the table lists '$m', which src/ does not hold"
done
# Every subcommand file belongs to a module (cli.cpp and main.cpp are the entry point).
for f in "$SRC"/cli/*.cpp; do
  f=$(basename "$f")
  case "$f" in cli.cpp | main.cpp) continue ;; esac
  printf '%s\n' "${named_cli[@]}" | grep -qx "$f" || fail "cli/$f is named by no module row"
done
[ "$bad" -eq 0 ] && echo "module table: ok"
exit "$bad"
