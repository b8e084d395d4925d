#!/bin/sh
# Tests of `runcare user`: the accounts file is written through a new
# temporary file only (mode 0600), never through a planted link; passwd
# and remove end the account's sessions, also in a server running
# meanwhile.
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T
export LC_ALL=C.UTF-8
DB="--db $D/j.db"
printf 'a long secret one\na long secret one\n' >"$D/pw"

t_case "add writes a private file"
T_STDIN=$D/pw t_run user add alice $DB
t_code 0
[ "$(stat -c %a "$D/j.db.accounts")" = 600 ] ||
	t_fail "mode $(stat -c %a "$D/j.db.accounts"), not 600"

t_case "a symlink at the temporary name is refused"
echo "keep me" >"$D/victim"
ln -s "$D/victim" "$D/j.db.accounts.tmp"
T_STDIN=$D/pw t_run user add bob $DB
t_code 74
t_err_prefix "runcare: user: $D/j.db.accounts.tmp: refusing to write the accounts"
[ "$(cat "$D/victim")" = "keep me" ] || t_fail "the link's target was overwritten"
rm "$D/j.db.accounts.tmp"

t_case "a file left by a crash is replaced"
echo "stale" >"$D/j.db.accounts.tmp"
T_STDIN=$D/pw t_run user add bob $DB
t_code 0
t_run user list $DB
t_out_has bob
[ -e "$D/j.db.accounts.tmp" ] && t_fail "the temporary file stayed"

t_case "an accounts file that is a link is refused"
mv "$D/j.db.accounts" "$D/real"
ln -s "$D/real" "$D/j.db.accounts"
t_run user list $DB
t_code 74
t_err_prefix "runcare: user: $D/j.db.accounts: the accounts file is a symbolic link"
t_case "--help names passwd; actions are checked"
t_run user --help
t_code 0
t_out_has "user passwd NAME"
t_run user passwd $DB
t_code 64
t_err_prefix "runcare: user: passwd needs one account NAME"
t_run user rename alice $DB
t_code 64
t_err_prefix "runcare: user: unknown action 'rename' (add, passwd, remove or list)"

t_case "passwd changes the password of an existing account only"
mv "$D/real" "$D/j.db.accounts"; rm -f "$D/real"
printf 'another long secret\n' >"$D/pw2"
T_STDIN=$D/pw2 t_run user passwd nobody $DB
t_code 66
t_err 'runcare: user: no account "nobody"'
T_STDIN=$D/pw2 t_run user passwd alice $DB
t_code 0
t_err 'runcare: user: new password for "alice"; its sessions have ended'
T_STDIN=$D/pw t_run user passwd alice $DB
t_code 0
printf 'short\n' >"$D/short"
T_STDIN=$D/short t_run user passwd alice $DB
t_code 65
t_err_prefix "runcare: user: password: use at least 12 characters"

# sign_in NAME PASSWORD JAR: sign in with curl, keeping the cookies.
sign_in() {
	rm -f "$3"
	curl -s -m 10 -c "$3" "${T_URL}login" -o "$D/login.html"
	tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$D/login.html" | head -n 1)
	curl -s -m 10 -b "$3" -c "$3" -o /dev/null -w '%{http_code}' \
		--data-urlencode "csrf=$tok" --data-urlencode "name=$1" \
		--data-urlencode "password=$2" "${T_URL}login"
}

# page JAR: the status of the start page with the cookies of JAR.
page() {
	curl -s -m 10 -b "$1" -o /dev/null -w '%{http_code}' "$T_URL"
}

t_case "remove and passwd end the sessions of a running server"
t_serve serve --listen 127.0.0.1:0 --require-login $DB
trap 'kill "$T_PID" 2>/dev/null' EXIT
[ "$(sign_in alice 'a long secret one' "$D/alice")" = 303 ] || t_fail "alice could not sign in"
[ "$(sign_in bob 'a long secret one' "$D/bob")" = 303 ] || t_fail "bob could not sign in"
[ "$(page "$D/alice")" = 200 ] || t_fail "alice is not signed in"
[ "$(page "$D/bob")" = 200 ] || t_fail "bob is not signed in"
t_run user remove bob $DB
t_code 0
t_err 'runcare: user: account "bob" removed; its sessions have ended'
[ "$(page "$D/bob")" = 303 ] || t_fail "bob's session outlived the removal"
[ "$(page "$D/alice")" = 200 ] || t_fail "alice's session ended with bob's"
T_STDIN=$D/pw t_run user passwd alice $DB
t_code 0
[ "$(page "$D/alice")" = 303 ] || t_fail "alice's session outlived the new password"
[ "$(sign_in alice 'a long secret one' "$D/alice")" = 303 ] || t_fail "alice could not sign in with the new password"
[ "$(page "$D/alice")" = 200 ] || t_fail "alice's new session does not work"
kill "$T_PID"
wait "$T_PID"
t_case "a failures file that is a link stops serve"
rm "$D/j.db.accounts.failures"
ln -s "$D/victim" "$D/j.db.accounts.failures"
t_run serve --listen 127.0.0.1:0 --require-login $DB
t_code 74
t_err_prefix "runcare: serve: $D/j.db.accounts.failures: the failures file is a symbolic link"
[ "$(cat "$D/victim")" = "keep me" ] || t_fail "the link's target was changed"
t_done
