#!/usr/bin/env python3
"""Anchor for `loupe bench foundation`: read PartType1 Coordinates, Velocities and ParticleIDs of a
snapshot with h5py read_direct into preallocated arrays. Usage: h5py_read.py FILE REPEATS.
Prints one line per repeat: seconds."""
import sys
import time

import h5py
import numpy as np

path, repeats = sys.argv[1], int(sys.argv[2])
for _ in range(repeats):
    t0 = time.perf_counter()
    with h5py.File(path, 'r') as f:
        g = f['PartType1']
        pos = np.empty(g['Coordinates'].shape, dtype=np.float32)
        vel = np.empty(g['Velocities'].shape, dtype=np.float32)
        ids = np.empty(g['ParticleIDs'].shape, dtype=g['ParticleIDs'].dtype)
        g['Coordinates'].read_direct(pos)
        g['Velocities'].read_direct(vel)
        g['ParticleIDs'].read_direct(ids)
    print(f"{time.perf_counter() - t0:.4f}", flush=True)
