#!/bin/sh
# `runcare brief`: the HTML page signed with --by or the user name, and
# `--format pdf`, printed by headless chromium into one A4 page (counted
# with pdfinfo). Without chromium those checks are skipped with a message;
# the missing-browser error is checked either way, by pointing
# RUNCARE_CHROMIUM at a file that does not exist and by a PATH without
# any browser on it (exit 69, EX_UNAVAILABLE).
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T
export LC_ALL=C.UTF-8
unset XDG_DATA_HOME RUNCARE_CHROMIUM
TODAY=$(date +%F)

sh "$TESTS_CLI/stories.sh" "$RUNCARE" "$D/twelve.db" twelve-weeks ||
	t_fail "the twelve-week journal could not be built"
export RUNCARE_DB="$D/twelve.db"

t_case html-by
t_run brief --by "Sam <Lee>, physio"
t_code 0
t_out_has "<h1>Therapist brief: me</h1>"
t_out_has "Prepared on $TODAY by Sam &lt;Lee&gt;, physio"
t_out_has "Weekly climb"
t_out_lacks "Sam <Lee>"

t_case html-user-name
t_run brief --output "$D/brief.html"
t_code 0
t_out_lines 0
grep -qF "Prepared on $TODAY by $(id -un)" "$D/brief.html" ||
	t_fail "the brief is not signed by the user running it"

t_case html-assess-first-signs
sh "$TESTS_CLI/stories.sh" "$RUNCARE" "$D/af.db" assess-first ||
	t_fail "the assess-first journal could not be built"
RUNCARE_DB=$D/af.db t_run brief
t_code 0
# night pain answered yes two days ago, nerve symptoms no, bone pain never asked
t_out_has "pain at night or at rest that does not settle</td><td><span class=\"yes\">yes</span>, $(date -d 'today - 2 days' +%F), in force"
t_out_has "numbness, tingling or weakness in the leg or foot</td><td>no, $(date -d 'today - 2 days' +%F)"
t_out_has "sharp pain in one spot on a bone</td><td><span class=\"unknown\">not asked"
t_out_has "No pressure range:</strong> no massage until the runner is assessed."
t_out_has "Until the assessment the runner was advised:"
t_out_lacks "Pressure 5 to 7"

t_case html-stale-and-no-pain
RUNCARE_DB=$D/stale.db "$RUNCARE" log pain --area heel --run 3 \
	--date "$(date -d 'today - 40 days' +%F)" >/dev/null || t_fail "log pain failed"
RUNCARE_DB=$D/stale.db t_run brief
t_code 0
t_out_has "the latest pain entry is too old"
t_out_lacks "Massage can help the runner"
t_out_lacks "Next session:"
RUNCARE_DB=$D/runs.db "$RUNCARE" log run --km 5 >/dev/null || t_fail "log run failed"
RUNCARE_DB=$D/runs.db t_run brief
t_code 0
t_out_has "No pain logged, so no area to map."
t_out_has "no pain is logged to judge it by"
t_out_has "No plan in force."

t_case output-cannot-be-created
t_run brief --output "$D/no-such-folder/brief.html"
t_code 73
t_err_prefix "runcare: brief: cannot create $D/no-such-folder/brief.html: "

t_case bad-format
t_run brief --format docx
t_code 64
t_err_prefix "runcare: brief: --format: expected html or pdf, got 'docx'"

t_case chromium-env-missing
RUNCARE_CHROMIUM=$D/no-such-browser t_run brief --format pdf --output "$D/x.pdf"
t_code 69
t_err "runcare: brief: RUNCARE_CHROMIUM names '$D/no-such-browser', which is not an executable file"
[ ! -e "$D/x.pdf" ] || t_fail "a PDF was written without a browser"

t_case chromium-not-on-path
PATH=$D/empty t_run brief --format pdf --output "$D/x.pdf"
t_code 69
t_err "runcare: brief: cannot print a PDF: chromium is missing (none of chromium, chromium-browser or google-chrome is on PATH); install it (Debian: apt install chromium) or set RUNCARE_CHROMIUM to the browser"

t_case pdf-one-page
if ! command -v chromium >/dev/null 2>&1; then
	echo "  t_brief: skipped the PDF checks: chromium is not installed" >&2
elif ! command -v pdfinfo >/dev/null 2>&1; then
	echo "  t_brief: skipped the PDF checks: pdfinfo (poppler-utils) is not installed" >&2
else
	mkdir -p "$D/tmp"
	TMPDIR=$D/tmp t_run brief --format pdf --output "$D/brief.pdf" --by "Sam Lee"
	t_code 0
	pages=$(pdfinfo "$D/brief.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	[ "$pages" = 1 ] || t_fail "the PDF has ${pages:-no} pages, expected 1"
	pdftotext "$D/brief.pdf" - 2>/dev/null | grep -qF "Prepared on $TODAY by Sam Lee" ||
		t_fail "the PDF lacks the sign-off"
	[ -z "$(ls -A "$D/tmp")" ] || t_fail "the private folder was left behind: $(ls -A "$D/tmp")"
	# To standard output, and the other stories on one page too.
	for s in four-weeks assess-first; do
		sh "$TESTS_CLI/stories.sh" "$RUNCARE" "$D/$s.db" "$s" ||
			t_fail "the $s journal could not be built"
		RUNCARE_DB=$D/$s.db t_run brief --format pdf
		t_code 0
		pages=$(pdfinfo "$T_OUT" 2>/dev/null | sed -n 's/^Pages: *//p')
		[ "$pages" = 1 ] || t_fail "$s: the PDF has ${pages:-no} pages, expected 1"
	done
fi
t_done
