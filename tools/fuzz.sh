#!/bin/sh
# Run each libFuzzer harness in BUILD_DIR/fuzz for SECONDS, two at a time
# (one per core), from its seed corpus under fuzz/corpus/NAME.
# usage: fuzz.sh BUILD_DIR SECONDS
build=$(cd "$1" && pwd)
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
work="$build/fuzz-work"
mkdir -p "$work"
status=0
pids=""
n=0
for h in "$build"/fuzz/fuzz_*; do
	[ -f "$h" ] && [ -x "$h" ] || continue
	name=$(basename "$h")
	mkdir -p "$work/$name"
	seeds="$root/fuzz/corpus/${name#fuzz_}"
	[ -d "$seeds" ] || seeds=""
	dict="$root/fuzz/${name#fuzz_}.dict"
	dictarg=""
	[ -f "$dict" ] && dictarg="-dict=$dict"
	echo "fuzz: $name for ${seconds}s"
	(cd "$work" && "$h" -max_total_time="$seconds" -rss_limit_mb=2048 \
		-timeout=10 $dictarg "$name" $seeds >"$name.log" 2>&1 \
		|| { echo "fuzz: $name FOUND A PROBLEM:"; tail -n 40 "$name.log"; exit 1; }) &
	pids="$pids $!"
	n=$((n + 1))
	if [ $((n % 2)) = 0 ]; then
		for p in $pids; do wait "$p" || status=1; done
		pids=""
	fi
done
for p in $pids; do wait "$p" || status=1; done
[ "$status" = 0 ] && echo "fuzz: no findings"
exit $status
