"""A chart drawn the first time at its size is built by plotext once, with its grid on the canvas.

The 2-D charts need one grid cell per character of the canvas, whose size depends on the frame
plotext draws around it (the tick labels' width, the title and legend rows). A chart that learnt the
frame only by building the picture built it twice on its first drawing, the dearest part of the key
that first shows a chart.
"""

from dataclasses import replace

import pytest
from test_charts import ChartApp, canvas_size, xor_cycle, xor_cycle_one_pass_on

from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.ui.charts import FunctionChart, SurfaceChart


def wide_labels_cycle():
    """A network of two inputs whose data span thousands: y tick labels of 5 characters and more."""
    data = make_dataset("xor", samples=60, seed=0)
    scaled = replace(data, x_train=data.x_train * 4000, x_test=data.x_test * 4000)
    return LearningCycle(Network.from_seed([2, 4, 1], ["tanh", "sigmoid"], seed=0), scaled, "squared_error", 0.1)


def surface_cycle():
    return xor_cycle_one_pass_on(20)


@pytest.mark.parametrize(
    "make_chart, make_cycle",
    [(FunctionChart, xor_cycle), (FunctionChart, wide_labels_cycle), (SurfaceChart, surface_cycle)],
    ids=["regions", "regions-wide-labels", "surface"],
)
@pytest.mark.parametrize("size", [(80, 24), (41, 15)])
async def test_a_first_drawing_is_built_once_with_a_cell_per_character(make_chart, make_cycle, size):
    chart = make_chart()
    app = ChartApp(chart)
    async with app.run_test(size=size) as pilot:
        built, computed = [], []
        build, draw = chart.plt.build, chart.draw
        chart.plt.build = lambda: built.append(1) or build()
        chart.draw = lambda *args: computed.append(1) or draw(*args)
        chart.update_from(make_cycle())
        await pilot.pause()
        assert len(built) == 1
        # The regions chart knows its frame from its rows before computing; the surface learns it from
        # the ranges it searched, and computes its grid once more (the model counts it).
        assert len(computed) == (1 if make_chart is FunctionChart else 2)
        assert canvas_size(chart) == chart._grid_used  # one grid cell per character
        assert len(built) == 1  # the picture shown is the one built
