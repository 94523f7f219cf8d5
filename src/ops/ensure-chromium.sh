#!/usr/bin/env bash
# The browser test drives headless Chromium from Debian's `chromium` package through puppeteer-core (no
# browser download). Installs the package where no browser is at CHROMIUM_PATH (default /usr/bin/chromium).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
echo "installing chromium from Debian's packages (for the browser test)" >&2
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null
"$browser" --version >/dev/null
