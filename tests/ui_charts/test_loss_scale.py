"""The loss chart's scale and mode as a learner meets them (issue 11, charts): runs that span
many powers of ten start on a log scale that the title names, g always switches the scale shown,
and the first e always switches between per step and per epoch."""

from test_charts import ChartApp
from test_run_labels import lesson_at

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.charts import LossChart
from nntutor.ui.session import LessonSession


def walked(lesson: str, step: int) -> LessonSession:
    """A session with `step` (1-based) done, as ] leaves it."""
    session = LessonSession(find_lesson(lesson))
    session.open_at(step - 1)
    session.finish_step()
    return session


async def test_runs_spanning_decades_start_on_a_log_scale_the_title_names():
    # activations step 5: sigmoid's large first losses squashed tanh into the bottom row.
    session = walked("activations", 5)
    chart = LossChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.update_from(session.cycle, session.runs, session.run_name(session.cycle.state))
        await pilot.pause()
        assert chart.decades > 2 and chart.shown_log
        assert "(log: 2 decades)" in chart.title_text
        chart.set_log(False)  # asked for linear: linear it is
        await pilot.pause()
        assert not chart.shown_log and "log" not in chart.title_text


async def test_g_switches_the_scale_even_when_the_chart_chose_log(tmp_path, monkeypatch):
    # learning-rate step 11: the diverged run made the chart log; g said "linear scale" but it stayed "(log)".
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson("learning-rate"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lesson_at(app, pilot, 11)
        screen.session.finish_step()
        screen.refresh_view()
        await pilot.press("g")
        await pilot.pause()
        chart = screen.chart_panel().chart("loss")
        assert screen.message == "loss chart: linear scale"
        assert not chart.shown_log and "(log" not in chart.title_text
        await pilot.press("g")
        await pilot.pause()
        assert screen.message == "loss chart: log scale"
        assert chart.shown_log and "(log)" in chart.title_text


async def test_the_first_e_switches_per_step_to_per_epoch(tmp_path, monkeypatch):
    # loss step 9, no test set: the chart shows every step; the first e used to change nothing.
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson("loss"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lesson_at(app, pilot, 9)
        screen.session.finish_step()
        screen.refresh_view()
        await pilot.pause()
        chart = screen.chart_panel().chart("loss")
        assert chart.shown_mode == "step"
        await pilot.press("e")
        await pilot.pause()
        assert chart.shown_mode == "epoch" and "epoch mean" in chart.title_text
        assert screen.message == "loss chart: each epoch's mean (e: every step)"
        await pilot.press("e")
        await pilot.pause()
        assert chart.shown_mode == "step" and "per step" in chart.title_text


async def test_a_diverged_run_beside_a_converged_one_gives_a_finite_span():
    # loss step 10: lr 1 diverges (losses near 1e308) beside runs near 1e-25: the title said "log: inf decades".
    session = walked("loss", 10)
    session.cycle.set_lr(1)
    session.cycle.train(900)
    assert session.cycle.diverged
    session.restart_run()
    chart = LossChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.update_from(session.cycle, session.runs, session.run_name(session.cycle.state))
        await pilot.pause()
        assert chart.shown_log and "inf" not in chart.title_text and 100 < chart.decades < 400


async def test_g_refuses_a_log_scale_the_chart_cannot_draw_and_says_why(tmp_path, monkeypatch):
    # loss step 10: once the loss was exactly 0, every g said "log scale" while the chart stayed linear.
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson("loss"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lesson_at(app, pilot, 10)
        cycle = screen.session.cycle
        cycle.train(2)  # losses above zero first
        cycle.set_parameter("W", 1, (0, 0), 0.0)
        cycle.set_parameter("b", 1, (0,), 500.0)  # both photos guessed exactly: the loss is 0
        cycle.train(2)
        assert cycle.state.step_losses[-1] == 0 and cycle.state.step_losses[0] > 0
        screen.refresh_view()
        await pilot.pause()
        for _ in range(2):
            await pilot.press("g")
            await pilot.pause()
            chart = screen.chart_panel().chart("loss")
            assert not chart.shown_log and "(log" not in chart.title_text
            assert screen.message == "loss chart: stays linear: a loss of exactly 0 has no place on a log scale"
        chart.set_log(True)  # asked for log all the same (as the playground's options may): the title says why not
        await pilot.pause()
        assert not chart.shown_log and "(linear: a loss is 0)" in chart.title_text
        chart.set_log(False)
        cycle.reset()  # a new run with losses above zero: g gives the log scale again
        cycle.train(2)
        screen.refresh_view()
        await pilot.press("g")
        await pilot.pause()
        assert screen.message == "loss chart: log scale" and chart.shown_log and "(log" in chart.title_text
