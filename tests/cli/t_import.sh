#!/bin/sh
# Golden tests of `runcare import` and `runcare load`: the summary line,
# exit codes, duplicates, skipped sports, refused files with their reason
# (named even with --quiet), JSON per file (skipped Strava rows too), a
# missing path (66), a line per run on a terminal, and the load report.
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T
GEN=$(dirname "$RUNCARE")/tests/trackgen
export LC_ALL=C.UTF-8
[ -x "$GEN" ] || { echo "no $GEN" >&2; exit 1; }

mkdir "$D/runs" "$D/sdk"
"$GEN" "$D/sdk"
cp "$D/sdk/be.fit" "$D/runs/a.fit"
cp "$D/sdk/le_cts.fit" "$D/runs/b.fit"
"$GEN" --gpx 1800 "$D/runs/c.gpx"
gzip -c "$D/runs/c.gpx" >"$D/runs/d.gpx.gz"
"$GEN" --tcx 1200 "$D/runs/e.tcx"
sed 's|<type>running</type>|<type>cycling</type>|' "$D/runs/c.gpx" >"$D/runs/ride.gpx"
head -c 5000 "$D/sdk/le.fit" >"$D/runs/short.fit"
DB="--db $D/j.db"

# a.fit and b.fit are one run (two encodings), c.gpx and d.gpx.gz are
# one run (plain and gzipped): each is stored once, with both sources.
t_case first-import
t_run $DB import "$D/runs"
t_code 1
t_out_line 1 "imported 3, merged 2, duplicates 0, skipped 1, refused 1"
t_out_lines 1
t_err_prefix "runcare: import: $D/runs/short.fit: fit: byte "
grep -q "the file is truncated" "$T_ERR" || t_fail "no reason: $(cat "$T_ERR")"

t_case merged-sources-listed
t_run $DB log list --format json
t_code 0
t_json 'len([x for x in rs if x["kind"] == "run"]) == 3'
t_json 'sorted(x["source"] for x in rs if x["kind"] == "run")[0].count(", ") == 1'

t_case second-import-adds-nothing
t_run $DB import --quiet "$D/runs"
t_code 1
t_out_line 1 "imported 0, duplicates 5, skipped 1, refused 1"
t_out_lines 1
# --quiet hides progress, never a refused file.
t_err_prefix "runcare: import: $D/runs/short.fit: fit: byte "

t_case good-files-exit-0
t_run $DB import "$D/runs/a.fit" "$D/runs/e.tcx"
t_code 0
t_out_line 1 "imported 0, duplicates 2, skipped 0, refused 0"
grep -q "$(printf '\r')" "$T_ERR" && t_fail "a progress bar although stderr is not a terminal"

t_case json-per-file
t_run $DB import --format json "$D/runs"
t_code 1
t_out_lines 7
t_json 'sorted(x["status"] for x in rs) == ["duplicate"] * 5 + ["refused", "skipped"]'
t_json 'all(len(x["sha256"]) == 64 for x in rs if x["status"] == "duplicate")'
t_json '[x for x in rs if x["file"].endswith("d.gpx.gz")][0]["format"] == "gpx"'
t_json '"truncated" in [x for x in rs if x["status"] == "refused"][0]["reason"]'
t_json '[x["file"] for x in rs if x["status"] == "skipped"] == ["'"$D/runs/ride.gpx"'"]'
grep -q "^runcare: import: $D/runs/short.fit: fit: byte " "$T_ERR" ||
	t_fail "the refused file is not named on stderr: $(cat "$T_ERR")"
[ "$(tail -n 1 "$T_ERR")" = "imported 0, duplicates 5, skipped 1, refused 1" ] ||
	t_fail "last line of stderr: $(tail -n 1 "$T_ERR")"
t_out_lacks "imported 0"

t_case missing-path
t_run $DB import "$D/nothere"
t_code 66
t_err "runcare: import: $D/nothere: No such file or directory"
t_out_line 1 "imported 0, duplicates 0, skipped 0, refused 1"

t_case missing-path-among-others
"$GEN" --gpx 900 "$D/late.gpx"
t_run $DB import --quiet --format json "$D/nothere" "$D/late.gpx"
t_code 66
t_out_lines 2
t_json '[(x["file"], x["status"]) for x in rs] == [("'"$D/nothere"'", "refused"), ("'"$D/late.gpx"'", "imported")]'
grep -q "^runcare: import: $D/nothere: No such file or directory$" "$T_ERR" ||
	t_fail "the missing path is not named: $(cat "$T_ERR")"

t_case strava-skipped-rows
mkdir -p "$D/strava/activities"
"$GEN" --gpx 600 "$D/strava/activities/1.gpx"
cp "$D/runs/ride.gpx" "$D/strava/activities/2.gpx"
cat >"$D/strava/activities.csv" <<'CSV'
Activity ID,Activity Name,Activity Type,Filename
1,Morning Run,Run,activities/1.gpx
2,Commute,Ride,activities/2.gpx
CSV
t_run --db "$D/s.db" import --format json "$D/strava"
t_code 0
t_out_lines 2
t_json '[x["status"] for x in rs] == ["skipped", "imported"]'
t_json 'rs[0]["file"] == "'"$D/strava/activities/2.gpx"'" and rs[0]["sport"] == "other"'
t_json '"Ride" in rs[0]["reason"]'
t_err "imported 1, duplicates 0, skipped 1, refused 0"

t_case line-per-run-on-a-terminal
# Through a pseudo-terminal: one line per imported run (date, sport,
# distance, moving time, file), nothing for a duplicate, the refused file
# named; --quiet keeps only the summary and the refused file.
printf '?imported \n' >"$D/pty.txt"
cp "$D/runs/c.gpx" "$D/dup.gpx"
python3 "$TESTS_CLI/pty_drive.py" "$D/pty.txt" "$RUNCARE" --db "$D/t.db" \
	import "$D/runs/c.gpx" "$D/dup.gpx" "$D/runs/e.tcx" \
	"$D/runs/short.fit" >"$T_OUT" 2>"$T_ERR" || t_fail "pty_drive: $(cat "$T_ERR")"
tr -d '\r' <"$T_OUT" | sed 's/^.*\x1b\[K//' >"$D/pty.out"
grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}  run +[0-9]+\.[0-9]{2} km  0:[0-5][0-9]:[0-5][0-9]  $D/runs/c\.gpx\$" "$D/pty.out" ||
	t_fail "no line for c.gpx: $(cat "$D/pty.out")"
grep -q "  $D/runs/e\.tcx\$" "$D/pty.out" || t_fail "no line for e.tcx"
grep -q "dup\.gpx\$" "$D/pty.out" && t_fail "a line for a duplicate"
grep -q "^runcare: import: $D/runs/short.fit: fit: byte " "$D/pty.out" ||
	t_fail "the refused file is not named"
grep -q "^imported 2, duplicates 1, skipped 0, refused 1\$" "$D/pty.out" ||
	t_fail "no summary: $(cat "$D/pty.out")"
grep -q "^EXIT=1\$" "$D/pty.out" || t_fail "exit code: $(tail -n 1 "$D/pty.out")"
python3 "$TESTS_CLI/pty_drive.py" "$D/pty.txt" "$RUNCARE" --db "$D/t2.db" \
	import --quiet "$D/runs/c.gpx" "$D/runs/short.fit" >"$T_OUT" 2>"$T_ERR" ||
	t_fail "pty_drive: $(cat "$T_ERR")"
tr -d '\r' <"$T_OUT" >"$D/pty.out"
grep -q "c\.gpx\$" "$D/pty.out" && t_fail "--quiet printed a line per run"
grep -q "files, " "$D/pty.out" && t_fail "--quiet drew a progress bar"
grep -q "short.fit: fit: byte " "$D/pty.out" || t_fail "--quiet hid the refused file"
grep -q "^imported 1, duplicates 0, skipped 0, refused 1\$" "$D/pty.out" ||
	t_fail "no summary with --quiet: $(cat "$D/pty.out")"

t_case no-path
t_run $DB import
t_code 64
t_err "runcare: import: name at least one file or folder"

t_case bad-format
t_run $DB import --format xml "$D/runs"
t_code 64

t_case entity-bomb
printf '%s\n' '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><gpx>&b;</gpx>' >"$D/bomb.gpx"
t_run $DB import "$D/bomb.gpx"
t_code 1
t_err "runcare: import: $D/bomb.gpx: gpx: line 1: a DOCTYPE is not allowed in a track file (refused)"

t_case several-activities
# Two GPX tracks three hours apart are two runs; a TCX ride and run are a
# skipped ride (named) and a run.
"$GEN" --gpx 600 "$D/t1.gpx"
python3 - "$D/t1.gpx" "$D/two.gpx" <<'PY'
import sys
s = open(sys.argv[1]).read()
trk = s[s.index("<trk>"):s.index("</trk>") + 6]
later = trk.replace("T07:", "T10:").replace("T08:", "T11:")
open(sys.argv[2], "w").write(s.replace("</gpx>", later + "</gpx>"))
PY
t_run --db "$D/k.db" import --format json "$D/two.gpx"
t_code 0
t_out_lines 2
t_json '[x["leg"] for x in rs] == [1, 2] and all(x["status"] == "imported" for x in rs)'
t_json 'rs[0]["sha256"] != rs[1]["sha256"]'
t_err "imported 2, duplicates 0, skipped 0, refused 0"
t_run --db "$D/k.db" import "$D/two.gpx"
t_code 0
t_out_line 1 "imported 0, duplicates 2, skipped 0, refused 0"
"$GEN" --tcx 600 "$D/run.tcx"
python3 - "$D/run.tcx" "$D/both.tcx" <<'PY'
import sys
s = open(sys.argv[1]).read()
act = s[s.index("<Activity "):s.index("</Activity>") + 11]
ride = act.replace('Sport="Running"', 'Sport="Biking"').replace("T07:", "T05:")
open(sys.argv[2], "w").write(s.replace("<Activities>", "<Activities>" + ride))
PY
t_run --db "$D/k2.db" import --format json "$D/both.tcx"
t_code 0
t_json '[x["status"] for x in rs] == ["skipped", "imported"]'
t_json 'rs[0]["reason"] == "not a run or walk (Biking)" and rs[0]["file_sport"] == "Biking"'

t_case load-json
t_run $DB load --format json --weeks 2
t_code 0
t_json 'len(r["weeks"]) == 2 and "acwr_rolling" in r and isinstance(r["warnings"], list)'

t_case load-text
t_run $DB load
t_code 0
t_out_has "acute:chronic workload ratio"

t_case load-bad-weeks
t_run $DB load --weeks 0
t_code 64
t_err "runcare: load: --weeks must be a whole number from 1 to 104"

t_done
