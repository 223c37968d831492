#!/usr/bin/env bash
# The 7-universe x2 manifest of the training-data curve (configs/experiments/x2-res-density0035-7pairs.yaml): pairs-x2-p3m's
# pair_000-002 and pairs-x2-p3m-more's pair_000-003 train, pairs-x2-p3m/pair_003 validates. Writes runs/man/x2-7.yaml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mkdir -p runs/man
args=()
for i in 000 001 002; do args+=(--pair "p3m_$i=runs/pairs-x2-p3m/pair_$i/lr_z0.000.hdf5,runs/pairs-x2-p3m/pair_$i/hr_z0.000.hdf5,train"); done
for i in 000 001 002 003; do args+=(--pair "more_$i=runs/pairs-x2-p3m-more/pair_$i/lr_z0.000.hdf5,runs/pairs-x2-p3m-more/pair_$i/hr_z0.000.hdf5,train"); done
args+=(--pair "p3m_003=runs/pairs-x2-p3m/pair_003/lr_z0.000.hdf5,runs/pairs-x2-p3m/pair_003/hr_z0.000.hdf5,validation")
rm -f runs/man/x2-7.yaml
bin/loupe manifest create --out runs/man/x2-7.yaml "${args[@]}"
