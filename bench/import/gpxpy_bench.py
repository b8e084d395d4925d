"""gpxpy reading one GPX file and computing what runcare's import computes
from it: distance, moving time (gpxpy's get_moving_data), climb and
descent; best of N runs (the peer of runcare's GPX import).
usage: gpxpy_bench.py FILE [N]"""
import sys
import time

import gpxpy

path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
best = float("inf")
for _ in range(n):
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        g = gpxpy.parse(f)
    dist = g.length_2d()
    moving = g.get_moving_data()
    up, down = g.get_uphill_downhill()
    best = min(best, time.perf_counter() - t0)
print(f"{best:.6f} {dist:.0f} {moving.moving_time:.0f} {up:.0f}")
