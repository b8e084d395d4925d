#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
# As root: apt-get install them. Otherwise: print the one sudo line and fail.
missing=""
for p in "$@"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
# npm ships inside some builds of the nodejs package and as its own Debian
# package in others: ask for the package only when the command is missing.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || exit 1
	apt-get install -y -qq --no-install-recommends $missing || exit 1
else
	echo "runcare needs these Debian packages; run:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
