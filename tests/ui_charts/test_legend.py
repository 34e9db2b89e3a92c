"""The loss chart's legend (issue 11, charts): every curve drawn has an entry, the row fits the
chart, and a glyph keeps one meaning within a step (before and after training)."""

from test_charts import ChartApp

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.charts import LossChart
from nntutor.ui.session import LessonSession


def opened(lesson: str, step: int) -> LessonSession:
    """A session at the start of `step` (1-based), its settings applied."""
    session = LessonSession(find_lesson(lesson))
    session.open_at(step - 1)
    session.apply_entry_action()
    return session


async def draw(chart, pilot, session) -> None:
    chart.update_from(session.cycle, session.runs, session.run_name(session.cycle.state))
    await pilot.pause()


async def test_an_earlier_runs_curve_has_its_entry_while_this_run_has_none():
    # learning-rate step 4: a fresh run at lr 0.5; the first run's curve was drawn with no legend.
    session = opened("learning-rate", 4)
    chart = LossChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        await draw(chart, pilot, session)
        assert "none yet" in chart.title_text and chart.shown_runs
        assert "+ lr 0.05" in chart.legend_text


async def test_the_legend_fits_and_keeps_its_glyphs_through_training():
    # overfitting step 11: "⠒ 100 training points train • 100 training points test + samples 20 t…"
    session = opened("overfitting", 11)
    chart = LossChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        await draw(chart, pilot, session)
        before = chart.legend_text
        session.finish_step()  # 3000 epochs
        await draw(chart, pilot, session)
        after = chart.legend_text
        room = 80 - 8
        assert len(after) <= room and not after.endswith("…")
        assert "100 training points: ⠒ train • test" in after  # the test curve is not "training points"
        assert "samples 20: + test" in before and "samples 20: + test" in after  # "+" one meaning
