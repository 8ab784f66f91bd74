#!/usr/bin/env bash
# Quick start, command 1: set up, build the server and the console, load the small demo network
# into ./incunet.db (once), and serve on http://localhost:8080.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
scripts/build.sh
scripts/build-web.sh
DB="${INCUNET_DB:-incunet.db}"
build/incunet demo --db "$DB" --scale small --if-empty --accounts-file demo-accounts.txt
exec build/incunet serve --db "$DB" --listen "${INCUNET_LISTEN:-127.0.0.1:8080}" --web-root web/dist
