#!/usr/bin/env python3
"""Write N random valid intakes as JSON Lines (for the benchmarks).

usage: gen_intakes.py N [SEED] > FILE

Every field of the intake contract appears with its whole range, and
about one intake in ten carries a red flag, so the benchmark exercises
every branch of the rules and of the JSON output.
"""
import json
import random
import sys

AREAS = ["heel", "knee", "shin", "achilles", "hip", "other"]
RED = ["pinpoint_bone_pain", "night_pain", "swelling_heat_redness",
       "nerve_symptoms", "sudden_injury", "loss_of_function", "focal_shin_pain"]
OTHER = ["tight", "improves_with_warmup", "load_pattern", "tendon_flare",
         "sharp_morning_pain", "trigger_points", "post_training_soreness",
         "stress_poor_sleep", "hip_blocked", "stride_change",
         "worse_next_morning", "limp_after"]


def intake(rng):
    it = {"area": rng.choice(AREAS)}
    syms = rng.sample(OTHER, rng.randint(0, 4))
    if rng.random() < 0.1:
        syms.append(rng.choice(RED))
    if syms or rng.random() < 0.5:
        it["symptoms"] = syms
    pain = {k: rng.randint(0, 10) for k in ("rest", "run", "morning")
            if rng.random() < 0.7}
    if pain:
        it["pain"] = pain
    if rng.random() < 0.8:
        it["trend"] = rng.choice(["better", "same", "worse"])
    if rng.random() < 0.6:
        it["goal"] = rng.choice(["relief", "recovery", "mobility"])
    if rng.random() < 0.3:
        it["last_massage"] = {"pressure": rng.randint(1, 10),
                              "flare_hours": rng.choice([0, 6, 12, 30, 48.5]),
                              "bruised_or_limping": rng.random() < 0.2}
    return it


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    out = sys.stdout
    for _ in range(n):
        out.write(json.dumps(intake(rng)) + "\n")


main()
