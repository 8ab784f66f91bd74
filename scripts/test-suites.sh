#!/usr/bin/env bash
# The test suites, run inside with-postgres.sh (INCUNET_TEST_PG set). Every suite runs even when
# an earlier one fails; the summary line counts suites.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
passed=0
failed=0
failures=()
suite() {
  local name="$1"
  shift
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

suite "unit and storage tests (ctest, SQLite + PostgreSQL)" \
  ctest --test-dir build --output-on-failure --timeout 900
suite "API tests (SQLite + PostgreSQL)" \
  node --test --test-concurrency=1 tests/api/*.test.mjs
suite "console unit tests (vitest)" npm --prefix web run --silent test:unit
suite "browser tests (Chromium)" scripts/e2e.sh

echo
[ ${#failures[@]} -eq 0 ] || printf 'failed suite: %s\n' "${failures[@]}"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
