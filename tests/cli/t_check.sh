#!/bin/sh
# Golden tests of `runcare check` and of runcare's own options: exit codes,
# exact messages, JSON and text output, batch mode, --kb, and the
# interactive questions through a pseudo-terminal.
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T
export LC_ALL=C.UTF-8
unset NO_COLOR

printf '%s\n' '{"area": "heel", "symptoms": ["tight", "improves_with_warmup"], "pain": {"rest": 1, "run": 2, "morning": 3}, "trend": "same"}' >"$D/ok.json"
printf '%s\n' '{"area": "shin", "symptoms": ["night_pain", "tight"]}' >"$D/flag.json"

# ---- runcare's own options ----
t_case version
t_run --version
t_code 0
t_out_line 1 "runcare 0.1.0"

t_case help
t_run --help
t_code 0
t_out_has "usage: runcare [OPTIONS] COMMAND"
t_out_has "  check "
t_out_has "Exit codes:"
t_out_has " 65  invalid input data"

t_case no-command
t_run
t_code 64

t_case unknown-command
t_run frobnicate
t_code 64
t_err "runcare: unknown command 'frobnicate'"

t_case unknown-global-option
t_run --frob check
t_code 64
t_err "runcare: unknown option '--frob'"

t_case global-option-missing-value
t_run --kb
t_code 64
t_err "runcare: option '--kb' needs a value"

# ---- check: usage errors (64) ----
t_case check-help
t_run check --help
t_code 0
t_out_line 1 "usage: runcare check [--input FILE|-] [--format json|text] [--batch]"
t_out_has "--pain-run N"

t_case check-unknown-option
t_run check --frob
t_code 64
t_err "runcare: check: unknown option '--frob'"

t_case check-unknown-short-option
t_run check -z
t_code 64
t_err "runcare: check: unknown option '-z'"

t_case check-missing-value
t_run check --input
t_code 64
t_err "runcare: check: option '--input' needs a value"

t_case check-bad-format
t_run check --input "$D/ok.json" --format xml
t_code 64
t_err "runcare: check: unknown format 'xml' (json or text)"

t_case check-operand
t_run check extra
t_code 64
t_err "runcare: check: unexpected argument 'extra'"

t_case check-flags-and-input
t_run check --input "$D/ok.json" --area heel
t_code 64
t_err "runcare: check: intake flags (--area, --symptom, ...) cannot be combined with --input"

t_case check-batch-text
t_run check --batch --format text
t_code 64
t_err "runcare: check: --batch writes JSON Lines; --format text does not apply"

# ---- check: input that cannot be read (66) ----
t_case check-missing-file
t_run check --input "$D/nope.json"
t_code 66
t_err "runcare: check: cannot open $D/nope.json: No such file or directory"

t_case check-directory
t_run check --input "$D"
t_code 66
t_err "runcare: check: cannot read $D: Is a directory"

# ---- check: valid intakes (0) ----
t_case check-json-file
t_run check --input "$D/ok.json" --format json
t_code 0
t_out_lines 1
t_json 'r["decision"] == "massage_ok" and r["condition"] == "plantar_fasciitis"'
t_json 'r["pressure"]["min"] == 5 and r["pressure"]["max"] == 7'
t_json '"calf" in [t["id"] for t in r["targets"]]'

t_case check-stdin-dash
T_STDIN=$D/flag.json t_run check --input - --format json
t_code 0
t_json 'r["decision"] == "assess_first" and r["red_flags"] == ["night_pain"]'
t_json 'r["pressure"] is None and r["massage_type"] is None and r["referral"]'

t_case check-stdin-pipe-default-json
T_STDIN=$D/ok.json t_run check
t_code 0
t_json 'r["decision"] == "massage_ok"'

t_case check-flags
t_run check --area knee --symptom load_pattern --pain-run 5 --format json
t_code 0
t_json 'r["decision"] == "massage_with_load_change" and r["run"]["verdict"] == "not_yet"'
t_json '{"it_band", "patellar_tendon"} <= {a["id"] for a in r["avoid"]}'

t_case check-flags-all
t_run check --area achilles --symptom tendon_flare --symptom tendon_flare \
	--pain-rest 2 --pain-run 3 --pain-morning 4 --trend better \
	--goal mobility --last-pressure 6 --flare-hours 30 \
	--bruised-or-limping --format json
t_code 0
t_json 'r["pressure"]["max"] <= 4 and r["goal"]'

# ---- check: invalid intakes (65), one line naming the field ----
t_case check-pain-out-of-range-json
printf '%s\n' '{"area": "heel", "pain": {"run": 12}}' >"$D/bad.json"
t_run check --input "$D/bad.json"
t_code 65
t_err "runcare: check: pain.run: expected a whole number from 0 to 10, got 12"
t_out_lines 0

t_case check-pain-out-of-range-flag
t_run check --area heel --pain-run 12
t_code 65
t_err "runcare: check: pain.run: expected a whole number from 0 to 10, got 12"

t_case check-pain-not-a-number-flag
t_run check --area heel --pain-rest lots
t_code 65
t_err 'runcare: check: pain.rest: expected a whole number from 0 to 10, got "lots"'

t_case check-unknown-symptom-json
printf '%s\n' '{"area": "heel", "symptoms": ["tight", "improves_with_warmup", "tite"]}' >"$D/bad.json"
t_run check --input "$D/bad.json"
t_code 65
t_err 'runcare: check: symptoms[2]: unknown symptom "tite"'

t_case check-unknown-symptom-flag
t_run check --area heel --symptom tight --symptom tite
t_code 65
t_err 'runcare: check: symptoms[1]: unknown symptom "tite"'

t_case check-unknown-area-flag
t_run check --area elbow
t_code 65
t_err 'runcare: check: area: unknown area "elbow" (achilles, heel, hip, knee, other, shin)'

t_case check-unknown-trend-flag
t_run check --area heel --trend "wor\"se"
t_code 65
t_err 'runcare: check: trend: unknown trend "wor\"se" (better, same, worse)'

t_case check-last-pressure-zero-flag
t_run check --area heel --last-pressure 0
t_code 65
t_err_prefix 'runcare: check: last_massage.pressure: '

t_case check-negative-flare-flag
t_run check --area heel --flare-hours -3
t_code 65
t_err_prefix 'runcare: check: last_massage.flare_hours: '

t_case check-unknown-field
printf '%s\n' '{"area": "heel", "symtoms": ["tight"]}' >"$D/bad.json"
t_run check --input "$D/bad.json"
t_code 65
t_err_prefix 'runcare: check: '
grep -q symtoms "$T_ERR" || t_fail "the message does not name the field: $(cat "$T_ERR")"

t_case check-malformed-json
printf '{"area": "heel",\n  }\n' >"$D/bad.json"
t_run check --input "$D/bad.json"
t_code 65
t_err_prefix 'runcare: check: line 2, column 3: '

t_case check-empty-input
: >"$D/empty.json"
t_run check --input "$D/empty.json"
t_code 65
t_err_prefix 'runcare: check: line 1, column 1: '

t_case check-oversized
python3 -c 'import sys; sys.stdout.write("{\"area\": \"heel\", \"x\": \"" + "a" * 70000 + "\"}\n")' >"$D/big.json"
t_run check --input "$D/big.json"
t_code 65
t_err "runcare: check: intake: larger than the limit of 65536 bytes"

# ---- check --batch ----
t_case batch
{
	cat "$D/ok.json"
	printf '%s\n' '{"area": "heel",'
	printf '%s\n' '{"area": "heel", "pain": {"run": 12}}'
	printf '\n'
	python3 -c 'import sys; sys.stdout.write("{\"area\": \"heel\", \"x\": \"" + "a" * 70000 + "\"}\n")'
	printf '%s' '{"area": "shin", "symptoms": ["night_pain"]}'
} >"$D/batch.jsonl"
t_run check --batch --input "$D/batch.jsonl"
t_code 0
t_out_lines 6
t_json 'rs[0]["decision"] == "massage_ok"'
t_json 'rs[1]["line"] == 2 and rs[1]["error"].startswith("column 17: ")'
t_json 'rs[2] == {"line": 3, "error": "pain.run: expected a whole number from 0 to 10, got 12"}'
t_json 'rs[3]["line"] == 4 and "blank" in rs[3]["error"]'
t_json 'rs[4] == {"line": 5, "error": "intake: larger than the limit of 65536 bytes"}'
t_json 'rs[5]["decision"] == "assess_first"'
t_out_line 2 '{"line": 2, "error": "column 17: expected a string key, got end of input"}'

t_case batch-stdin
T_STDIN=$D/batch.jsonl t_run check --batch
t_code 0
t_out_lines 6

t_case batch-missing-file
t_run check --batch --input "$D/nope.jsonl"
t_code 66

t_case batch-crlf
printf '%s\r\n%s\r\n' '{"area": "knee"}' '{"area": "hip"}' >"$D/crlf.jsonl"
t_run check --batch --input "$D/crlf.jsonl"
t_code 0
t_json 'len(rs) == 2 and rs[1]["condition"] == "hip_deep_glute"'

# ---- text output ----
t_case text-utf8
t_run check --input "$D/ok.json" --format text
t_code 0
t_out_line 1 "$(printf '\342\234\205') Massage is a good idea today."
t_out_has "Where to massage"
t_out_has "5-7 out of 10"
t_out_has "runcare gives general guidance"
grep -q "$(printf '\033')" "$T_OUT" && t_fail "colour on a pipe"

t_case text-ascii
LC_ALL=C t_run check --input "$D/flag.json" --format text
t_code 0
t_out_line 1 "[X] Skip massage for now and get this assessed first."
t_out_has "Where to get assessed"
t_out_has "NHS 111"

t_case text-load-change
LC_ALL=C t_run check --area knee --symptom load_pattern --format text
t_code 0
t_out_line 1 "[!] Massage can help, but only together with a change in your training load."

# ---- --kb ----
t_case kb-broken-syntax
printf '{\n  "version": "x",\n  oops\n}\n' >"$D/broken.json"
t_run --kb "$D/broken.json" check --input "$D/ok.json"
t_code 78
t_err_prefix "runcare: check: $D/broken.json: line 3, column 3: "

t_case kb-broken-content
printf '{\n  "version": 7\n}\n' >"$D/broken2.json"
t_run --kb "$D/broken2.json" check --input "$D/ok.json"
t_code 78
t_err_prefix "runcare: check: $D/broken2.json:"

t_case kb-missing
t_run --kb "$D/nokb.json" check --input "$D/ok.json"
t_code 66
t_err "runcare: check: cannot open $D/nokb.json: No such file or directory"

# ---- interactive, through a pseudo-terminal ----
drive() { # drive SCRIPT [env...]: run check on a pty, output in $T_OUT
	python3 "$TESTS_CLI/pty_drive.py" "$1" "$RUNCARE" check >"$T_OUT" 2>"$T_ERR" ||
		t_fail "pty_drive: $(cat "$T_ERR")"
}

t_case interactive-not-sure
cat >"$D/s1" <<'EOF'
?Where is the pain?
>3
?1/7
>n
?2/7
>perhaps
?please answer y (yes), n (no) or ? (not sure)
>not sure
?not sure counts as yes
?3/7
>n
?4/7
>no
?5/7
>N
?6/7
>n
?7/7
>n
EOF
drive "$D/s1"
t_out_has "Skip massage for now and get this assessed first."
t_out_has "Warning signs"
t_out_has "EXIT=0"
grep -q "$(printf '\033\\[')" "$T_OUT" || t_fail "no colour on a terminal"

t_case interactive-full
cat >"$D/s2" <<'EOF'
?Number:
>heel
?1/6
>n
?2/6
>n
?3/6
>n
?4/6
>n
?5/6
>n
?6/6
>n
?Which side?
>
?At rest
>1
?While running
>eleven
?whole number from 0 to 10
>2
?First thing
>
?1/3
>n
?2/3
>n
?3/3
>n
?Numbers:
>1 2 99
?numbers from 1 to 9
>1 2
?Compared with last week
>
?What do you want
>
?recently?
>
EOF
NO_COLOR=1 drive "$D/s2"
t_out_has "Massage is a good idea today."
t_out_has "EXIT=0"
grep -q "$(printf '\033\\[')" "$T_OUT" && t_fail "colour despite NO_COLOR"

t_case interactive-ctrl-d
printf '%s\n' '?Number:' '>knee' '?1/6' '>n' '?2/6' '^D' >"$D/s3"
drive "$D/s3"
t_out_has "runcare: check: cancelled"
t_out_has "EXIT=130"

t_case interactive-ctrl-c
printf '%s\n' '?Number:' '^C' >"$D/s4"
drive "$D/s4"
t_out_has "runcare: check: cancelled"
t_out_has "EXIT=130"

t_done
