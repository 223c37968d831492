#!/usr/bin/env python3
"""Names the best epoch of a run from the reports select.sh made (OUT/epoch-NNNN_UNIVERSE/report.json).

Rule, fixed before any result is seen: an epoch's score is its worst goal-normalised miss over the
selection universes, max(worst |P/P_HR - 1| / 0.05, |N_haloes/N_HR - 1| / 0.10), with P(k) and the
halo count as `loupe validate` checks them (shot noise subtracted, k <= k_Nyq(HR)/2, FoF >= 50 HR
particle masses). The smallest score wins; a tie goes to the earlier epoch (less training).
usage: select.py OUT_DIR
"""
import glob
import json
import os
import re
import sys

out = sys.argv[1]
rows = {}
for path in sorted(glob.glob(os.path.join(out, "epoch-*_*", "report.json"))):
    m = re.match(r"epoch-(\d+)_(.+)", os.path.basename(os.path.dirname(path)))
    epoch, universe = int(m.group(1)), m.group(2)
    rep = json.load(open(path))
    name = "epoch-%04d" % epoch
    got = {c["kind"]: c["measured"] for c in rep["checks"] if c["dataset"] == name}
    base = {c["kind"]: c["measured"] for c in rep["checks"] if c["dataset"] == "LR"}
    rows.setdefault(epoch, {})[universe] = (got.get("P(k)"), got.get("halo count"), base.get("P(k)"), base.get("halo count"))
if not rows:
    sys.exit("select.py: no epoch-NNNN_UNIVERSE/report.json under %s" % out)
universes = sorted({u for r in rows.values() for u in r})
print("epoch  " + "  ".join("%-22s" % ("%s: worstP halo" % u) for u in universes) + "  score")
best = None
for epoch in sorted(rows):
    cells, score = [], 0.0
    for u in universes:
        p, h, _, _ = rows[epoch].get(u, (None, None, None, None))
        if p is None or h is None:
            cells.append("%-22s" % "missing")
            score = float("inf")
            continue
        cells.append("%-22s" % ("%5.1f %%  miss %4.2f" % (100 * p, h)))
        score = max(score, p / 0.05, h / 0.10)
    print("%5d  %s  %.2f" % (epoch, "  ".join(cells), score))
    if best is None or score < best[1]:
        best = (epoch, score)
print("LR:    " + "  ".join("%-22s" % ("%5.1f %%  halo miss %4.2f" % (100 * rows[max(rows)][u][2], rows[max(rows)][u][3]))
                            for u in universes if u in rows[max(rows)]))
print("best: epoch %d (score %.2f: worst goal-normalised miss; 1 = at the goal)" % best)
