"""A run's name in the chart legend is what that run actually used: the learning rate the
learner set with + and -, and every rate when it changed mid-run (issue 11, charts)."""

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.runs import run_name
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.session import LessonSession


async def lesson_at(app, pilot, step: int) -> LessonScreen:
    """The lesson screen at `step` (1-based), its opening quizzes skipped."""
    await pilot.pause()
    while not isinstance(app.screen, LessonScreen):
        await pilot.press("escape")
        await pilot.pause()
    screen = app.screen
    screen.session.open_at(step - 1)
    screen.enter_step()
    await pilot.pause()
    while not isinstance(app.screen, LessonScreen):
        await pilot.press("escape")
        await pilot.pause()
    return screen


def test_a_run_is_named_by_the_rates_its_updates_used():
    session = LessonSession(find_lesson("loss"))
    session.open_at(9)  # "Again from the start": lr 0.05, both photos per step
    session.apply_entry_action()
    cycle = session.cycle
    assert session.run_name(cycle.state) == "lr 0.05, batch full"
    cycle.set_lr(0.2)  # replaced before any update used it: not named
    cycle.set_lr(0.5)
    cycle.train(3)
    assert session.run_name(cycle.state) == "lr 0.5, batch full"
    cycle.set_lr(2)
    assert session.run_name(cycle.state) == "lr 0.5, batch full"  # 2 not used yet
    cycle.train(2)
    assert session.run_name(cycle.state) == "lr 0.5→2, batch full"
    cycle.reset()  # a fresh start at the rate now set
    assert session.run_name(cycle.state) == "lr 2, batch full"


def test_a_label_without_a_rate_names_it_once_it_changed():
    session = LessonSession(find_lesson("activations"))
    state = session.cycle.state
    assert run_name("tanh", state) == "tanh"
    session.cycle.set_lr(0.5)
    assert run_name("tanh", session.cycle.state) == "tanh, lr 0.5"


async def test_the_legend_names_the_rate_the_learner_chose(tmp_path, monkeypatch):
    # learning-rate step 12: r, then - twice (2.1 -> 2 -> 1), then train: the legend said "lr 2.1".
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson("learning-rate"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lesson_at(app, pilot, 12)
        for key in ("r", "minus", "minus"):
            await pilot.press(key)
            await pilot.pause()
        assert screen.session.cycle.state.lr == 1
        screen.session.cycle.train(5)
        screen.refresh_view()
        await pilot.pause()
        chart = screen.chart_panel().chart("loss")
        assert chart.legend[0] == "⠒ lr 1"  # this run
        assert [entry for entry in chart.legend if "lr 2.1" in entry] == ["# lr 2.1"]  # the run r ended


def test_the_learners_reset_keeps_the_run_and_undo_takes_it_back():
    session = LessonSession(find_lesson("loss"))
    session.open_at(9)
    session.apply_entry_action()
    session.cycle.set_lr(2)
    session.cycle.train(3)
    before = session.cycle.state
    kept = len(session.runs)
    session.restart_run()
    assert [run.label for run in session.runs][-1] == "lr 2, batch full"
    assert len(session.runs_beside(session.cycle.state)) == kept + 1
    session.cycle.undo()  # the reset undone: that run is the current one again, drawn once
    assert session.cycle.state is before
    assert len(session.runs_beside(before)) == kept
