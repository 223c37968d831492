#!/usr/bin/env bash
# Picks the best exported epoch of a training run on selection universes, by a rule fixed before
# looking (scripts/fidelity/select.py): the smallest worst goal-normalised miss over the selection
# universes, max(worst P(k) error / 5 %, |haloes/HR - 1| / 10 %), both as `loupe validate` measures them.
#   scripts/fidelity/select.sh RUN_DIR OUT_DIR EVERY NAME=LR,HR [NAME=LR,HR ...]
#   RUN_DIR: a `loupe train` run folder (its epochs/epoch-NNNN.zip); EVERY: evaluate every EVERY-th
#   epoch and the last; NAME=LR,HR: a selection universe (never one you report on).
#   LOUPE_CMD (default bin/loupe): the launcher. Re-running skips epochs already evaluated.
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: select.sh RUN_DIR OUT_DIR EVERY NAME=LR,HR [NAME=LR,HR ...]" >&2
  exit 2
fi
run="$1"; out="$2"; every="$3"; shift 3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
loupe="${LOUPE_CMD:-"$here/bin/loupe"}"
shopt -s nullglob
epochs=("$run"/epochs/epoch-*.zip)
if [ ${#epochs[@]} -eq 0 ]; then
  echo "select.sh: $run/epochs/ holds no epoch-NNNN.zip: train with train.exportEvery >= 1" >&2
  exit 2
fi
mkdir -p "$out"
last="${epochs[${#epochs[@]}-1]}"
for model in "${epochs[@]}"; do
  e="$(basename "$model" .zip)"; n=$((10#${e#epoch-}))
  if [ $((n % every)) -ne 0 ] && [ "$model" != "$last" ]; then
    continue
  fi
  for u in "$@"; do
    name="${u%%=*}"; files="${u#*=}"; lr="${files%%,*}"; hr="${files#*,}"
    rep="$out/${e}_${name}"
    [ -f "$rep/report.json" ] && continue
    sr="$out/${e}_${name}.hdf5"
    rm -f "$sr" "$sr.manifest.json"
    "$loupe" upscale --model "$model" --input "$lr" --out "$sr" --allow-domain-mismatch >"$out/${e}_${name}.upscale.log" 2>&1
    rm -rf "$rep"
    "$loupe" validate --lr "$lr" --hr "$hr" --sr "$e=$sr" --out "$rep" >"$out/${e}_${name}.validate.log" 2>&1 || true
    rm -f "$sr" "$sr.manifest.json"
  done
done
/usr/bin/python3 "$here/scripts/fidelity/select.py" "$out"
