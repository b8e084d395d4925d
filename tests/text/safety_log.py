#!/usr/bin/env python3
"""docs/safety.md, the hazard log, stays true to the code: every hazard
has controls and tests, and every test it names exists (the file exists
and the test function or case name occurs in it).

usage: safety_log.py SOURCE_ROOT
"""
import os
import re
import sys


def main():
    root = sys.argv[1]
    text = open(os.path.join(root, "docs", "safety.md"), encoding="utf-8").read()
    hazards = re.split(r"^## ", text, flags=re.M)[1:]
    problems = []
    if len(hazards) < 10:
        problems.append(f"only {len(hazards)} hazards")
    for h in hazards:
        title = h.splitlines()[0]
        for part in ("**Controls:**", "**Tests:**", "**Residual risk:**",
                     "**Initial risk:**"):
            if part not in h:
                problems.append(f"{title}: no {part}")
        tests = h.split("**Tests:**", 1)[-1].split("**Residual", 1)[0]
        refs = re.findall(r"`([^`:]+):([^`]+)`", tests)
        if not refs:
            problems.append(f"{title}: names no test")
        for path, name in refs:
            full = os.path.join(root, path)
            if not os.path.isfile(full):
                problems.append(f"{title}: {path} does not exist")
            elif name not in open(full, encoding="utf-8").read():
                problems.append(f"{title}: {path} has no test {name!r}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
