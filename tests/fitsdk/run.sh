#!/bin/sh
# Generate the FIT test files and compare runcare's decoder with Garmin's
# SDK on them. Skipped (exit 77) when node or tests/fitsdk/node_modules is
# missing: run `npm ci` in tests/fitsdk (make test does) to enable it.
# usage: run.sh TRACKGEN FITDUMP
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }
[ -d "$here/node_modules/@garmin/fitsdk" ] || { echo "no node_modules: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$1" "$tmp" || exit 1
node "$here/compare.mjs" "$2" "$tmp"/*.fit
