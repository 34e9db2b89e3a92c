"""Values cut into bands and the lines between bands: contour pictures of a grid."""

import numpy as np

Array = np.ndarray


def value_levels(values: Array, levels: int, log: bool = False, span: tuple[float, float] | None = None) -> Array:
    """Each value's band, 0 (lowest) to levels - 1, by evenly spaced cuts of its span.

    With `log`, the cuts are even in log(value), which suits a loss that
    spans orders of magnitude; non-positive or non-finite values get band
    levels - 1 (or 0 for -inf). `span` (lowest, highest value) fixes the cuts
    instead of the values' own span, so pictures of other grids share one
    scale; values beyond it take the end bands.
    """
    v = np.asarray(values, dtype=np.float64)
    if log:
        with np.errstate(all="ignore"):
            v = np.where(v > 0, np.log(np.where(v > 0, v, 1.0)), -np.inf)
    finite = np.isfinite(v)
    if not finite.any():
        return np.zeros(v.shape, dtype=np.int64)
    lo, hi = float(v[finite].min()), float(v[finite].max())
    if span is not None:
        lo, hi = (float(np.log(span[0])), float(np.log(span[1]))) if log else span
    if hi <= lo:
        bands = np.zeros(v.shape, dtype=np.int64)
    else:
        scaled = np.where(finite, np.clip((v - lo) / (hi - lo), 0.0, 1.0), 0.0)
        bands = np.minimum((scaled * levels).astype(np.int64), levels - 1)
    bands = np.where(np.isposinf(v) | np.isnan(v), levels - 1, bands)
    return np.where(np.isneginf(v), 0, bands)


def level_edges(bands: Array) -> Array:
    """True where a cell's band differs from the next cell right or up: the level lines."""
    bands = np.asarray(bands)
    edges = np.zeros(bands.shape, dtype=bool)
    edges[:, :-1] |= bands[:, :-1] != bands[:, 1:]
    edges[:-1, :] |= bands[:-1, :] != bands[1:, :]
    return edges
