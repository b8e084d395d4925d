#!/bin/sh
# Tests of `runcare user`: the accounts file is written through a new
# temporary file only (mode 0600), never through a planted link.
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
t_done
