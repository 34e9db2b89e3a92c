"""line_cells draws a line as plotext's own plot() does, character for character: the loss chart
draws its lines from these cells (plotext's joining of the points was most of a redraw's cost)."""

import subprocess
import sys

import numpy as np
import plotext
import pytest

from nntutor.ui.chart_base import _canvas_size
from nntutor.ui.line_cells import cell_positions, line_cells


def _picture(size, x_lim, y_lim, xs, ys, marker, lines: bool) -> str:
    plotext.clf()
    plotext.theme("clear")
    plotext.plotsize(*size)
    plotext.xlim(*x_lim)
    plotext.ylim(*y_lim)
    (plotext.plot if lines else plotext.scatter)(xs, ys, marker=marker)
    return plotext.build()


@pytest.mark.parametrize("marker", ["braille", "+"])
def test_a_line_from_its_cells_is_plotexts_own_line(marker):
    rng = np.random.default_rng(0)
    for trial in range(60):
        n = int(rng.integers(2, 200))
        xs = np.arange(1, n + 1, dtype=float) if trial % 2 else np.sort(rng.uniform(0, 100, n))
        ys = np.cumsum(rng.normal(size=n)) * 10 ** rng.uniform(-3, 3)  # zigzags, steep and flat stretches
        spread = np.ptp(ys) or 1.0
        x_lim = (xs[0] + rng.uniform(-5, 5), xs[-1] + rng.uniform(-5, 5))  # parts of it off the canvas too
        y_lim = (ys.min() - rng.uniform(-0.3, 1) * spread, ys.max() + rng.uniform(-0.3, 1) * spread)
        size = (int(rng.integers(20, 120)), int(rng.integers(8, 40)))
        want = _picture(size, x_lim, y_lim, xs.tolist(), ys.tolist(), marker, lines=True)
        canvas = _canvas_size(want)
        cols, rows, chars = line_cells(xs, ys, x_lim, y_lim, canvas, marker == "braille")
        if not len(cols):  # nothing on the canvas (the chart then lets plotext draw it)
            continue
        cell_xs, cell_ys = cell_positions(cols, x_lim, canvas[0]), cell_positions(rows, y_lim, canvas[1])
        got = _picture(size, x_lim, y_lim, cell_xs, cell_ys, chars if chars is not None else marker, lines=False)
        assert got == want, (trial, n, size)


def test_drawing_a_line_loads_no_masked_arrays():
    """np.unique would import numpy.ma (1.2 MB in every session that shows a loss chart)."""
    code = (
        "import sys, numpy as np\n"
        "from nntutor.ui.line_cells import line_cells\n"
        "xs = np.arange(1.0, 50.0); ys = np.sin(xs)\n"
        "for braille in (True, False): line_cells(xs, ys, (0, 50), (-1, 1), (40, 10), braille)\n"
        "print('numpy.ma' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("far", [1e300, 1e15, float("nan")])
def test_a_point_far_outside_the_limits_is_refused_not_joined_without_end(far):
    """Casting 1e300 to a cell overflowed and crashed the process; 1e15 asked for 1e16 points."""
    ys = np.array([0.5, 0.4, far, 0.3, 0.2])
    with pytest.raises(ValueError, match="outside the limits"):
        line_cells(np.arange(1.0, 6.0), ys, (1, 5), (0, 1), (60, 15), True)
