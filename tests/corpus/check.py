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

# Files where runcare decides otherwise than the readers, keyed by the
# corpus name. "refuse": a reason's words runcare must give; "moving": the
# moving time is not held against the timer (why); "distance": likewise
# for the distance; "legs": the sports of the legs runcare reports.
EXPECT = {
}


def load_index(corpus):
    with open(os.path.join(corpus, "index.json"), encoding="utf-8") as f:
        return json.load(f)


def fit_expect(peers):
    fd, sdk = peers["fitdecode"], peers["garmin_fitsdk"]
    if fd.get("error") and (sdk.get("errors") or not sdk.get("integrity", True)):
        return {"refuse": "both readers fail"}
    ftype = fd.get("file_type") or sdk.get("file_type")
    if ftype != "activity":
        return {"refuse": "not an activity"}
    sessions = fd.get("sessions") or []
    if not sessions:
        return {"refuse": "no session"}
    legs = []
    for s in sessions:
        keep = s.get("sport") in KEEP_FIT
        legs.append({"keep": keep, "sport": s.get("sport"),
                     "dist": s.get("total_distance"),
                     "timer": s.get("total_timer_time"), "ref": "device"})
    return {"legs": legs}


def tcx_expect(peers):
    t = peers["tcx_laps"]
    sports = t.get("sport") or []
    if not sports:
        return {"refuse": "no Activity"}
    legs = [{"keep": s.lower() in KEEP_TCX, "sport": s, "dist": None,
             "timer": None, "ref": "device"} for s in sports]
    kept = [g for g in legs if g["keep"]]
    if len(kept) == 1:
        kept[0]["dist"] = t.get("lap_dist")
        kept[0]["timer"] = t.get("lap_time")
    return {"legs": legs}


def gpx_expect(peers):
    g = peers["gpxpy"]
    if not g.get("points") or g.get("points", 0) < 2 or not g.get("duration"):
        return {"refuse": "no timed track"}
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
        x["legs"] = [dict(keep=k, sport=s, dist=d, timer=t, ref="device")
                     for (k, s, d, t) in over["legs"]]
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
    stored = [o for o in objs if o.get("status") == "imported"]
    skipped = [o for o in objs if o.get("status") == "skipped"]
    if "refuse" in x:
        if not refused and stored == [] and skipped and \
                all(o.get("sport") == "other" for o in skipped):
            return bad     # the file names another sport: skipped is right
        if not refused:
            bad.append("expected refused (%s), got %s" % (
                x["refuse"], [(o.get("status"), o.get("sport"),
                               o.get("distance_m")) for o in objs]))
        elif not refused[0].get("reason"):
            bad.append("refused without a reason")
        elif "reason" in over and over["reason"] not in refused[0]["reason"]:
            bad.append("refused for %r, not %r" % (refused[0]["reason"],
                                                  over["reason"]))
        if rc != 1:
            bad.append("refused but exit %d" % rc)
        return bad
    if refused:
        return ["refused: %s" % refused[0].get("reason")]
    if rc != 0:
        bad.append("exit %d" % rc)
    if x.get("gpx"):
        if not stored:
            return bad + ["nothing stored: %s" % [o.get("status") for o in objs]]
        total = sum(o.get("distance_m", 0) for o in stored)
        if "distance" not in over and not close(total, x["dist"], DIST_TOL_GPX):
            bad.append("distance %.1f m, gpxpy %.1f m" % (total, x["dist"]))
        return bad
    kept = [g for g in x["legs"] if g["keep"]]
    others = [g for g in x["legs"] if not g["keep"]]
    if len(stored) != len(kept):
        bad.append("%d legs stored, %d expected (%s)" % (
            len(stored), len(kept), [g["sport"] for g in kept]))
    if len(skipped) != len(others):
        bad.append("%d legs skipped, %d expected (%s)" % (
            len(skipped), len(others), [g["sport"] for g in others]))
    for o in skipped:
        if not o.get("sport"):
            bad.append("a skipped leg without its sport named")
    for o, g in zip(stored, kept):
        d, m = o.get("distance_m", 0), o.get("moving_s", 0)
        if "distance" not in over and g["dist"] is not None and \
                not close(d, g["dist"], DIST_TOL):
            bad.append("leg %s: distance %.1f m, device %.1f m" % (
                o.get("leg", 1), d, g["dist"]))
        if "moving" not in over and g["timer"] is not None and \
                not close(m, g["timer"], MOVING_TOL):
            bad.append("leg %s: moving %.0f s, timer %.0f s" % (
                o.get("leg", 1), m, g["timer"]))
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
