#!/bin/sh
# runcare serve stops cleanly on SIGTERM and on SIGINT: the process exits
# 0 within seconds, and every journal write it acknowledged (303) before
# the stop is in the journal afterwards. Only 127.0.0.1, free ports.
# usage: stop.sh RUNCARE_BINARY
bin=$1
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "stop.sh: $*"; exit 1; }

. "$(dirname "$0")/lib.sh"

# start DB: run a server on a free port; sets pid and url.
start() {
	serve_start "$work/out" --listen 127.0.0.1:0 --db "$1"
}

for sig in TERM INT; do
	db="$work/$sig.db"
	start "$db"
	curl -s -m 5 -c "$work/jar" "${url}journal" -o "$work/page.html"
	tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/page.html" | head -n 1)
	[ -n "$tok" ] || fail "no form token"
	: >"$work/codes"
	for i in $(seq 60); do
		curl -s -m 10 -o /dev/null -w '%{http_code}\n' -b "$work/jar" \
			-d "csrf=$tok&kind=run&date=2026-11-01&km=$i" \
			"${url}journal" >>"$work/codes" &
	done
	sleep 0.05	# the signal lands while writes are under way
	kill -"$sig" "$pid"
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && fail "SIG$sig: still running after 10 s"
		sleep 0.1
	done
	wait "$pid"
	rc=$?
	pid=""
	[ "$rc" = 0 ] || fail "SIG$sig: exit status $rc"
	wait
	acked=$(grep -c '^303$' "$work/codes")
	start "$db"
	curl -s -m 5 "${url}journal?person=me" >"$work/after.html"
	rows=$(grep -o "<td class=\"kind\">Run</td>" "$work/after.html" | wc -l)
	kill -TERM "$pid"
	wait "$pid"
	pid=""
	[ "$rows" -ge "$acked" ] || { head -c 600 "$work/after.html"; sort "$work/codes" | uniq -c; fail "SIG$sig: $acked writes acknowledged, $rows in the journal"; }
	echo "SIG$sig: clean stop; $acked writes acknowledged, $rows in the journal"
done
