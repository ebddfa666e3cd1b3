#!/bin/sh
# run.sh PUBLIC_DIR: check every page of a built public site with axe-core in
# Debian's headless Chromium (/usr/bin/chromium, or $CHROMIUM); fails on any
# serious or critical violation or any external request. Installs the npm
# dependencies from package-lock.json on first use; never downloads a browser.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ]; then
	echo "usage: $0 PUBLIC_DIR" >&2
	exit 2
fi
dir=$(cd "$1" && pwd -P)
if [ ! -d "$here/node_modules/axe-core" ] || [ ! -d "$here/node_modules/puppeteer-core" ]; then
	(cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/axe-check.mjs" "$dir"
