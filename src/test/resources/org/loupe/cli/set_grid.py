"""Copies a Loupe grid file and damages it: set_grid.py SRC DST ATTRIBUTE VALUE, or ... /grid nan (one NaN cell)."""
import shutil
import sys

import h5py
import numpy as np

src, dst, key, value = sys.argv[1:5]
shutil.copyfile(src, dst)
with h5py.File(dst, 'r+') as f:
    if key == '/grid':
        g = f['grid']
        g[0, 0, 0, 1] = np.float32(value)
    elif value.startswith("'"):
        f.attrs[key] = value.strip("'")
    else:
        f.attrs[key] = np.float64(value)
