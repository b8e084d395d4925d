# Shared by the tests of runcare serve in this folder: start a server in
# the background and wait for the address it prints.
#
# serve_start OUT ARG...: run "$bin serve ARG..." with its output in OUT;
# sets pid and url (http:// or https://), or calls fail.
serve_start() {
	out=$1
	shift
	rm -f "$out"	# an old server's URL must not be read again
	"$bin" serve "$@" >"$out" 2>&1 &
	pid=$!
	url=""
	for _ in $(seq 50); do
		url=$(grep -o 'https\{0,1\}://[^ ]*' "$out" 2>/dev/null) && break
		sleep 0.1
	done
	[ -n "$url" ] || fail "the server did not start: $(cat "$out")"
}
