#!/usr/bin/env python3
"""Import every file of the shared corpus of real activity files and hold
runcare's figures against what independent readers report (index.json).

    check.py RUNCARE [CORPUS_DIR]

For each file a scratch journal is made and the file imported with
`runcare import --format json`, one JSON object per activity (leg) of the
file. What is expected follows from the readers:

* FIT: a file both readers fail on, or whose file type is not activity, is
  refused with a reason. Otherwise each session is a leg: running, walking
  and hiking sessions (and sessions that name no sport, taken as runs)
  are stored, with the distance within 1% of the session's
  total_distance and the moving time within 5% of its total_timer_time;
  other sports are skipped, each named.
* TCX: each Activity is a leg; Running and Walking are stored, with the
  stored distance within 1% of the laps' DistanceMeters and the moving time
  within 5% of their TotalTimeSeconds; other sports are skipped.
* GPX: a file with at least two timed points is stored as runs (GPX says
  no sport unless trk/type does), the distances adding up to within 2% of
  gpxpy's 2-D length; a file without a timed track is refused.

Where runcare decides otherwise than the readers, EXPECT below says so and
why (the same list is in docs/load.md, "Real files"). Every mismatch is
printed; the exit status is 1 when there is one, 77 when the corpus is not
there, 0 otherwise.
"""
import json
import os
import subprocess
import sys
import tempfile

KEEP_FIT = {"running", "walking", "hiking", "generic", None}
KEEP_TCX = {"running", "walking"}
DIST_TOL = 0.01
DIST_TOL_GPX = 0.02
MOVING_TOL = 0.05

def refused(why, words):
    """Refused for why; the reason runcare gives holds words."""
    return {"refuse": why, "reason": words}


RIDE = [("cycling", False, None, None)]    # one leg, skipped as a ride

# Files where runcare decides otherwise than the readers, keyed by the
# corpus name (docs/load.md, "Real files", says the same). "refuse": not
# stored, "reason": words runcare's reason must hold; "moving": the moving
# time is not held against the timer (why); "distance": likewise for the
# distance; "legs": (sport, kept, distance, timer) of each leg.
EXPECT = {
    # Standing still: the device's timer ran on (no auto-pause) while the
    # speed it recorded was 0.
    "fit/dtcooper__tests__files__2013-02-06-12-11-14.fit": {
        "moving": "447 s at a recorded speed of 0 and a 52 s recording gap "
                  "with 1 m covered"},
    "fit/dtcooper__tests__files__Activity.fit": {
        "moving": "5.7 m in 14 s, every recorded speed 0: stood still"},
    "fit/dtcooper__tests__files__activity-settings.fit": {
        "moving": "the same 14 s as Activity.fit: stood still"},
    "fit/garmin__tests__fits__HrmPluginTestActivity.fit": {
        "moving": "60 m in 309 s, recorded speeds mostly 0 to 0.3 m/s"},
    "fit/muktihari__testdata__from_official_sdk__HrmPluginTestActivity.fit": {
        "moving": "the same recording as HrmPluginTestActivity.fit"},
    # A file CRC that does not match the bytes: fitdecode reads on, Garmin's
    # SDK stops; runcare refuses a file whose bytes changed.
    "fit/dtcooper__tests__files__activity-filecrc.fit":
        refused("file CRC mismatch", "CRC"),
    "fit/dtcooper__tests__files__activity-activity-filecrc.fit":
        refused("file CRC mismatch", "CRC"),
    # Times below 0x10000000 count seconds since the device was switched
    # on: the readers report a date in 1990; runcare cannot date the run.
    "fit/dtcooper__tests__files__antfs-dump.63.fit":
        refused("clock not set", "clock was not set"),
    "fit/dtcooper__tests__files__compressed-speed-distance.fit":
        refused("clock not set", "clock was not set"),
    "fit/gpsbabel__reference__track__garmin-virb-ultra-30.fit":
        refused("clock not set", "clock was not set"),
    # No session and records without a time.
    "fit/dtcooper__tests__files__DeveloperData.fit":
        refused("no timed record", "no track points with a time"),
    # No session; gear change events: a ride.
    "fit/garmin__tests__fits__WithGearChangeData.fit": {
        "legs": RIDE},
    "fit/muktihari__testdata__from_official_sdk__WithGearChangeData.fit": {
        "legs": RIDE},
    # One record: no distance, nothing to store.
    "fit/muktihari__testdata__valid_only_contain_fileid.fit": {
        "legs": [(None, True, 0.0, None)]},
    # GPX files that name no sport and are no run: refused with the reason.
    "gpx/gpsbabel__reference__dusky.gpx":
        refused("29 m/s", "faster than any runner"),
    "gpx/gpsbabel__reference__track__height.gpx":
        refused("15 m/s", "faster than any runner"),
    "gpx/gpsbabel__reference__track__sbn-v13.gpx":
        refused("13 m/s", "faster than any runner"),
    "gpx/tkrajina__test_files__first_and_last_elevation.gpx":
        refused("195 km in an hour", "faster than any runner"),
    "gpx/gpsbabel__reference__skytraq-realdata.gpx":
        refused("8,730 km", "distance"),
    "gpx/gpsbabel__reference__track__dg100.gpx":
        refused("84 days", "duration"),
    # An altitude of -672 m: a value off any map refuses the file.
    "gpx/gpsbabel__reference__track__mtk_logger_m241_multiple_tracks.gpx":
        refused("altitude -672 m", "altitude"),
    # The track's type says cycling.
    "gpx/gpsbabel__reference__track__garminconnect.gpx": {
        "legs": RIDE},
}


def load_index(corpus):
    with open(os.path.join(corpus, "index.json"), encoding="utf-8") as f:
        return json.load(f)


def leg(sport, keep, dist, timer):
    """An expected leg: stored (a run or walk with a distance), else
    skipped ("other sport" or "no distance")."""
    if not keep:
        want = "other sport"
    elif dist is not None and dist < 1.0:
        want = "no distance"
    else:
        want = "stored"
    return {"want": want, "sport": sport, "dist": dist, "timer": timer}


def fit_expect(peers):
    fd, sdk = peers["fitdecode"], peers["garmin_fitsdk"]
    if fd.get("error") and (sdk.get("errors") or not sdk.get("integrity", True)):
        return {"refuse": "both readers fail"}
    ftype = fd.get("file_type") or sdk.get("file_type")
    if ftype != "activity":
        return {"refuse": "not an activity"}
    sessions = fd.get("sessions") or []
    if not sessions:
        # No session: the records are all there is, with nothing to hold
        # them against.
        if not fd.get("records"):
            return {"refuse": "no records"}
        return {"legs": [leg(None, True, None, None)]}
    legs = []
    for s in sessions:
        dist = s.get("total_distance")
        legs.append(leg(s.get("sport"), s.get("sport") in KEEP_FIT,
                        0.0 if dist is None else dist,
                        s.get("total_timer_time")))
    return {"legs": legs}


def tcx_expect(peers):
    t = peers["tcx_laps"]
    sports = t.get("sport") or []
    if not sports:
        return {"refuse": "no Activity"}
    legs = [leg(s, s.lower() in KEEP_TCX, None, None) for s in sports]
    if len(legs) == 1 and legs[0]["want"] == "stored":
        legs[0]["dist"] = t.get("lap_dist")
        legs[0]["timer"] = t.get("lap_time")
    return {"legs": legs}


def gpx_expect(peers):
    g = peers["gpxpy"]
    if not g.get("points") or g.get("points", 0) < 2 or not g.get("duration"):
        return {"refuse": "no timed track"}
    if (g.get("len2d") or 0) < 1.0:
        return {"refuse": "no distance"}
    return {"gpx": True, "dist": g.get("len2d")}


def expect_for(name, peers):
    if "fitdecode" in peers:
        x = fit_expect(peers)
    elif "tcx_laps" in peers:
        x = tcx_expect(peers)
    else:
        x = gpx_expect(peers)
    over = EXPECT.get(name, {})
    if "refuse" in over:
        x = {"refuse": over["refuse"]}
    if "legs" in over:
        x = {"legs": [leg(s, k, d, t) for (s, k, d, t) in over["legs"]]}
    x["over"] = over
    return x


def run_import(runcare, path, tmp):
    db = os.path.join(tmp, "j.db")
    if os.path.exists(db):
        os.remove(db)
    p = subprocess.run([runcare, "--db", db, "import", "--format", "json",
                        path], capture_output=True, text=True, timeout=120)
    objs = []
    for line in p.stdout.splitlines():
        line = line.strip()
        if line:
            try:
                objs.append(json.loads(line))
            except ValueError:
                objs.append({"status": "bad-json", "reason": line})
    return p.returncode, objs, p.stderr


def close(got, want, tol):
    """got within tol of want, or within a metre or second of it (tiny
    files)."""
    return want is not None and abs(got - want) <= max(tol * want, 1.0)


def check_file(runcare, corpus, name, peers, tmp):
    """Returns a list of mismatch descriptions (empty when it agrees)."""
    bad = []
    x = expect_for(name, peers)
    over = x["over"]
    rc, objs, err = run_import(runcare, os.path.join(corpus, name), tmp)
    if rc < 0 or rc > 1:
        return ["exit %d (crash?): %s" % (rc, err.strip()[-200:])]
    if not objs:
        return ["no JSON output: %s" % err.strip()[-200:]]
    refused = [o for o in objs if o.get("status") == "refused"]
    # A leg the journal holds: new, or folded into an earlier leg of the
    # same file that is the same run ("merged").
    kept = ("imported", "merged", "duplicate")
    legs = [o for o in objs if o.get("status") in kept + ("skipped",)]
    for o in objs:
        if o.get("status") in ("refused", "skipped") and not o.get("reason"):
            bad.append("%s without a reason" % o.get("status"))
    if "refuse" in x:
        # Not stored: refused with a reason, or every leg skipped with
        # one (a file naming another sport, a track of no length).
        if refused:
            if "reason" in over and over["reason"] not in refused[0]["reason"]:
                bad.append("refused for %r, not %r" % (
                    refused[0]["reason"], over["reason"]))
            if rc != 1:
                bad.append("refused but exit %d" % rc)
        elif any(o["status"] in kept for o in legs):
            bad.append("expected not stored (%s), got %s" % (
                x["refuse"], [(o.get("status"), o.get("sport"),
                               o.get("distance_m")) for o in legs]))
        elif "reason" in over:
            bad.append("expected refused for %r, got skipped" % over["reason"])
        return bad
    if refused:
        return bad + ["refused: %s" % refused[0].get("reason")]
    if rc != 0:
        bad.append("exit %d" % rc)
    if x.get("gpx"):
        stored = [o for o in legs if o["status"] in kept]
        if not stored:
            return bad + ["nothing stored: %s" % [o.get("reason") for o in legs]]
        total = sum(o.get("distance_m", 0) for o in stored)
        if "distance" not in over and not close(total, x["dist"], DIST_TOL_GPX):
            bad.append("distance %.1f m, gpxpy %.1f m" % (total, x["dist"]))
        return bad
    want = x["legs"]
    if len(legs) != len(want):
        return bad + ["%d activities, %d expected (%s)" % (
            len(legs), len(want), [g["sport"] for g in want])]
    for k, (o, g) in enumerate(zip(legs, want), 1):
        got = "stored" if o["status"] in kept else \
            "other sport" if o.get("sport") == "other" else "no distance"
        if got != g["want"]:
            bad.append("leg %d (%s): %s, expected %s (%s)" % (
                k, g["sport"], got, g["want"], o.get("reason")))
            continue
        if got != "stored":
            continue
        d, m = o.get("distance_m", 0), o.get("moving_s", 0)
        if "distance" not in over and g["dist"] is not None and \
                not close(d, g["dist"], DIST_TOL):
            bad.append("leg %d: distance %.1f m, device %.1f m" % (
                k, d, g["dist"]))
        if g["timer"] is None:
            continue
        if "moving" not in over and not close(m, g["timer"], MOVING_TOL):
            bad.append("leg %d: moving %.0f s, timer %.0f s" % (
                k, m, g["timer"]))
        # Standing still leaves moving time out; nothing adds to it.
        if m > g["timer"] * (1 + MOVING_TOL) + 1.0:
            bad.append("leg %d: moving %.0f s beyond the timer's %.0f s" % (
                k, m, g["timer"]))
    return bad


def main():
    if len(sys.argv) < 2:
        print("usage: check.py RUNCARE [CORPUS_DIR]", file=sys.stderr)
        return 64
    runcare = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = sys.argv[2] if len(sys.argv) > 2 else \
        os.path.join(here, "..", "..", "..", "shared", "corpus")
    if not os.path.isfile(os.path.join(corpus, "index.json")):
        print("no corpus at %s: skipped" % corpus)
        return 77
    index = load_index(corpus)
    for name in EXPECT:
        if name not in index:
            print("EXPECT names %s, which the corpus does not hold" % name)
            return 1
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(index):
            bad = check_file(runcare, corpus, name, index[name]["peers"], tmp)
            if bad:
                failed += 1
                for b in bad:
                    print("FAIL %s: %s" % (name, b))
            else:
                passed += 1
    print("corpus: %d files agree, %d do not" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
