#!/usr/bin/env bash
# Sourced by the Loupe batch scripts: provenance lines in the job log, threads from the SLURM
# allocation, and SIGTERM forwarding so that `--signal=B:TERM@120` reaches the JVM (which then
# checkpoints) instead of killing the batch shell.

LOUPE_HOME="${LOUPE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
LOUPE_CMD="${LOUPE_CMD:-$LOUPE_HOME/bin/loupe}"
export LOUPE_THREADS="${SLURM_CPUS_PER_TASK:-$(nproc)}"
export OMP_NUM_THREADS="$LOUPE_THREADS"

loupe_prelude() {
  echo "loupe job: $1"
  echo "host:      $(hostname)"
  echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:    $(git -C "$LOUPE_HOME" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "slurm:     job=${SLURM_JOB_ID:-none} array=${SLURM_ARRAY_JOB_ID:-none}/${SLURM_ARRAY_TASK_ID:-none} cpus=${SLURM_CPUS_PER_TASK:-unset} mem=${SLURM_MEM_PER_NODE:-unset}MB"
  echo "threads:   $LOUPE_THREADS"
}

# Runs loupe in the background and waits, forwarding TERM to it; returns loupe's exit code.
loupe_run() {
  "$LOUPE_CMD" "$@" &
  local pid=$!
  trap 'echo "SIGTERM: asking loupe (pid $pid) to checkpoint"; kill -TERM "$pid" 2>/dev/null' TERM
  local status=0
  wait "$pid" || status=$?
  if [ "$status" -gt 128 ] && kill -0 "$pid" 2>/dev/null; then
    # wait was interrupted by the trap: wait for the checkpoint to finish.
    status=0
    wait "$pid" || status=$?
  fi
  trap - TERM
  return "$status"
}

# After a checkpointed stop (exit 143), put the job back in the queue so it resumes.
loupe_requeue_if_stopped() {
  local status=$1
  if [ "$status" -eq 143 ]; then
    if [ -n "${SLURM_JOB_ID:-}" ] && command -v scontrol >/dev/null 2>&1; then
      echo "stopped with a checkpoint: requeueing job $SLURM_JOB_ID"
      scontrol requeue "$SLURM_JOB_ID"
    else
      echo "stopped with a checkpoint; resubmit the same script to resume"
    fi
  fi
}
