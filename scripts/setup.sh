#!/usr/bin/env bash
# Installs every Debian package the project needs, idempotently (only what is missing), then the
# pinned Node.js used by the console build and the browser tests. Called by run.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git curl
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-contrib postgresql-client-15
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libexpected-dev
  libsodium-dev libxlsxwriter-dev libicu-dev libopencc-dev liblemon-dev iso-codes
  libgtest-dev libgmock-dev libbenchmark-dev clang-format-14
  chromium fonts-wqy-microhei
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
fi

# Node 22 for the console build and browser tests (npm registry package; see node-env.sh).
# shellcheck source=scripts/node-env.sh
. "$ROOT/scripts/node-env.sh"
