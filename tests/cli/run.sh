#!/bin/sh
# Run every tests/cli/t_*.sh against the runcare binary given as $1 and
# fail if any of them fails. Each script gets RUNCARE (the binary),
# TESTS_CLI (this folder) and a fresh scratch folder in TMPDIR_T.
# usage: run.sh PATH/TO/runcare
[ -n "$1" ] || { echo "usage: run.sh RUNCARE" >&2; exit 2; }
RUNCARE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TESTS_CLI=$(cd "$(dirname "$0")" && pwd)
export RUNCARE TESTS_CLI
failed=0
for t in "$TESTS_CLI"/t_*.sh; do
	[ -f "$t" ] || continue
	TMPDIR_T=$(mktemp -d) || exit 2
	export TMPDIR_T
	if sh "$t"; then
		echo "ok   $(basename "$t")"
	else
		echo "FAIL $(basename "$t")"
		failed=1
	fi
	rm -rf "$TMPDIR_T"
done
exit $failed
