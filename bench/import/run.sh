#!/bin/sh
# Import benchmark (issue 4, item 7). Makes its own inputs in a scratch
# folder with tests/gen/trackgen and runs the peers in the same run:
#   1. GPX, a 24-hour track at 1 Hz, with and without heart rates:
#      runcare's parse + summarise + SHA-256 (bench_import, best of 5)
#      against gpxpy (parse, distance, moving time, climb; Debian
#      python3-gpxpy), gpsbabel (read, write to /dev/null) and a bare
#      one-thread expat pass (bare_expat); MB/s.
#   2. FIT, the same track: runcare (bench_import) against Garmin's FIT SDK
#      for JavaScript (@garmin/fitsdk, decode only); records/s.
#   3. a folder of 300 runs as .gpx.gz (about 1.3 million points) imported
#      into a new journal by `runcare import`: wall time and CPU use.
#   4. memory: peak RSS on files of 1 hour to 2 days.
# Targets: GPX >= 150 MB/s and >= 25x gpxpy; FIT >= 5 million records/s
# and >= 25x the SDK; the folder in < 3 s using both cores; flat memory.
# usage: bench/import/run.sh [BUILD_DIR]
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
b=$(cd "$build" && pwd)
for f in runcare tests/trackgen tests/bench_import tests/bare_expat; do
	[ -x "$b/$f" ] || { echo "bench: no $b/$f; run make first" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pyd=/usr/bin/python3

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$b/tests/trackgen" --gpx 86400 "$work/day.gpx"
"$b/tests/trackgen" --fit 86400 "$work/day.fit"
"$b/tests/trackgen" --gpx 3600 "$work/hour.gpx"
"$b/tests/trackgen" --gpx 21600 "$work/six.gpx"
"$b/tests/trackgen" --gpx 172800 "$work/two-days.gpx"
"$b/tests/trackgen" --fit 3600 "$work/hour.fit"
mkdir "$work/runs"
"$b/tests/trackgen" --folder 300 4400 "$work/runs"
gpx_mb=$(awk "BEGIN{print $(wc -c <"$work/day.gpx")/1e6}")
echo "inputs:  day.gpx $gpx_mb MB, day.fit $(wc -c <"$work/day.fit") bytes (86,401 points each); 300 x 4,401-point .gpx.gz runs"
echo

# best wall seconds of N runs of a command (output discarded)
best_of() {
	n=$1; shift
	python3 - "$n" "$@" <<'PY'
import subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
best = float("inf")
for _ in range(n):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    best = min(best, time.perf_counter() - t0)
print(f"{best:.6f}")
PY
}
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.1f\", $1 / $2; else print \"-\" }"; }

# Two shapes of the same 24-hour GPX track: "hr" as watches and Strava
# write it (a heart rate in Garmin's TrackPointExtension on every point,
# 206 bytes a point) and "plain" (position, altitude and time only, 98
# bytes a point). The peers' cost is per point, expat's per byte, so the
# ratio differs between them; both are printed.
sed 's#<extensions>.*</extensions>##' "$work/day.gpx" >"$work/plain.gpx"
for shape in hr plain; do
	f="$work/day.gpx"
	[ "$shape" = plain ] && f="$work/plain.gpx"
	mb=$(awk "BEGIN{print $(wc -c <"$f")/1e6}")
	echo "== GPX, 24 h at 1 Hz, $shape ($mb MB)"
	set -- $("$b/tests/bench_import" "$f" 5)
	rc_gpx=$2
	echo "runcare import (parse, summarise, sha256): $1 s, $rc_gpx MB/s"
	set -- $("$b/tests/bare_expat" "$f" 5)
	echo "bare expat pass, one thread, distance and climb only (reference): $1 s, $2 MB/s"
	py_gpx=0
	if $pyd -c 'import gpxpy' 2>/dev/null; then
		set -- $($pyd "$here/gpxpy_bench.py" "$f" 3)
		py_gpx=$(awk "BEGIN{printf \"%.1f\", $mb / $1}")
		echo "gpxpy $($pyd -c 'import gpxpy; print(gpxpy.__version__)') (parse, distance, moving time, climb): $1 s, $py_gpx MB/s"
	else
		echo "gpxpy: missing (apt-get install python3-gpxpy)"
	fi
	if command -v gpsbabel >/dev/null; then
		t=$(best_of 3 gpsbabel -i gpx -f "$f" -o unicsv -F /dev/null)
		echo "gpsbabel (read, write unicsv): $t s, $(awk "BEGIN{printf \"%.1f\", $mb / $t}") MB/s"
	else
		echo "gpsbabel: missing (apt-get install gpsbabel)"
	fi
	echo "runcare / gpxpy: $(ratio "$rc_gpx" "$py_gpx")x   (targets: >= 150 MB/s, >= 25x gpxpy)"
	echo
done

echo "== FIT, the same track"
set -- $("$b/tests/bench_import" "$work/day.fit" 5)
rc_fit=$4
echo "runcare import (decode, summarise, sha256): $1 s, $rc_fit records/s"
sdk_fit=0
if command -v node >/dev/null && [ -d "$root/tests/fitsdk/node_modules/@garmin/fitsdk" ]; then
	set -- $(node "$here/fitsdk_bench.mjs" "$root/tests/fitsdk" "$work/day.fit" 3)
	sdk_fit=$3
	echo "@garmin/fitsdk (decode only): $1 s, $sdk_fit records/s"
else
	echo "@garmin/fitsdk: missing (make npm-deps)"
fi
echo "runcare / SDK: $(ratio "$rc_fit" "$sdk_fit")x   (targets: >= 5,000,000 records/s, >= 25x the SDK)"
echo

echo "== folder of 300 .gpx.gz runs into a new journal"
/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$b/runcare" --db "$work/j.db" import --quiet "$work/runs"
set -- $(cat "$work/time")
echo "runcare import: $1 s wall, $2 s user + $3 s system = $(awk "BEGIN{printf \"%.0f\", ($2 + $3) / $1 * 100}")% CPU, peak RSS $4 KB   (target: < 3 s, both cores)"
echo

echo "== memory (peak RSS, KB)"
for f in hour.gpx six.gpx day.gpx two-days.gpx hour.fit day.fit; do
	/usr/bin/time -f "%M" -o "$work/rss" "$b/tests/bench_import" "$work/$f" 1 >/dev/null
	echo "$f: $(cat "$work/rss")"
done
