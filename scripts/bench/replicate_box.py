#!/usr/bin/python3
"""Periodic replica of a GADGET-4 snapshot: R^3 copies of the box side by side, IDs renumbered on
the bigger corner lattice ((id-1) = (i*N + j)*N + k), same mass resolution. Used for the scale
benchmarks (BENCHMARKS.md, "Scale"). Usage: replicate_box.py IN.hdf5 R OUT.hdf5"""
import sys

import h5py
import numpy as np

src, reps, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with h5py.File(src, "r") as f:
    box = float(f["Header"].attrs["BoxSize"])
    x = f["PartType1/Coordinates"][:].astype(np.float64)
    v = f["PartType1/Velocities"][:]
    ids = f["PartType1/ParticleIDs"][:].astype(np.int64)
    header = dict(f["Header"].attrs)
    params = dict(f["Parameters"].attrs) if "Parameters" in f else {}
n = round(len(ids) ** (1 / 3))
site = ids - 1
i, j, k = site // (n * n), (site // n) % n, site % n
big = n * reps
# Each copy keeps the particles' displacements (minimum image in the small box) about their sites
# on the big lattice: a particle that crossed the small box's edge must not land a box away from
# its site in the big one (Loupe's lattice check would refuse such IDs).
q = np.stack([i, j, k], axis=1).astype(np.float64) * (box / n)
psi = (x - q + 0.5 * box) % box - 0.5 * box
total = len(ids) * reps ** 3
# Written copy by copy: memory is one small box, not the replica (a 512^3 replica is 4.3 GB).
with h5py.File(dst, "w") as g:
    h = g.create_group("Header")
    for key, val in header.items():
        h.attrs[key] = val
    h.attrs["BoxSize"] = box * reps
    num = np.zeros(len(header["NumPart_Total"]), dtype=np.uint64)
    num[1] = total
    h.attrs["NumPart_ThisFile"] = num
    h.attrs["NumPart_Total"] = num
    h.attrs["NumFilesPerSnapshot"] = 1
    p = g.create_group("Parameters")
    for key, val in params.items():
        p.attrs[key] = val
    p.attrs["BoxSize"] = box * reps
    part = g.create_group("PartType1")
    coords = part.create_dataset("Coordinates", (total, 3), dtype=np.float32)
    vels = part.create_dataset("Velocities", (total, 3), dtype=v.dtype)
    out_ids = part.create_dataset("ParticleIDs", (total,), dtype=np.uint64)
    at = 0
    for rx in range(reps):
        for ry in range(reps):
            for rz in range(reps):
                m = len(ids)
                coords[at:at + m] = ((q + np.array([rx, ry, rz]) * box + psi) % (box * reps)).astype(np.float32)
                vels[at:at + m] = v
                out_ids[at:at + m] = (((i + rx * n) * big + (j + ry * n)) * big + (k + rz * n) + 1).astype(np.uint64)
                at += m
