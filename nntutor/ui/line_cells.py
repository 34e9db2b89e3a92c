"""A plotted line as the characters plotext would put in each cell of its canvas, computed with numpy.

plotext draws a line (``plot``) by joining its points on a canvas two columns by four rows finer
than the text for braille, point by point in Python: a loss chart of 160 points took 25-35 ms of
its 40 ms redraw in it. Here the same cells and dots are computed with array arithmetic, following
plotext 5.3's own steps (``get_matrix_data``, ``get_line``, ``hd_group``), and handed back as one
character per cell for ``plt.scatter``, which places them as they are: the picture is the same,
character for character (tests/ui_charts/test_line_cells.py compares it with plotext's own).
"""

from __future__ import annotations

import numpy as np

from ..engine.distinct import distinct  # np.unique would load numpy.ma (1.2 MB)

# The braille dot of each (column, row from the bottom) of a cell's 2x4 grid (Unicode's dot numbering).
_BRAILLE_DOTS = np.array([[0x40, 0x04, 0x02, 0x01], [0x80, 0x20, 0x10, 0x08]])
_BRAILLE_BLANK = 0x2800
_FARTHEST = 16  # canvases off the canvas a point may lie (see _matrix_data)


def line_cells(
    xs: np.ndarray,
    ys: np.ndarray,
    x_lim: tuple[float, float],
    y_lim: tuple[float, float],
    canvas: tuple[int, int],
    braille: bool,
) -> tuple[np.ndarray, np.ndarray, list[str] | None]:
    """The cells a line through (xs, ys) fills on a canvas of (columns, rows) with the given limits,
    as their columns and rows (0 at the left and bottom), and for braille each cell's character
    (None otherwise: every cell takes the line's marker). Cells off the canvas are left out; a point far
    off it is refused (ValueError, see _matrix_data)."""
    cols, rows = canvas
    fx, fy = (2, 4) if braille else (1, 1)
    px = _matrix_data(np.asarray(xs, dtype=np.float64), x_lim, cols * fx)
    py = _matrix_data(np.asarray(ys, dtype=np.float64), y_lim, rows * fy)
    lx, ly = _joined(px, py)
    cx, cy = lx // fx, ly // fy
    inside = (cx >= 0) & (cx < cols) & (cy >= 0) & (cy < rows)
    cell = (cy * cols + cx)[inside]
    if not braille:
        cells = distinct(cell)
        return cells % cols, cells // cols, None
    dots = _BRAILLE_DOTS[(lx % 2)[inside], (ly % 4)[inside]]
    cells = distinct(cell)
    where = np.searchsorted(cells, cell)
    pattern = np.zeros(len(cells), dtype=np.int64)
    np.bitwise_or.at(pattern, where, dots)
    return cells % cols, cells // cols, [chr(_BRAILLE_BLANK + int(p)) for p in pattern]


def cell_positions(cells: np.ndarray, lim: tuple[float, float], count: int) -> list[float]:
    """Data values that plotext puts in the given cells (of `count` along an axis with limits `lim`)."""
    lo, hi = lim
    return (lo + cells * ((hi - lo) / max(count - 1, 1))).tolist()


def _matrix_data(values: np.ndarray, lim: tuple[float, float], bins: int) -> np.ndarray:
    """plotext's get_matrix_data: each value's place among `bins`, rounded to 8 decimals first.

    A place farther off the canvas than `_FARTHEST` canvases is refused (ValueError): joining it would
    take points without end (a value of 1e300 overflowed the integer cast and crashed the process).
    The charts' limits enclose their points, so they never ask for one."""
    lo, hi = lim
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow gives inf, refused below
        places = np.floor(np.round(0.5 + (bins - 1) * (values - lo) / (hi - lo), 8))
    if not np.all(np.abs(places) <= _FARTHEST * bins):  # NaN fails it too
        raise ValueError(f"a point lies more than {_FARTHEST} canvases outside the limits {lim}")
    return places.astype(np.int64)


def _joined(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """plotext's get_lines: the points of each segment but its last (evenly spaced, truncated to
    whole numbers), then the line's last point."""
    if len(px) < 2:
        return px, py
    x0, y0 = px[:-1], py[:-1]
    dx, dy = np.diff(px), np.diff(py)
    steps = np.maximum(np.abs(dx), np.abs(dy))  # a segment's points but its last
    segment = np.repeat(np.arange(len(steps)), steps)
    k = np.arange(len(segment)) - np.repeat(np.cumsum(steps) - steps, steps)
    share = np.maximum(steps, 1)[segment]  # plotext's slope: (upper - lower) / (points - 1)
    lx = (x0[segment] + k * (dx[segment] / share)).astype(np.int64)
    ly = (y0[segment] + k * (dy[segment] / share)).astype(np.int64)
    return np.append(lx, px[-1]), np.append(ly, py[-1])
