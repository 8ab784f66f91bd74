#!/usr/bin/env bash
# Runs the console's browser tests against a running server.
#   INCUNET_URL=http://127.0.0.1:PORT INCUNET_ADMIN_LOGIN=admin INCUNET_ADMIN_PASSWORD=… tests/e2e/run.sh
# Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) and fonts-wqy-microhei; the server must
# serve the built console (scripts/build-web.sh). Screenshots go to test-results/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/node-env.sh
. "${here}/../../scripts/node-env.sh"
cd "${here}"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node --test --test-concurrency=1 --test-reporter=spec './*.test.mjs'
