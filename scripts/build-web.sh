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

# The API contract: the document the server binary prints, the console's types generated from it
# (openapi-typescript; src/api/schema.gen.ts, not committed) and, after the build, the reference
# page the server shows at /api/docs (redocly build-docs with its scripts inlined).
tools="${root}/tools/openapi"
if [[ ! -f "${tools}/node_modules/.package-lock.json" || "${tools}/package-lock.json" -nt "${tools}/node_modules/.package-lock.json" ]]; then
  echo "build-web: npm ci (tools/openapi)" >&2
  (cd "${tools}" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.package-lock.json)
fi
bin="${INCUNET_BIN:-${root}/build/incunet}"
[[ -x "${bin}" ]] || { echo "build-web: ${bin} is missing: run scripts/build.sh first" >&2; exit 1; }
doc="$(mktemp -d)"
trap 'rm -rf "${doc}"' EXIT
"${bin}" openapi --out "${doc}/openapi.json"
"${tools}/node_modules/.bin/openapi-typescript" "${doc}/openapi.json" -o "${doc}/schema.gen.ts" >/dev/null
# Rewritten only when it changed, so an unchanged contract leaves the build up to date.
cmp -s "${doc}/schema.gen.ts" src/api/schema.gen.ts || cp "${doc}/schema.gen.ts" src/api/schema.gen.ts

api_docs() {
  if [[ ! -f dist/api-docs.html ]] || ! cmp -s "${doc}/openapi.json" dist/openapi.json; then
    "${tools}/node_modules/.bin/redocly" build-docs "${doc}/openapi.json" --inlineBundle \
      -o dist/api-docs.html >/dev/null
    cp "${doc}/openapi.json" dist/openapi.json
  fi
}

# Up to date when dist/index.html is newer than every source file.
stamp="dist/index.html"
if [[ "${force}" == 0 && -f "${stamp}" ]]; then
  newer="$(find src public index.html package.json package-lock.json vite.config.ts tsconfig.json \
    -newer "${stamp}" -type f -print -quit 2>/dev/null || true)"
  if [[ -z "${newer}" ]]; then
    api_docs
    echo "build-web: web/dist is up to date" >&2
    exit 0
  fi
fi

echo "build-web: building web/dist" >&2
npm run --silent build
api_docs
touch "${stamp}"
