"""Y ticks of the linear charts fall on evenly spaced rows (issue 11, charts: on the loss lesson's
curve, 50000 and 40000 were one row apart and 30000 to 20000 two)."""

import math

import pytest
from test_charts import ChartApp
from test_loss_scale import walked

from nntutor.ui.charts import CurveChart, LossChart
from nntutor.ui.ticks import row_ticks


def tick_rows(chart) -> tuple[list[int], list[float]]:
    """The rows (from the canvas's top) where the y axis has a tick, and the values written there."""
    lines = chart.render().plain.splitlines()
    top = next(n for n, line in enumerate(lines) if "┌" in line)
    bottom = next(n for n, line in enumerate(lines) if "└" in line)
    rows = [n for n in range(top + 1, bottom) if "┤" in lines[n]]
    return [n - top for n in rows], [float(lines[n].split("┤")[0]) for n in rows]


@pytest.mark.parametrize(
    "lesson,step,kind,size,runs",
    [
        ("loss", 3, CurveChart, (80, 24), False),
        ("forward", 8, LossChart, (80, 24), False),
        ("loss", 9, LossChart, (60, 17), False),
        ("overfitting", 10, LossChart, (80, 18), True),  # the first run's test loss, beside a fresh run
    ],
)
async def test_ticks_are_the_same_number_of_rows_apart(lesson, step, kind, size, runs):
    session = walked(lesson, step)
    chart = kind()
    async with ChartApp(chart).run_test(size=size) as pilot:
        chart.update_from(session.cycle, session.runs if runs else ())
        await pilot.pause()
        rows, values = tick_rows(chart)
        assert len(rows) >= 2
        assert len({b - a for a, b in zip(rows, rows[1:], strict=False)}) == 1, rows
        steps = [a - b for a, b in zip(values, values[1:], strict=False)]  # as written, not only as placed
        assert max(steps) - min(steps) < 1e-9 * max(steps), values


@pytest.mark.parametrize("lo,hi,rows", [(0, 45000, 19), (0.0123, 0.734, 19), (-3.2, 1.7, 12), (12.3, 12.9, 7)])
def test_row_ticks_cover_the_data_on_whole_rows(lo, hi, rows):
    bottom, top, ticks = row_ticks(lo, hi, rows, 5)
    assert bottom <= lo and top >= hi and 2 <= len(ticks) <= 5
    at = [math.floor(0.5 + (rows - 1) * (t - bottom) / (top - bottom)) for t in ticks]
    assert len({b - a for a, b in zip(at, at[1:], strict=False)}) == 1
