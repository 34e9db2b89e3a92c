"""Charts decode plotext's picture themselves (faster than rich): the same text and colours as
textual-plotext's own render, and no escape reaches the terminal raw."""

import pytest
from rich.text import Text
from test_charts import ChartApp, sine_cycle, xor_cycle, xor_cycle_one_pass_on
from textual_plotext import PlotextPlot

from nntutor.ui.ansi_picture import picture_text
from nntutor.ui.charts import FunctionChart, LossChart, SurfaceChart


def trained_xor():
    return xor_cycle_one_pass_on(30)


@pytest.mark.parametrize(
    "make_chart, make_cycle",
    [(FunctionChart, xor_cycle), (FunctionChart, sine_cycle), (SurfaceChart, trained_xor), (LossChart, trained_xor)],
    ids=["regions", "function", "surface", "loss"],
)
@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-colour"])
async def test_a_chart_picture_is_textual_plotexts_own(make_chart, make_cycle, no_color, monkeypatch):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    chart = make_chart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.update_from(make_cycle())
        await pilot.pause()
        ours, theirs = chart._build_picture(), PlotextPlot.render(chart)
        assert ours.plain == theirs.plain and "┌" in ours.plain
        assert ours.spans == theirs.spans
        assert no_color or len(ours.spans) > 20  # the colours were decoded (NO_COLOR: plain text)


def test_an_escape_other_than_a_colour_is_dropped_as_rich_drops_it():
    picture = "\x1b[38;5;12mab\x1b[0m \x1b]0;PWN\x07title\x1b[2J\n\x1b[1mbold"
    text = picture_text(picture)
    assert "\x1b" not in text.plain and "\x07" not in text.plain
    assert text.plain == Text.from_ansi(picture).plain and text.plain.endswith("title\nbold")
