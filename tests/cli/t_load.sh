#!/bin/sh
# Stories of `runcare load` and the load part of `runcare status` on
# journals dated back from today, with answers worked out by hand (the
# formulas are in docs/load.md): a newcomer of 16 days, sixty daily runs
# of the same length, and an Achilles runner whose load jumps.
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T
export LC_ALL=C.UTF-8
unset XDG_DATA_HOME
TODAY=$(date +%F)

# ago N: the date N days before today.
ago() { date -d "today - $1 days" +%F; }

# run N KM: log a run of KM km at 6:00 per km, N days ago.
run() {
	"$RUNCARE" log run --date "$(ago "$1")" --km "$2" \
		--minutes "$(($2 * 6))" >/dev/null || t_fail "log run $1 $2 failed"
}

# ---- a newcomer: 16 days of runs, this week 40 km after 15 ----
t_case newcomer-16-days
export RUNCARE_DB="$D/new.db"
for n in 15 13 11 9; do run "$n" 5; done
for n in 6 4 2 0; do run "$n" 10; done
t_run load --format json
t_code 0
t_json 'r["history_days"] == 16 and r["chronic_days"] == 16'
t_json 'r["acute_km"] == 40 and r["chronic_km"] == 26.25'
t_json 'r["weeks"][0]["change"] == 1.667 and r["weeks"][1]["change"] is None'
t_json '[w["covered"] for w in r["weeks"]] == [True, True, False, False]'
t_json 'r["warnings"] == []'
t_run load
t_code 0
t_out_has "26.2 km a week over 16 days"
t_out_has "Runs are logged for 16 days only"
t_out_has "no warnings"
t_out_lacks "load spike."
"$RUNCARE" log pain --area shin --run 2 >/dev/null || t_fail "log pain failed"
t_run status --as-of "$TODAY" --format json
t_code 0
t_json 'all(i["kind"] != "load" for i in r["headline"]["items"])'
t_run status --as-of "$TODAY" --format text
t_out_has "26.2 km in a"
t_out_lacks "load spike."

# ---- sixty daily runs of 8 km: monotony at its cap of 10 ----
t_case sixty-daily-runs
export RUNCARE_DB="$D/daily.db"
n=0
while [ $n -lt 60 ]; do run $n 8; n=$((n + 1)); done
t_run load --format json
t_code 0
t_json 'all(w["monotony"] == 10 and w["strain"] == 560 for w in r["weeks"])'
t_json 'r["chronic_days"] == 28 and r["acwr_rolling"] == 1 and r["warnings"] == []'
t_run load
t_out_has "10.00"
t_out_lacks "512"

# ---- an Achilles runner: 10 km a week, then 30 km ----
t_case achilles-spike
export RUNCARE_DB="$D/achilles.db"
for n in 29 22 15 8; do run "$n" 10; done
run 1 30
"$RUNCARE" log pain --date "$(ago 1)" --area achilles --run 2 --morning 2 \
	>/dev/null || t_fail "log pain failed"
ACH="Achilles Tendinopathy / Achilles Irritation"
t_run status --as-of "$TODAY" --format json
t_code 0
t_json '[w["source"] for w in r["load"]["warnings"]] == ["'"$ACH"'"]'
t_json '[i["source"] for i in r["headline"]["items"] if i["kind"] == "load"] == ["'"$ACH"'"]'
t_run load
t_out_has "a load spike. ($ACH)"
t_out_lacks "Shin Splints"

t_done
