#!/usr/bin/env python3
"""Every sentence runcare shows is in its own words: no run of eight or
more consecutive words may be copied from the guide it encodes.

The guide's own headings may be cited as a rule's source, so runs inside a
heading are allowed. A run never crosses a string, a line or a table cell.
Reads data/, src/, docs/ and README.md under the source root given as the
first argument; the guide is the second. Exits 77 (skip) without a guide.
"""
import os
import re
import sys

RUN = 8


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def grams(w):
    return {" ".join(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


def guide_grams(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    runs = grams(words(text))
    for line in text.splitlines():  # headings may be cited as a source
        t = line.strip()
        if (t and len(t) < 110 and not t.startswith(("-", "|", "\u201c"))
                and not t.endswith((".", ":"))):
            runs -= grams(words(t))
    return runs


def project_files(root):
    for top in ("data", "src", "docs"):
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in sorted(names):
                yield os.path.join(d, n)
    yield os.path.join(root, "README.md")


def main():
    root, guide = sys.argv[1], sys.argv[2]
    if not os.path.exists(guide):
        print("skip: the guide is not here")
        return 77
    runs = guide_grams(guide)
    hits = []
    for path in project_files(root):
        try:
            text = open(path, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        for n, seg in enumerate(re.split(r'["\n|]', text)):
            found = grams(words(seg)) & runs
            for g in sorted(found):
                hits.append(f"{os.path.relpath(path, root)}: \"{g}\"")
    for h in hits:
        print(h)
    if hits:
        print(f"{len(hits)} runs of {RUN} words copied from the guide",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
