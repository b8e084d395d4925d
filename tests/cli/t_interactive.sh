#!/bin/sh
# The interactive questions of `runcare check` in a pseudo-terminal: the
# area first, every warning sign of the knowledge base as yes / no / not
# sure ("not sure" counts as yes, and the program says so), the shin-bone
# question only for the shin, the run questions into symptoms or denied,
# a skipped trend left unknown, and questions and result wrapped at the
# terminal's width (40 and 120 columns) without a word cut in two.
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T

# drive SCRIPT COLS [ARGS...]: run check on a COLS-wide pty.
drive() {
	script=$1 cols=$2
	shift 2
	NO_COLOR=1 python3 "$TESTS_CLI/pty_drive.py" --cols "$cols" "$script" \
		"$RUNCARE" check "$@" >"$T_OUT" 2>"$T_ERR" ||
		t_fail "pty_drive: $(cat "$T_ERR")"
}

# The JSON result is the one line of the screen that starts with {.
json() { grep '^{' "$T_OUT" | tail -n 1; }

# json_has EXPR: the Python expression EXPR is true of the result d.
json_has() {
	json | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" ||
		t_fail "result: not $1"
}

# The warning-sign questions of the kb, in order, as a script asks them:
# yn N OF ANSWER ... -> script lines.
yn() {
	n=1 of=$1
	shift
	for ans in "$@"; do
		printf '?%d/%d\n?[y/n/?]:\n>%s\n' "$n" "$of" "$ans"
		n=$((n + 1))
	done
}

# The questions asked after the warning signs, for a calm answer; the
# run questions answered $1 $2 $3.
rest_of() {
	cat <<SCRIPT
?Which side?
?Number [Enter: 4]:
>left
?At rest
>1
?While running
>2
?First thing in the morning
?skip]:
>
SCRIPT
	yn 3 "$1" "$2" "$3"
	cat <<'SCRIPT'
?Numbers:
>
?Compared with last week
?Number [Enter: 4]:
>
?What do you want
?Number [Enter: 1]:
>
?recently?
?[y/N]:
>
SCRIPT
}

# ---- every warning sign is asked; shin question only for the shin ----

# kb_asked: every warning-sign question of the knowledge base (data/
# guide.json) is on the screen, the shin-bone one (focal_shin_pain) only
# when $1 is shin.
kb_asked() {
	python3 - "$1" "$TESTS_CLI/../../data/guide.json" "$T_OUT" <<'PY' || t_fail "warning-sign questions for $1"
import json, sys
area, kb, out = sys.argv[1], json.load(open(sys.argv[2])), open(sys.argv[3]).read()
screen = " ".join(out.split())
ok = True
for fid, f in kb["red_flags"].items():
    if "question" not in f:
        continue  # derived from the scores (rest_pain), never asked
    want = fid != "focal_shin_pain" or area == "shin"
    if (" ".join(f["question"].split()) in screen) != want:
        print("  %s: asked %s" % (fid, not want), file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
}

t_case interactive-shin-asks-every-sign
{ printf '?Number:\n>shin\n'; yn 7 n n n n n n n; rest_of n n n; } >"$D/shin"
drive "$D/shin" 80 --format json
t_out_has "EXIT=0"
kb_asked shin
json_has "d['unanswered'] == [] and d['red_flags'] == []"
json_has "d['side'] == 'left'"

t_case interactive-knee-no-shin-question
{ printf '?Number:\n>knee\n'; yn 6 n n n n n n; rest_of n n n; } >"$D/knee"
drive "$D/knee" 80 --format json
t_out_has "EXIT=0"
t_out_lacks "7/7"
kb_asked knee
# Every warning sign asked of a knee was answered no: none is unknown.
json_has "d['unanswered'] == [] and d['red_flags'] == []"
# Three run questions answered no, the trend skipped: that rule alone
# stays unknown.
json_has "{r['rule']: r['state'] for r in d['run']['reasons']} == {'pain_at_most_3': 'met', 'no_stride_change': 'met', 'not_worse_next_morning': 'met', 'no_limp': 'met', 'not_deteriorating': 'unknown'}"

# ---- not sure counts as yes and says so; no goes into denied ----
t_case interactive-not-sure-is-yes
{ printf '?Number:\n>heel\n'; yn 6 n '?' n n n n; } >"$D/unsure"
drive "$D/unsure" 80 --format json
t_out_has "not sure counts as yes"
t_out_has "nothing more to ask"
t_out_lacks "Which side?"
json_has "d['decision'] == 'assess_first'"
json_has "d['red_flags'] == ['night_pain']"
json_has "d['unanswered'] == []"

# ---- the run questions: yes / not sure -> symptoms, no -> denied ----
t_case interactive-run-questions
{ printf '?Number:\n>knee\n'; yn 6 n n n n n n; rest_of y n '?'; } >"$D/run"
drive "$D/run" 80 --format json
t_out_has "EXIT=0"
json_has "{r['rule']: r['state'] for r in d['run']['reasons']} == {'pain_at_most_3': 'met', 'no_stride_change': 'not_met', 'not_worse_next_morning': 'met', 'no_limp': 'not_met', 'not_deteriorating': 'unknown'}"
json_has "d['run']['verdict'] == 'not_yet'"

# ---- bad answers are asked again, naming what was wrong ----
t_case interactive-bad-answers
cat >"$D/bad" <<'SCRIPT'
?Number:
>9
?not one of the choices
>
?an answer is needed
>knee
?1/6
?[y/n/?]:
>perhaps
?"perhaps" is not an answer
>n
?2/6
?[y/n/?]:
^D
SCRIPT
drive "$D/bad" 80
t_out_has "is not one of the choices: type a number from 1 to 6"
t_out_has "runcare: check: cancelled"
t_out_has "EXIT=130"

# ---- wrapping at the terminal's width ----
# width_ok COLS: no line of the screen is wider than COLS, and every word
# of it is a word of the same dialogue at 200 columns (a word cut in two
# would leave pieces that are not).
width_ok() {
	python3 - "$1" "$T_OUT" "$D/wide" <<'PY' || t_fail "wrapping at $1 columns"
import sys
cols, path, wide = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lines = [l for l in open(path, encoding="utf-8").read().splitlines()
         if not l.startswith("EXIT=")]
bad = [l for l in lines if len(l) > cols]
for l in bad:
    print("  line of %d columns: %r" % (len(l), l), file=sys.stderr)
words = set(open(wide, encoding="utf-8").read().split())
cut = sorted(w for l in lines for w in l.split() if w not in words)
for w in cut:
    print("  not a word of the wide screen: %r" % w, file=sys.stderr)
sys.exit(1 if bad or cut else 0)
PY
}

for area in knee shin; do
	n=6
	[ "$area" = shin ] && n=7
	{ printf '?Number:\n>%s\n' "$area"; yn $n n n n n n n n | head -n $((n * 3)); rest_of n y n; } >"$D/w_$area"
	drive "$D/w_$area" 200
	cp "$T_OUT" "$D/wide"
	for cols in 40 120; do
		t_case "interactive-wrap-$area-$cols"
		drive "$D/w_$area" $cols
		t_out_has "EXIT=0"
		t_out_has "Running"
		width_ok $cols
	done
done

t_done
