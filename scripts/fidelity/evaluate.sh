#!/usr/bin/env bash
# Upscales a GADGET-4 universe's LR box with a model and validates it against the universe's HR
# box (LR and the trilinear baseline side by side), then prints one summary line.
#   scripts/fidelity/evaluate.sh MODEL UNIVERSE LR_N HR_N OUTDIR [NAME]
#   MODEL: a model zip or a shipped name; UNIVERSE: A or D; LR_N: 032 or 016; HR_N: 064
#   GADGET4 (required): folder holding {A,D}_N{016,032,064}/snapshot_004.hdf5, the GADGET-4 reference runs
#     (the 16^3 and 32^3 runs are in src/test/resources/gadget4; the 64^3 runs are the optional full set, see README "Tests")
#   LOUPE_CMD (default bin/loupe): the launcher
set -euo pipefail
model="$1"; universe="$2"; lrn="$3"; hrn="$4"; out="$5"; name="${6:-$(basename "$model" .zip)}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${GADGET4:-}"
lr="$data/${universe}_N${lrn}/snapshot_004.hdf5"
hr="$data/${universe}_N${hrn}/snapshot_004.hdf5"
for f in "$lr" "$hr"; do
  if [ -z "$data" ] || [ ! -f "$f" ]; then
    echo "evaluate.sh: ${f#/} not found: set GADGET4 to the folder holding ${universe}_N${lrn}/ and ${universe}_N${hrn}/ (README, Tests)" >&2
    exit 2
  fi
done
mkdir -p "$out"
sr="$out/${name}_${universe}.hdf5"
rm -f "$sr" "$sr.manifest.json"
${LOUPE_CMD:-"$here/bin/loupe"} upscale --model "$model" --input "$lr" --out "$sr" --allow-domain-mismatch >"$out/${name}_${universe}.upscale.log" 2>&1
rm -rf "$out/${name}_${universe}_report"
${LOUPE_CMD:-"$here/bin/loupe"} validate --lr "$lr" --hr "$hr" --sr "$name=$sr" --out "$out/${name}_${universe}_report" \
    >"$out/${name}_${universe}.validate.log" 2>&1 || true
/usr/bin/python3 "$here/scripts/fidelity/summary.py" "$out/${name}_${universe}_report/report.json" "$name" "$universe"
