"""Thinning a long loss series for a narrow chart without hiding how it jumps.

Averaging neighbouring steps smooths away exactly what one-sample steps
show: the loss of one sample, then of another, taking turns. The envelope
keeps, for each stretch of consecutive steps, its highest and its lowest
value, so a chart drawn through them shows a band as wide as the jumps.
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


def stretches(length: int, count: int) -> tuple[Array, Array]:
    """Where `count` consecutive stretches split range(length), as np.array_split makes them (the
    first length % count one longer): each one's start and end (exclusive), without an index of
    every position (a chart redrawn while 100 000 epochs train would make one each time)."""
    size, longer = divmod(length, count)
    sizes = np.full(count, size)
    sizes[:longer] += 1
    ends = np.cumsum(sizes)
    return ends - sizes, ends


def stretch_means(values: Array, count: int) -> Array:
    """The mean of each of `stretches(len(values), count)`: the stretches are of two lengths, the
    longer first, so each length's are the rows of one array, averaged row by row (the same sums as
    each stretch's own mean, without a call per stretch)."""
    size, longer = divmod(len(values), count)
    split = longer * (size + 1)
    return np.concatenate(
        (values[:split].reshape(longer, size + 1).mean(axis=1), values[split:].reshape(-1, size).mean(axis=1))
    )


def envelope(xs: Array | None, ys: Array, max_points: int) -> tuple[Array, Array]:
    """At most `max_points` points: each stretch's highest then lowest value (at its first and last x).

    `xs` None stands for the 1-based positions of `ys` (no array of them is made).
    Series short enough are returned unchanged.
    """
    ys = np.asarray(ys, dtype=np.float64)
    if max_points < 2 or len(ys) <= max_points:
        return (np.arange(1, len(ys) + 1) if xs is None else np.asarray(xs)), ys
    bins = max_points // 2
    starts, ends = stretches(len(ys), bins)
    ends = ends - 1
    highs = np.maximum.reduceat(ys, starts)
    lows = np.minimum.reduceat(ys, starts)
    out_x = np.empty(2 * bins, dtype=np.int64 if xs is None else np.asarray(xs).dtype)
    out_y = np.empty(2 * bins)
    if xs is None:
        out_x[0::2], out_x[1::2] = starts + 1, ends + 1
    else:
        xs = np.asarray(xs)
        out_x[0::2], out_x[1::2] = xs[starts], xs[ends]
    out_y[0::2], out_y[1::2] = highs, lows
    return out_x, out_y
