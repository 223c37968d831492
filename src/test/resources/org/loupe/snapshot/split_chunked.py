"""Rewrites a one-file snapshot as a 3-file snapshot with small gzip chunks (rows per chunk not
dividing the member sizes), for the streamed reader's tests. Usage: split_chunked.py IN OUTSTEM"""
import sys

import h5py
import numpy as np

src, stem = sys.argv[1], sys.argv[2]
with h5py.File(src, "r") as f:
    x = f["PartType1/Coordinates"][:]
    v = f["PartType1/Velocities"][:]
    ids = f["PartType1/ParticleIDs"][:]
    header = dict(f["Header"].attrs)
    params = dict(f["Parameters"].attrs) if "Parameters" in f else {}
n = len(ids)
cuts = [0, n // 3 + 17, 2 * n // 3 - 5, n]
for m in range(3):
    a, b = cuts[m], cuts[m + 1]
    with h5py.File(f"{stem}.{m}.hdf5", "w") as g:
        h = g.create_group("Header")
        for key, val in header.items():
            h.attrs[key] = val
        this = np.array(header["NumPart_ThisFile"]).copy()
        this[1] = b - a
        h.attrs["NumPart_ThisFile"] = this
        h.attrs["NumFilesPerSnapshot"] = 3
        p = g.create_group("Parameters")
        for key, val in params.items():
            p.attrs[key] = val
        part = g.create_group("PartType1")
        part.create_dataset("Coordinates", data=x[a:b], chunks=(777, 3), compression="gzip", shuffle=True)
        part.create_dataset("Velocities", data=v[a:b], chunks=(500, 3), compression="gzip")
        part.create_dataset("ParticleIDs", data=ids[a:b], chunks=(1001,), compression="gzip")
