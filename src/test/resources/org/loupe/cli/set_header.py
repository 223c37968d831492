"""Copies a snapshot file and sets one /Header attribute: set_header.py SRC DST KEY VALUE [INDEX].

VALUE is a Python literal (nan allowed); with INDEX only that element of an array attribute changes.
"""
import shutil
import sys

import h5py
import numpy as np

src, dst, key, value = sys.argv[1:5]
if src != dst:
    shutil.copyfile(src, dst)
v = float('nan') if value == 'nan' else eval(value)
with h5py.File(dst, 'r+') as f:
    h = f['Header']
    if len(sys.argv) > 5:
        a = np.array(h.attrs[key])
        if isinstance(v, int) and v < 0 and a.dtype.kind == 'u':
            a = a.astype(np.int64)
        a[int(sys.argv[5])] = v
        h.attrs[key] = a
    elif isinstance(v, int):
        h.attrs[key] = np.int64(v) if v < 0 else np.array(v, dtype=np.array(h.attrs.get(key, 0)).dtype)
    else:
        h.attrs[key] = np.float64(v)
