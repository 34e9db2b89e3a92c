"""np.unique's answer for the plain arrays the tutor has, without loading numpy.ma.

numpy 2's `np.unique` asks `np.ma.is_masked` of every array, which imports
the masked-array package on its first call: about 1.2 MB of memory in every
session that draws a chart, for arrays that are never masked.
"""

from __future__ import annotations

import numpy as np


def distinct(values) -> np.ndarray:
    """The sorted distinct values of `values` (flattened), NaNs counted as one, as np.unique gives them."""
    flat = np.sort(np.asarray(values).ravel())
    if flat.size == 0:
        return flat
    keep = np.empty(flat.shape, dtype=bool)
    keep[0] = True
    np.not_equal(flat[1:], flat[:-1], out=keep[1:])
    if flat.dtype.kind in "fc":
        nan = np.isnan(flat)
        if nan.any():  # sorted last; np.unique keeps the first
            keep[nan] = False
            keep[int(np.argmax(nan))] = True
    return flat[keep]
