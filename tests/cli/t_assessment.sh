#!/bin/sh
# A dated story told through the CLI: a warning sign logged once keeps
# status at assess_first through calm entries after it, an assessment that
# refers on or treats keeps it, only "cleared" lifts it, and a new sign
# after the clearance counts again. Also: log pain --denied and --side,
# and status's run rules met only on what the journal holds.
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T
export LC_ALL=C.UTF-8
export RUNCARE_DB="$D/journal.db"
unset XDG_DATA_HOME

# ---- a focal shin pain on 2 November, then two calm weeks ----
t_case story-sign
t_run log pain --date 2026-11-02 --area shin --run 4 --symptom focal_shin_pain --side left
t_code 0
t_json 'r["symptoms"] == ["focal_shin_pain"] and r["side"] == "left"'
for d in 03 05 07 09 11 13 15 17; do
	"$RUNCARE" log pain --date 2026-11-$d --run 1 --morning 1 \
		--denied focal_shin_pain --denied stride_change \
		--denied worse_next_morning --denied limp_after >/dev/null ||
		t_fail "log pain on 2026-11-$d failed"
done

t_case sign-persists
t_run status --as-of 2026-11-17 --format json
t_code 0
t_json 'r["decision"] == "assess_first" and r["headline"]["verdict"] == "assess_first"'
t_json 'r["warning_signs"] == [{"flag": "focal_shin_pain", "date": "2026-11-02", "area": "shin"}]'
t_json 'r["headline"]["items"][0]["kind"] == "warning_sign" and "2026-11-02" in r["headline"]["items"][0]["text"]'

t_case sign-persists-text
t_run status --as-of 2026-11-17 --format text
t_code 0
t_out_line 2 "❌ Get it assessed first: no massage and no running on it until a clinician"
t_out_has "logged on 2026-11-02"
t_out_lacks "Running looks safe"
t_out_lacks "Massage is a good idea"

# ---- an assessment that refers on does not lift it ----
t_case refer
t_run log assessment --date 2026-11-18 --outcome refer --by GP --note "X-ray booked"
t_code 0
t_json 'r["kind"] == "assessment" and r["outcome"] == "refer" and r["by"] == "GP"'
t_run status --as-of 2026-11-18 --format json
t_json 'r["decision"] == "assess_first" and r["assessment"]["latest"]["outcome"] == "refer" and r["assessment"]["cleared"] is None'
t_json 'any(i["kind"] == "assessment" and i["blocking"] for i in r["headline"]["items"])'

t_case treat
t_run log assessment --date 2026-11-19 --outcome treat
t_code 0
t_run status --as-of 2026-11-19 --format json
t_json 'r["decision"] == "assess_first"'

# ---- cleared lifts it; the run rules then rest on the denied answers ----
t_case cleared
t_run log assessment --date 2026-11-20 --outcome cleared --by "Dr Rao, physio"
t_code 0
t_run log pain --date 2026-11-21 --run 1 --morning 1 --denied stride_change --denied worse_next_morning --denied limp_after
t_code 0
t_run status --as-of 2026-11-21 --format json
t_json 'r["decision"] != "assess_first" and r["warning_signs"] == []'
t_json 'r["assessment"]["cleared"]["date"] == "2026-11-20"'
t_json '{x["rule"]: x["state"] for x in r["run_rules"]}["no_limp"] == "met"'
t_json '{x["rule"]: x["state"] for x in r["run_rules"]}["no_stride_change"] == "met"'

# ---- what the latest entry did not ask stays unknown ----
t_case not-asked
t_run log pain --date 2026-11-22 --run 1
t_code 0
t_run status --as-of 2026-11-22 --format json
t_json '{x["rule"]: x["state"] for x in r["run_rules"]}["no_limp"] == "unknown"'
t_json 'r["run"]["verdict"] != "ok"'

# ---- a new warning sign after the clearance counts again ----
t_case new-sign
t_run log pain --date 2026-11-23 --run 2 --symptom night_pain
t_code 0
t_run status --as-of 2026-11-30 --format json
t_json 'r["decision"] == "assess_first" and [w["flag"] for w in r["warning_signs"]] == ["night_pain"]'

# ---- the flags are checked like check's ----
t_case assessment-needs-outcome
t_run log assessment --date 2026-11-24
t_code 64
t_err "runcare: log: log assessment needs --outcome: cleared, refer or treat"

t_case unknown-outcome
t_run log assessment --outcome maybe
t_code 65
t_err 'runcare: log: outcome: unknown outcome "maybe" (cleared, refer, treat)'

t_case reported-and-denied
t_run log pain --run 2 --symptom tight --denied tight
t_code 65
t_err_prefix 'runcare: log: denied: "tight" is also in symptoms'

t_case denied-unknown
t_run log pain --run 2 --denied limping
t_code 65
t_err 'runcare: log: denied[0]: unknown symptom "limping"'

t_case outcome-on-pain
t_run log edit 1 --outcome cleared
t_code 64
t_err "runcare: log: --outcome is for assessment entries; entry 1 is a pain entry"

t_case list-text
t_run log list --kind assessment --format text
t_code 0
t_out_lines 3
t_out_has 'outcome cleared, by "Dr Rao, physio"'

# ---- a journal gone quiet gives no advice for today ----
t_case stale
t_run status --as-of 2026-12-20 --format json
t_code 0
t_json 'r["headline"]["verdict"] == "assess_first" and r["stale"] is True'
t_run status --as-of 2026-11-17 --format json
t_json 'r["stale"] is False'

# ---- rules all met under a headline that holds back: not called safe ----
t_case met-but-held
export RUNCARE_DB="$D/held.db"
for d in 10 12 14 16 18 20 22 24 26 28 30; do
	"$RUNCARE" log run --date 2026-11-$d --km 5 --minutes 30 >/dev/null
done
"$RUNCARE" log run --date 2026-12-01 --km 12 --minutes 55 >/dev/null
for d in 18 21 24 27 30; do
	"$RUNCARE" log pain --date 2026-11-$d --area knee --run 2 --morning 1 \
		--denied stride_change --denied worse_next_morning \
		--denied limp_after >/dev/null
done
t_run status --as-of 2026-12-01 --format json
t_code 0
t_json 'r["run"]["verdict"] == "ok" and r["headline"]["verdict"] == "hold_back"'
t_json 'r["headline"]["running"].startswith("Every return-to-run rule is met, but")'
t_run status --as-of 2026-12-01 --format text
t_out_lacks "Running looks safe"
t_out_has "Running   Every return-to-run rule is met, but what the headline"

t_case stale-without-sign
t_run status --as-of 2026-12-20 --format json
t_code 0
t_json 'r["headline"]["verdict"] == "stale" and r["headline"]["items"][0]["kind"] == "stale"'
t_run status --as-of 2026-12-20 --format text
t_out_lacks "Running looks safe"
t_out_lacks "Massage is a good idea"

t_done
