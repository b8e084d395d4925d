#!/bin/sh
# Benchmarks of runcare check. Makes its own inputs in a scratch folder:
#   1. check --batch over 200,000 random valid intakes: intakes per second
#      (best of 3), with `jq -c .` over the same lines as a reference for
#      the cost of merely parsing and printing JSON Lines;
#   2. one `check --input FILE --format json` process, start to exit,
#      measured by hyperfine: mean and 95th percentile.
# Targets: >= 300,000 intakes/s; < 5 ms per single run.
# usage: bench/run.sh [BUILD_DIR]   (default: build)
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$build" && pwd)/runcare
n=${BENCH_INTAKES:-200000}
[ -x "$bin" ] || { echo "bench: no $bin; run make first" >&2; exit 1; }
for p in python3 hyperfine jq; do
	command -v $p >/dev/null || { echo "bench: $p is missing (make deps)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
python3 "$here/gen_intakes.py" "$n" 1 >"$work/intakes.jsonl"
head -n 1 "$work/intakes.jsonl" >"$work/one.json"
echo "input:   $n intakes, $(wc -c <"$work/intakes.jsonl") bytes"

# seconds CMD...: wall time of one run, output to /dev/null.
seconds() {
	python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print("%.4f" % (time.perf_counter() - t))
PY
}

best() { # best of 3 runs of CMD...
	b=""
	for _ in 1 2 3; do
		s=$(seconds "$@") || exit 1
		b=$(python3 -c "print(min(float('$s'), float('${b:-1e9}')))")
	done
	echo "$b"
}

s=$(best "$bin" check --batch --input "$work/intakes.jsonl")
"$bin" check --batch --input "$work/intakes.jsonl" | wc -c >"$work/bytes"
python3 -c "print('check --batch: %.3f s, %d intakes/s, %.0f MB/s out (target >= 300000)' % ($s, $n / $s, $(cat "$work/bytes") / $s / 1e6))"
s=$(best jq -c . "$work/intakes.jsonl")
python3 -c "print('jq -c . (reference): %.3f s, %d lines/s' % ($s, $n / $s))"

hyperfine -N --style none --warmup 20 --runs 500 \
	--export-json "$work/single.json" \
	"$bin check --input $work/one.json --format json" >/dev/null 2>&1 ||
	{ echo "bench: hyperfine failed" >&2; exit 1; }
python3 - "$work/single.json" <<'PY'
import json, sys
t = sorted(json.load(open(sys.argv[1]))["results"][0]["times"])
mean = sum(t) / len(t)
p95 = t[int(0.95 * (len(t) - 1))]
print("check --input one intake: mean %.2f ms, p95 %.2f ms over %d runs (target < 5 ms)"
      % (mean * 1e3, p95 * 1e3, len(t)))
PY
sh "$here/import/run.sh" "$build"
sh "$here/web/run.sh" "$build"
