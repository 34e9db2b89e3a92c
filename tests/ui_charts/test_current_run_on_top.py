"""The run just made is drawn over the earlier runs' marks on the loss chart, never under them
(walk findings: activations step 9 said "ReLU lowest" while the ReLU line lay under tanh's %;
batches step 9's new run vanished under the "%" of the run before)."""

import pytest
from test_charts import canvas, mounted

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.charts import LossChart
from nntutor.ui.runs import Run
from nntutor.ui.session import LessonSession


def braille_cells(chart) -> set[tuple[int, int]]:
    """The canvas cells (row, column) where the current run's line (braille dots) shows."""
    lines, left, top = canvas(chart)
    bottom = next(n for n, line in enumerate(lines) if "└" in line)
    return {
        (row, col)
        for row, line in enumerate(lines[top:bottom])
        for col, char in enumerate(line)
        if col >= left and 0x2800 < ord(char) <= 0x28FF
    }


async def drawn(cycle, runs, mode) -> set[tuple[int, int]]:
    chart = LossChart(mode=mode, log_scale=False)  # one scale for both drawings (runs may choose log)
    app, context, pilot = await mounted(chart, cycle)
    chart.update_from(cycle, runs, "this run")
    await pilot.pause()
    cells = braille_cells(chart)
    await context.__aexit__(None, None, None)
    return cells


@pytest.mark.parametrize("lesson, step", [("activations", 9), ("batches", 9)])
@pytest.mark.parametrize("mode", ["step", "epoch"])
async def test_an_earlier_run_on_the_same_cells_does_not_hide_this_one(lesson, step, mode):
    session = LessonSession(find_lesson(lesson))
    session.open_at(step - 1)
    session.finish_step()
    state = session.cycle.state
    # An earlier run with this run's very losses: same axes, its marks on every cell of this run's line.
    twin = Run("earlier", state, ())
    alone = await drawn(session.cycle, (), mode)
    together = await drawn(session.cycle, (twin,), mode)
    assert len(alone) > 10
    assert alone == together, f"{len(alone - together)} of this run's {len(alone)} cells hidden"
