#!/usr/bin/env bash
# Quick start, command 2: set up, build, and run every test — unit and storage tests (ctest) and
# the API tests on SQLite and on a throwaway PostgreSQL cluster, then the browser tests in
# headless Chromium. Exits non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh || exit 1
scripts/build.sh || exit 1
scripts/build-web.sh || exit 1
# shellcheck source=scripts/node-env.sh
. scripts/node-env.sh

exec scripts/with-postgres.sh scripts/test-suites.sh
