#!/usr/bin/env python3
"""Reads a Loupe-written snapshot with h5py the way Pylians' readgadget does and compares it with
raw reference arrays. Usage: check_snapshot.py SNAPSHOT_FIRST_FILE REFDIR. Prints OK or exits 1."""
import sys
import glob

import h5py
import numpy as np

first, ref = sys.argv[1], sys.argv[2]
pos = np.fromfile(ref + '/pos.f32', dtype='<f4').reshape(-1, 3)
vel = np.fromfile(ref + '/vel.f32', dtype='<f4').reshape(-1, 3)
ids = np.fromfile(ref + '/ids.i64', dtype='<i8')
box, z = map(float, open(ref + '/meta.txt').read().split())

with h5py.File(first, 'r') as f:
    hd = f['Header'].attrs
    nfiles = int(hd['NumFilesPerSnapshot'])
    ntot = int(hd['NumPart_Total'][1]) + (int(hd['NumPart_Total_HighWord'][1]) << 32)
    assert ntot == len(ids), (ntot, len(ids))
    a = float(hd['Time'])
    assert abs(float(hd['Redshift']) - z) < 1e-12
    assert abs(a - 1 / (1 + z)) < 1e-12
    unit = float(f['Parameters'].attrs['UnitLength_in_cm'])
    assert abs(float(hd['BoxSize']) * unit / 3.085678e24 - box) < 1e-6 * box
    for key in ('Omega0', 'OmegaLambda', 'HubbleParam', 'MassTable'):
        assert key in hd, key
files = [first] if nfiles == 1 else [first.replace('.0.hdf5', f'.{i}.hdf5') for i in range(nfiles)]
P, V, I = [], [], []
for fn in files:
    with h5py.File(fn, 'r') as f:
        n = int(f['Header'].attrs['NumPart_ThisFile'][1])
        g = f['PartType1']
        assert g['Coordinates'].shape == (n, 3)
        P.append(g['Coordinates'][...]); V.append(g['Velocities'][...]); I.append(g['ParticleIDs'][...])
P = np.concatenate(P) * unit / 3.085678e24
V = np.concatenate(V) * np.sqrt(a)
I = np.concatenate(I).astype(np.int64)
assert np.array_equal(I, ids)
assert np.allclose(P, pos, atol=2e-5 * box), np.abs(P - pos).max()
assert np.allclose(V, vel, rtol=1e-5, atol=1e-3), np.abs(V - vel).max()
assert P.min() >= 0 and P.max() < box
print('OK')
