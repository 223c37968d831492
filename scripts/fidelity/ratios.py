#!/usr/bin/env python3
"""P/P_HR (shot noise subtracted) per k bin for every box of `loupe validate` report.json files, side by side.
usage: ratios.py report.json [report.json ...]"""
import json
import sys

reps = [json.load(open(p)) for p in sys.argv[1:]]
k = reps[0]["k"]
khr = reps[0]["kNyqHr"]
cols = []
for p, r in zip(sys.argv[1:], reps):
    for name, d in r["datasets"].items():
        if "ratio" in d and (name not in [c[0] for c in cols]):
            cols.append((name, d["ratio"]))
print("k      " + " ".join("%12s" % c[0][:12] for c in cols))
for i, kk in enumerate(k):
    if kk > khr / 2:
        break
    print("%.3f  " % kk + " ".join("%12.3f" % c[1][i] for c in cols))
