"""Thinning a long loss series for a narrow chart without hiding how it jumps.

Averaging neighbouring steps smooths away exactly what one-sample steps
show: the loss of one sample, then of another, taking turns. The envelope
keeps, for each stretch of consecutive steps, its highest and its lowest
value, so a chart drawn through them shows a band as wide as the jumps.
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


def envelope(xs: Array, ys: Array, max_points: int) -> tuple[Array, Array]:
    """At most `max_points` points: each stretch's highest then lowest value (at its first and last x).

    Series short enough are returned unchanged.
    """
    xs, ys = np.asarray(xs), np.asarray(ys, dtype=np.float64)
    if max_points < 2 or len(ys) <= max_points:
        return xs, ys
    bins = max_points // 2
    starts = np.array([b[0] for b in np.array_split(np.arange(len(ys)), bins)])
    ends = np.append(starts[1:], len(ys)) - 1
    highs = np.maximum.reduceat(ys, starts)
    lows = np.minimum.reduceat(ys, starts)
    out_x = np.empty(2 * bins, dtype=xs.dtype)
    out_y = np.empty(2 * bins)
    out_x[0::2], out_x[1::2] = xs[starts], xs[ends]
    out_y[0::2], out_y[1::2] = highs, lows
    return out_x, out_y
