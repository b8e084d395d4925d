#!/bin/sh
# Run every test: the unit and CLI suites, the same under ASan + UBSan,
# and each fuzz harness for a short while. Ends with one summary line.
# usage: test.sh BUILD_DIR FUZZ_SECONDS
build=${1:-build}
fuzz_seconds=${2:-60}
failed=0

count() { # count passes and failures from a meson test log
	python3 - "$1" <<'PY'
import json, sys
p = f = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("result") in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif r.get("result") != "SKIP":
        f += 1
print(p, f)
PY
}

meson test -C "$build" --print-errorlogs || failed=1
set -- $(count "$build/meson-logs/testlog.json")
pass=$1 fail=$2

make --no-print-directory asan || failed=1
if [ -f build-asan/meson-logs/testlog.json ]; then
	set -- $(count build-asan/meson-logs/testlog.json)
	pass=$((pass + $1)) fail=$((fail + $2))
fi

if make --no-print-directory fuzz FUZZ_SECONDS="$fuzz_seconds"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)) failed=1
fi

[ "$failed" = 1 ] && [ "$fail" = 0 ] && fail=1
echo "$pass passed, $fail failed"
[ "$failed" = 0 ]
