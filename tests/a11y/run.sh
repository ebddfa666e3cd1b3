#!/bin/sh
# run.sh SITE_DIR: check every page of a built site (output/public, or the
# output/private of a plain build) with axe-core in Debian's headless Chromium
# (/usr/bin/chromium, or $CHROMIUM), at 375 and 1280 px; fails on any
# violation of any impact or any external request. Installs the npm
# dependencies from package-lock.json on first use; never downloads a browser.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ]; then
	echo "usage: $0 SITE_DIR" >&2
	exit 2
fi
dir=$(cd "$1" && pwd -P)
if [ ! -d "$here/node_modules/axe-core" ] || [ ! -d "$here/node_modules/puppeteer-core" ]; then
	(cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/axe-check.mjs" "$dir"
