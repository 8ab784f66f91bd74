#!/usr/bin/env bash
# Starts the real server on a fresh SQLite database with an admin created through the CLI, and
# runs the browser tests against it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP=$(mktemp -d /tmp/incunet-e2e.XXXXXX)
PORT=$(( 30000 + RANDOM % 20000 ))
export INCUNET_FAST_PWHASH=1
"$ROOT/build/incunet" migrate --db "$TMP/e2e.db" >/dev/null 2>&1
PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$PASSWORD" | "$ROOT/build/incunet" user add --db "$TMP/e2e.db" --login e2e-admin \
  --role national_admin --password-stdin >/dev/null
"$ROOT/build/incunet" serve --db "$TMP/e2e.db" --listen "127.0.0.1:$PORT" \
  --web-root "$ROOT/web/dist" --log-level warn >"$TMP/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
INCUNET_URL="http://127.0.0.1:$PORT" INCUNET_ADMIN_LOGIN=e2e-admin INCUNET_ADMIN_PASSWORD="$PASSWORD" \
  "$ROOT/tests/e2e/run.sh"
