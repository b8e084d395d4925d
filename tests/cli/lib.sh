# Helpers for the CLI golden tests; source it from a t_*.sh script.
#
#   t_run [ARGS...]        run $RUNCARE with stdin from $T_STDIN (default
#                          /dev/null); keeps stdout, stderr and the code
#   t_code N               the exit code was N
#   t_err 'TEXT'           stderr was exactly TEXT (one line)
#   t_err_prefix 'TEXT'    stderr starts with TEXT
#   t_out_has 'TEXT'       stdout contains TEXT (fixed string)
#   t_out_lacks 'TEXT'     stdout does not contain TEXT
#   t_out_line N 'TEXT'    line N of stdout is exactly TEXT
#   t_out_lines N          stdout has N lines
#   t_serve ARGS...        start `$RUNCARE ARGS` in the background and wait
#                          for the URL it prints; sets T_PID and T_URL
#   t_done                 exit 1 if any check failed
# Each check prints what differed; the script goes on to report them all.
T_FAILS=0
T_NAME=""
: "${TMPDIR_T:=$(mktemp -d)}"
T_OUT=$TMPDIR_T/stdout
T_ERR=$TMPDIR_T/stderr

t_fail() {
	echo "  $T_NAME: $*" >&2
	T_FAILS=$((T_FAILS + 1))
}

# t_case NAME: name the checks that follow.
t_case() { T_NAME=$1; }

t_run() {
	"$RUNCARE" "$@" <"${T_STDIN:-/dev/null}" >"$T_OUT" 2>"$T_ERR"
	T_CODE=$?
}

t_code() {
	[ "$T_CODE" = "$1" ] ||
		t_fail "exit code $T_CODE, expected $1 (stderr: $(head -c 300 "$T_ERR"))"
}

t_err() {
	printf '%s\n' "$1" | cmp -s - "$T_ERR" ||
		t_fail "stderr was: $(cat "$T_ERR")
    expected:   $1"
}

t_err_prefix() {
	case $(cat "$T_ERR") in
	"$1"*) [ "$(wc -l <"$T_ERR")" = 1 ] || t_fail "stderr has more than one line: $(cat "$T_ERR")" ;;
	*) t_fail "stderr was: $(cat "$T_ERR")
    expected to start with: $1" ;;
	esac
}

t_out_has() {
	grep -qF -- "$1" "$T_OUT" || t_fail "stdout lacks: $1"
}

t_out_lacks() {
	! grep -qF -- "$1" "$T_OUT" || t_fail "stdout has: $1"
}

t_out_line() {
	got=$(sed -n "$1p" "$T_OUT")
	[ "$got" = "$2" ] || t_fail "stdout line $1 was: $got
    expected:   $2"
}

t_out_lines() {
	got=$(($(wc -l <"$T_OUT")))
	[ "$got" = "$1" ] || t_fail "stdout has $got lines, expected $1"
}

t_serve() {
	"$RUNCARE" "$@" >"$TMPDIR_T/serve.out" 2>&1 &
	T_PID=$!
	T_URL=""
	for _ in $(seq 50); do
		T_URL=$(grep -o 'http://[^ ]*' "$TMPDIR_T/serve.out") && return
		sleep 0.1
	done
	t_fail "the server did not start: $(cat "$TMPDIR_T/serve.out")"
}

t_done() {
	[ "$T_FAILS" = 0 ] && return 0
	echo "$T_FAILS check(s) failed" >&2
	exit 1
}

# t_json 'EXPR': a Python expression that must be true, with r the JSON
# object on stdout (one line) and rs the list of objects (JSON Lines).
t_json() {
	python3 - "$T_OUT" "$1" <<'PY' || t_fail "stdout does not satisfy: $1"
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l]
try:
    rs = [json.loads(l) for l in lines]
    r = rs[0] if rs else None
    sys.exit(0 if eval(sys.argv[2]) else 1)
except Exception as ex:  # a missing key is a failed check, not a crash
    print("    (%s: %s)" % (type(ex).__name__, ex), file=sys.stderr)
    sys.exit(1)
PY
}
