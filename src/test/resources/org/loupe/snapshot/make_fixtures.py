#!/usr/bin/env python3
"""Writes snapshot variants (and broken files) for the reader tests, all holding the same catalogue.

Usage: make_fixtures.py OUTDIR. Needs numpy and h5py (Debian: python3-h5py). The reference values
are written as raw little-endian arrays: ref_pos.f32 (Mpc/h), ref_vel.f32 (peculiar km/s),
ref_ids.i64, ref_mass.f32 (1e10 Msun/h) and ref_meta.txt (box, z, Om, OL, h).
"""
import os
import shutil
import sys

import h5py
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
N = 1000
L = 50.0          # Mpc/h
z = 1.0
a = 1.0 / (1.0 + z)
Om, OL, h = 0.3, 0.7, 0.7
pos = (rng.random((N, 3)) * L).astype(np.float32)
vel = (rng.normal(size=(N, 3)) * 200).astype(np.float32)   # peculiar km/s
ids = (np.arange(N, dtype=np.int64) * 3 + 11)
rng.shuffle(ids)
mass = np.float32(0.25)

pos.astype('<f4').tofile(os.path.join(out, 'ref_pos.f32'))
vel.astype('<f4').tofile(os.path.join(out, 'ref_vel.f32'))
ids.astype('<i8').tofile(os.path.join(out, 'ref_ids.i64'))
with open(os.path.join(out, 'ref_meta.txt'), 'w') as f:
    f.write(f"{L} {z} {Om} {OL} {h} {mass}\n")


def gadget_header(g, nthis, ntot, ntypes=6, box=L * 1000.0, count_dtype=np.uint32, highword=True, files=1, masstable=None):
    hd = g.create_group('Header')
    this = np.zeros(ntypes, dtype=count_dtype); this[1] = nthis
    tot = np.zeros(ntypes, dtype=count_dtype); tot[1] = ntot
    hd.attrs['NumPart_ThisFile'] = this
    hd.attrs['NumPart_Total'] = tot
    if highword:
        hd.attrs['NumPart_Total_HighWord'] = np.zeros(ntypes, dtype=np.uint32)
    mt = np.zeros(ntypes); mt[1] = mass if masstable is None else masstable
    hd.attrs['MassTable'] = mt
    hd.attrs['BoxSize'] = box
    hd.attrs['Time'] = a
    hd.attrs['Redshift'] = z
    hd.attrs['NumFilesPerSnapshot'] = np.int32(files)
    return hd


def gadget2(path, sel=slice(None), files=1, **kw):
    """GADGET-2/3: kpc/h (default unit, no unit attribute), u = v/sqrt(a)."""
    with h5py.File(path, 'w') as f:
        n = len(ids[sel])
        hd = gadget_header(f, n, N, files=files)
        hd.attrs['Omega0'] = Om; hd.attrs['OmegaLambda'] = OL; hd.attrs['HubbleParam'] = h
        p = f.create_group('PartType1')
        p.create_dataset('Coordinates', data=(pos[sel] * 1000.0).astype(kw.get('pos_dtype', np.float64)), **kw.get('ds', {}))
        p.create_dataset('Velocities', data=vel[sel] / np.sqrt(a), **kw.get('ds', {}))
        ds1 = dict(kw.get('ds', {}))
        if 'chunks' in ds1:
            ds1['chunks'] = ds1['chunks'][:1]
        p.create_dataset('ParticleIDs', data=ids[sel].astype(kw.get('id_dtype', np.uint32)), **ds1)


gadget2(os.path.join(out, 'gadget2_kpc.hdf5'))

# GADGET-4: Mpc/h via Parameters, NTYPES = 2, uint64 counts, chunked shuffle + gzip, uint64 IDs.
with h5py.File(os.path.join(out, 'gadget4_gzip.hdf5'), 'w') as f:
    gadget_header(f, N, N, ntypes=2, count_dtype=np.uint64, highword=False, box=L)
    c = f.create_group('Config'); c.attrs['NTYPES'] = 2
    pr = f.create_group('Parameters')
    pr.attrs['UnitLength_in_cm'] = 3.085678e24; pr.attrs['Omega0'] = Om; pr.attrs['OmegaLambda'] = OL
    pr.attrs['HubbleParam'] = h; pr.attrs['GravityConstantInternal'] = 0.0
    p = f.create_group('PartType1')
    kw = dict(chunks=(128, 3), compression='gzip', shuffle=True)
    p.create_dataset('Coordinates', data=pos, **kw)
    p.create_dataset('Velocities', data=vel / np.sqrt(a), **kw)
    p.create_dataset('ParticleIDs', data=ids.astype(np.uint64), chunks=(100,), compression='gzip', shuffle=True)

# AREPO: Config without NTYPES, per-particle Masses (MassTable 0), lzf, int64 IDs, kpc/h in header.
with h5py.File(os.path.join(out, 'arepo_lzf.hdf5'), 'w') as f:
    hd = gadget_header(f, N, N, masstable=0.0)
    hd.attrs['Omega0'] = Om; hd.attrs['OmegaLambda'] = OL; hd.attrs['HubbleParam'] = h
    hd.attrs['Composition_vector_length'] = np.int32(0); hd.attrs['UnitLength_in_cm'] = 3.085678e21
    f.create_group('Config').attrs['PERIODIC'] = 1
    f.create_group('Parameters').attrs['HubbleParam'] = h
    p = f.create_group('PartType1')
    p.create_dataset('Coordinates', data=pos * 1000.0, compression='lzf', chunks=(250, 3))
    p.create_dataset('Velocities', data=vel / np.sqrt(a), compression='lzf', chunks=(250, 3))
    p.create_dataset('ParticleIDs', data=ids, compression='lzf', chunks=(250,))
    p.create_dataset('Masses', data=np.full(N, mass, dtype=np.float32))

# SWIFT: h-free Mpc, peculiar velocities, /Units and /Cosmology, masses h-free.
with h5py.File(os.path.join(out, 'swift.hdf5'), 'w') as f:
    hd = gadget_header(f, N, N, box=np.array([L / h] * 3), masstable=0.0)
    hd.attrs['Time'] = 12.3          # internal time units in SWIFT, not a
    hd.attrs['Dimension'] = 3
    u = f.create_group('Units')
    u.attrs['Unit length in cgs (U_L)'] = 3.08567758e24
    u.attrs['Unit mass in cgs (U_M)'] = 1.98841e43
    u.attrs['Unit time in cgs (U_t)'] = 3.08567758e19
    c = f.create_group('Cosmology')
    c.attrs['Omega_m'] = Om; c.attrs['Omega_lambda'] = OL; c.attrs['h'] = h
    c.attrs['Redshift'] = z; c.attrs['Scale-factor'] = a
    p = f.create_group('PartType1')
    p.create_dataset('Coordinates', data=(pos / h).astype(np.float64))
    p.create_dataset('Velocities', data=vel * (3.08567758e24 / 3.08567758e19 / 1e5) ** -1)
    p.create_dataset('ParticleIDs', data=ids.astype(np.uint64))
    p.create_dataset('Masses', data=np.full(N, mass / h * 1.989e43 / 1.98841e43, dtype=np.float64))

# Multi-file set with small two-dimensional chunks (partial chunks along both axes).
parts = [slice(0, 300), slice(300, 310), slice(310, N)]
for i, s in enumerate(parts):
    gadget2(os.path.join(out, f'multi.{i}.hdf5'), sel=s, files=3, pos_dtype=np.float32,
            ds=dict(chunks=(7, 2), compression='gzip'))

# snapdir_005/snap_005.{0,1}.hdf5
os.makedirs(os.path.join(out, 'snapdir_005'), exist_ok=True)
for i, s in enumerate([slice(0, 500), slice(500, N)]):
    gadget2(os.path.join(out, 'snapdir_005', f'snap_005.{i}.hdf5'), sel=s, files=2)

# ---- broken inputs ----
src = os.path.join(out, 'gadget2_kpc.hdf5')
data = open(src, 'rb').read()
open(os.path.join(out, 'truncated.hdf5'), 'wb').write(data[: len(data) * 2 // 3])
open(os.path.join(out, 'not_hdf5.hdf5'), 'w').write('this is not an HDF5 file\n')

shutil.copy(src, os.path.join(out, 'missing_ids.hdf5'))
with h5py.File(os.path.join(out, 'missing_ids.hdf5'), 'a') as f:
    del f['PartType1/ParticleIDs']

shutil.copy(src, os.path.join(out, 'nan.hdf5'))
with h5py.File(os.path.join(out, 'nan.hdf5'), 'a') as f:
    c = f['PartType1/Coordinates']; row = c[5]; row[1] = np.nan; c[5] = row

shutil.copy(src, os.path.join(out, 'count_mismatch.hdf5'))
with h5py.File(os.path.join(out, 'count_mismatch.hdf5'), 'a') as f:
    t = f['Header'].attrs['NumPart_Total']; t[1] = N + 5; f['Header'].attrs['NumPart_Total'] = t
    t = f['Header'].attrs['NumPart_ThisFile']; t[1] = N + 5; f['Header'].attrs['NumPart_ThisFile'] = t

for i in range(2):
    gadget2(os.path.join(out, f'gone.{i}.hdf5'), sel=slice(i * 10, i * 10 + 10), files=3)

shutil.copy(src, os.path.join(out, 'outside.hdf5'))
with h5py.File(os.path.join(out, 'outside.hdf5'), 'a') as f:
    c = f['PartType1/Coordinates']; x = c[...]
    x[0, 0] -= L * 1000.0; x[1, 2] += L * 1000.0; x[2, 1] += 3 * L * 1000.0
    c[...] = x

with h5py.File(os.path.join(out, 'scaleoffset.hdf5'), 'w') as f:
    gadget_header(f, N, N)
    p = f.create_group('PartType1')
    p.create_dataset('Coordinates', data=pos * 1000.0, scaleoffset=2, chunks=(100, 3))
    p.create_dataset('Velocities', data=vel, chunks=(100, 3))
    p.create_dataset('ParticleIDs', data=ids.astype(np.uint32))
print('fixtures written to', out)
