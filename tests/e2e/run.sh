#!/bin/sh
# End-to-end tests of the web app: installs the npm packages of
# package-lock.json on first use, then drives Debian's chromium.
# usage: run.sh RUNCARE_BINARY SHOT_DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium is missing (make deps)"; exit 1; }
command -v node >/dev/null || { echo "e2e: node is missing (make deps)"; exit 1; }
command -v pdfinfo >/dev/null || { echo "e2e: pdfinfo is missing (poppler-utils, make deps)"; exit 1; }
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --silent)
fi
exec node "$here/run.mjs" "$1" "$2"
