#!/usr/bin/env bash
# Accuracy against cost of Loupe's P3M (and PM) from GADGET-4's initial conditions: one row per
# setting, as in BENCHMARKS.md ("Simulator: P3M"). Usage: scripts/bench/p3m_study.sh GADGET4_DIR [RUNS...]
# Needs the test classes: mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
set -euo pipefail
root="$1"; shift
runs=("${@:-A_N032}")
cp="target/test-classes:target/classes:$(cat cp.txt)"
study() { /usr/bin/time -f "cpu_s=%U+%S peak_kb=%M" java -Xmx6g -cp "$cp" org.loupe.sim.P3mStudy "$root" "$@"; }
echo "| run | force | B | P3M settings (eps in spacings) | top steps | max abs(P ratio - 1) | min r | FoF >= 50 | worst bin (sigma) | lattice velocity P | momentum P | wall (s) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for run in "${runs[@]}"; do
  study "$run" pm 2 20
  study "$run" p3m 2 0                                 # GADGET-4's settings (the defaults)
  study "$run" p3m 2 0 - - - 0.025 0.01 0              # one step size for all (no sub-steps)
  study "$run" p3m 2 0 - - - 0.0125 0.01 0             # one step size, half as long
  study "$run" p3m 2 0 - - - 0.025 0.025 6             # looser sub-step criterion
  study "$run" p3m 2 0 - - - 0.025 0.05 6
  study "$run" p3m 2 0 - - 3.0 0.025 0.01 6            # shorter cut
  study "$run" p3m 2 0 - 2.0 - 0.025 0.01 6            # larger split scale (more pairs)
  study "$run" p3m 2 0 0.0625 - - 0.025 0.01 6         # twice the softening
  study "$run" p3m 4 0                                 # finer mesh (B = 4)
  study "$run" p3m 2 0 - - - - - - 128                 # GADGET-4's PMGRID: 128^3 at every resolution
done
