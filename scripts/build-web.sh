#!/usr/bin/env bash
# Builds the web console (web/) into web/dist/, which the incunet server serves at "/".
#   scripts/build-web.sh          install dependencies when needed, then build when a source changed
#   scripts/build-web.sh --force  build even when web/dist is up to date
# Uses the project's pinned Node.js 22 (scripts/node-env.sh). Only one build runs at a time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/node-env.sh
. "${root}/scripts/node-env.sh"

force=0
[[ "${1:-}" == "--force" ]] && force=1

web="${root}/web"
cd "${web}"

# Serialise builds (two at once would fight over node_modules and dist on a small machine).
mkdir -p "${root}/tools/node"
exec 9>"${root}/tools/node/.web-build.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

# Dependencies: npm ci when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "build-web: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

# Up to date when dist/index.html is newer than every source file.
stamp="dist/index.html"
if [[ "${force}" == 0 && -f "${stamp}" ]]; then
  newer="$(find src public index.html package.json package-lock.json vite.config.ts tsconfig.json \
    -newer "${stamp}" -type f -print -quit 2>/dev/null || true)"
  if [[ -z "${newer}" ]]; then
    echo "build-web: web/dist is up to date" >&2
    exit 0
  fi
fi

echo "build-web: building web/dist" >&2
npm run --silent build
touch "${stamp}"
