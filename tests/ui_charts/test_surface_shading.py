"""The loss surface's shading keeps one scale while nothing changed (walk findings: surface step 2,
the bowl widened and narrowed between redraws of the same network as the chart's height changed),
and the lowest point * is drawn over the trails, under @ only."""

import numpy as np
from test_charts import ChartApp, canvas

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.chart_base import BAND_GLYPHS
from nntutor.ui.charts import SurfaceChart
from nntutor.ui.session import LessonSession


def shaded_cells(chart) -> list[tuple[float, int]]:
    """(loss, band) of every canvas cell that shows a band glyph (markers left out)."""
    lines, left, top = canvas(chart)
    loss = chart.surface.loss
    rows, cols = loss.shape
    assert not chart.coarse
    out = []
    for r in range(rows):
        line = lines[top + r]
        for c in range(cols):
            glyph = line[left + c]
            if glyph in BAND_GLYPHS:
                out.append((float(loss[rows - 1 - r, c]), BAND_GLYPHS.index(glyph)))
    return out


async def test_the_same_network_is_shaded_on_one_scale_at_every_height():
    session = LessonSession(find_lesson("surface"))
    session.open_at(1)
    spec = session.lesson.surface
    kwargs = {} if spec is None else dict(weight_layer=spec.layer, weights=(spec.w1, spec.w2), ranges=spec.ranges)
    chart = SurfaceChart(**kwargs)
    drawings = []
    async with ChartApp(chart).run_test(size=(52, 12)) as pilot:
        for height in (12, 13, 14, 15, 18, 24):
            await pilot.resize_terminal(52, height)
            chart.update_from(session.cycle)
            chart.invalidate()
            await pilot.pause()
            drawings.append(shaded_cells(chart))
    assert len({len(d) for d in drawings}) > 2  # the grids differ
    cells = sorted(cell for drawing in drawings for cell in drawing)
    bands = np.array([band for _, band in cells])
    # Sorted by loss, the bands never step down: a lower loss is never shaded darker in another drawing.
    assert np.all(np.diff(bands) >= 0), "one loss shaded differently at another height"


async def test_the_lowest_point_shows_over_the_trails_that_reach_it():
    # learning-rate step 11: the legend said "* lowest" but the earlier runs' trails hid the "*".
    session = LessonSession(find_lesson("learning-rate"))
    session.open_at(10)
    session.finish_step()
    spec = session.lesson.surface
    kwargs = {} if spec is None else dict(weight_layer=spec.layer, weights=(spec.w1, spec.w2), ranges=spec.ranges)
    chart = SurfaceChart(**kwargs)
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.update_from(session.cycle, session.runs_beside(session.cycle.state), "this run")
        await pilot.pause()
        lines, left, top = canvas(chart)
        bottom = next(n for n, line in enumerate(lines) if "└" in line)
        plot = "\n".join(line[left:] for line in lines[top:bottom])
        assert chart.run_paths, "earlier runs' trails are drawn"
        assert "*" in plot, plot
