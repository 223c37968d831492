"""Copies a one-file snapshot with Fletcher32-checksummed chunks (OUT_ok.hdf5), and a copy with one
bit of a Coordinates chunk flipped (OUT_bad.hdf5); checks that h5py refuses the flipped one.
Usage: fletcher.py IN OUTSTEM"""
import shutil
import sys

import h5py

src, stem = sys.argv[1], sys.argv[2]
ok, bad = stem + "_ok.hdf5", stem + "_bad.hdf5"
with h5py.File(src, "r") as f, h5py.File(ok, "w") as g:
    for name in ("Header", "Parameters"):
        if name in f:
            grp = g.create_group(name)
            for key, val in f[name].attrs.items():
                grp.attrs[key] = val
    part = g.create_group("PartType1")
    for name in ("Coordinates", "Velocities", "ParticleIDs"):
        data = f["PartType1/" + name][:]
        chunks = (1024, 3) if data.ndim == 2 else (1024,)
        part.create_dataset(name, data=data, chunks=chunks, fletcher32=True)
shutil.copy(ok, bad)
with h5py.File(bad, "r") as g:
    info = g["PartType1/Coordinates"].id.get_chunk_info(1)
with open(bad, "r+b") as fh:
    at = info.byte_offset + 4 * 100 + 2   # particle ~433's x: the lowest exponent bit of a float32
    fh.seek(at)
    b = fh.read(1)[0]
    fh.seek(at)
    fh.write(bytes([b ^ 0x80]))
try:
    with h5py.File(bad, "r") as g:
        g["PartType1/Coordinates"][:]
    print("h5py read the flipped file")
    sys.exit(1)
except OSError as e:
    print("h5py refuses it:", str(e).splitlines()[0])
