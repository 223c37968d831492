#!/usr/bin/env python3
"""One line per box from a `loupe validate` report.json: the issue's fidelity statistics.

worstP: max |P/P_HR - 1| (shot noise subtracted) for k <= k_Nyq(HR)/2; closer: bins above k_Nyq(LR)/2
(up to k_Nyq(HR)/2) where the box is closer to HR than LR is; minR: min r(k) for k <= k_Nyq(LR);
halos: FoF groups >= 50 HR particle masses, box / HR.
usage: summary.py report.json NAME UNIVERSE
"""
import json
import sys

rep = json.load(open(sys.argv[1]))
name, universe = sys.argv[2], sys.argv[3]
k = rep["k"]
klr, khr = rep["kNyqLr"], rep["kNyqHr"]
ds = rep["datasets"]
lr_key = next(d for d in ds if d.lower().startswith("lr"))


def ratio(d):
    return ds[d]["ratio"]


halo = {}
for c in rep.get("checks", []):
    if c.get("kind") in ("halo-count", "halos", "haloCount") or "halo" in str(c.get("kind", "")).lower() and "count" in str(c.get("kind", "")).lower():
        halo[c.get("dataset")] = c
for d in [d for d in ds if "ratio" in ds[d]]:
    r = ratio(d)
    worst = max(abs(r[i] - 1) for i in range(len(k)) if k[i] <= khr / 2 and r[i] is not None)
    hi = [i for i in range(len(k)) if klr / 2 < k[i] <= khr / 2]
    closer = sum(1 for i in hi if abs(r[i] - 1) < abs(ratio(lr_key)[i] - 1))
    rr = ds[d].get("r") or []
    minr = min((rr[i] for i in range(min(len(k), len(rr))) if k[i] <= klr and rr[i] is not None), default=float("nan"))
    h = halo.get(d)
    hs = "" if h is None else " halos %s" % (h.get("detail") or h.get("value"))
    print("%s %s %-10s worstP %.4f closer %d/%d minR %.4f%s" % (universe, name, d, worst, closer, len(hi), minr, hs))
