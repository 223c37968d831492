#!/usr/bin/env bash
# Data manifests of the P3M training sets from the pairs present: x2 = pairs-x2-p3m's 32^3 and 64^3 runs,
# x4 = pairs-x4-p3m's 16^3 runs with the same universes' 64^3 runs. The last pair present is the
# validation pair, the others train (a set stopped early still gives honest manifests).
#   scripts/fidelity/manifests.sh OUTDIR      (writes OUTDIR/x2.yaml and OUTDIR/x4.yaml)
#   scripts/fidelity/manifests.sh --in-place  (writes runs/pairs-x2-p3m/data-manifest.yaml and runs/pairs-x4-p3m/data-manifest.yaml,
#                                              the manifests configs/train-x2.yaml and configs/experiments/x4-p3m-critic.yaml read)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="$here/runs"
out="$1"
[ "$out" = --in-place ] || mkdir -p "$out"
loupe="${LOUPE_CMD:-$here/bin/loupe}"
for s in x2 x4; do
  lrdir="$runs/pairs-$s-p3m"
  pairs=()
  for d in "$runs"/pairs-x2-p3m/pair_*; do
    id="$(basename "$d")"
    [ -f "$d/hr_z0.000.hdf5" ] && [ -f "$lrdir/$id/lr_z0.000.hdf5" ] && pairs+=("$id")
  done
  n=${#pairs[@]}
  [ "$n" -ge 2 ] || { echo "$s: fewer than 2 pairs present" >&2; continue; }
  args=()
  for ((i = 0; i < n; i++)); do
    id="${pairs[$i]}"; split=train; [ "$i" -eq $((n - 1)) ] && split=validation
    args+=(--pair "$id=$lrdir/$id/lr_z0.000.hdf5,$runs/pairs-x2-p3m/$id/hr_z0.000.hdf5,$split")
  done
  dest="$out/$s.yaml"; [ "$out" = --in-place ] && dest="$lrdir/data-manifest.yaml"
  rm -f "$dest"
  "$loupe" manifest create --out "$dest" "${args[@]}" >/dev/null
  echo "$s: $n pairs ($((n - 1)) train, 1 validation) -> $dest"
done
