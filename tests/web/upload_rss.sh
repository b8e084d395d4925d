#!/bin/sh
# Uploads are streamed to temporary files, not held in memory: 16 uploads
# of 30 MiB at once keep the peak resident size (VmHWM) of runcare serve
# under 64 MB, every one is answered, the run is imported once and the
# private folder of uploads is empty afterwards. Only 127.0.0.1, a free
# port. usage: upload_rss.sh RUNCARE_BINARY
bin=$1
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "upload_rss.sh: $*"; exit 1; }
limit_kb=$((64 * 1000))

# A GPX run of about 30 MiB: a point a second for 10000 s (30 km), each
# point followed by blanks, which XML allows between elements.
python3 - "$work/big.gpx" <<'PY'
import sys
size = 30 * 1024 * 1024
points = 10000
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0"?><gpx version="1.1" creator="t" '
            'xmlns="http://www.topografix.com/GPX/1/1"><trk>'
            '<type>running</type><trkseg>\n')
    pad = " " * (size // points - 90)
    for n in range(points):
        f.write('<trkpt lat="%.7f" lon="-0.1200000"><ele>20.0</ele>'
                '<time>2026-11-03T%02d:%02d:%02dZ</time></trkpt>%s\n' %
                (51.5 + n * 0.000027, 6 + n // 3600, n // 60 % 60, n % 60,
                 pad))
    f.write('</trkseg></trk></gpx>\n')
PY
[ "$(wc -c <"$work/big.gpx")" -ge $((30 * 1024 * 1024)) ] || fail "no 30 MiB file"

mkdir "$work/tmp"
. "$(dirname "$0")/lib.sh"
export TMPDIR="$work/tmp"	# the server's folder of uploads goes here
serve_start "$work/out" --listen 127.0.0.1:0 --db "$work/j.db"
curl -s -m 5 -c "$work/jar" "${url}import" -o "$work/page.html"
tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/page.html" | head -n 1)
[ -n "$tok" ] || fail "no form token"

pids=""
for i in $(seq 16); do
	curl -s -m 120 -b "$work/jar" -F "csrf=$tok" \
		-F "files=@$work/big.gpx;filename=run$i.gpx" \
		-o "$work/answer$i" -w '%{http_code}\n' "${url}import" \
		>"$work/code$i" &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
# A file goes when its request completes, just after the answer is sent.
for _ in $(seq 20); do
	left=$(ls -A "$work"/tmp/runcare-serve-*/ | wc -l)
	[ "$left" = 0 ] && break
	sleep 0.1
done
kill -TERM "$pid"
wait "$pid"
pid=""

imported=0
for i in $(seq 16); do
	[ "$(cat "$work/code$i")" = 200 ] || fail "upload $i: status $(cat "$work/code$i"): $(head -c 300 "$work/answer$i")"
	grep -q ' 0 refused' "$work/answer$i" || fail "upload $i: $(grep -o 'role="status">[^<]*' "$work/answer$i")"
	grep -q '>1 imported' "$work/answer$i" && imported=$((imported + 1))
done
[ "$imported" = 1 ] || fail "the run was imported $imported times"
[ "$left" = 0 ] || fail "$left temporary files left"
[ -n "$hwm" ] || fail "no VmHWM"
# AddressSanitizer's shadow memory and quarantine make any RSS figure
# meaningless; the limit is checked on the plain build.
if ldd "$1" 2>/dev/null | grep -q libasan; then
	echo "16 uploads of 30 MiB: peak ${hwm} kB under AddressSanitizer (limit not applied)"
	exit 0
fi
[ "$hwm" -lt "$limit_kb" ] || fail "peak resident size ${hwm} kB, limit ${limit_kb} kB"
echo "16 uploads of 30 MiB: peak resident size ${hwm} kB (limit ${limit_kb} kB)"
