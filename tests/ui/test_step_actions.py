"""Pilot tests of what lesson steps do as they open: nudges, new runs, and quizzes before training."""

import pytest
from ui_helpers import make_app, screen_text

from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.quiz import QuizScreen


async def _open_at(app, pilot, index: int) -> LessonScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, LessonScreen)
    screen.session.open_at(index)
    screen.enter_step()
    await pilot.pause()
    return screen


async def test_a_nudge_step_changes_the_weight_and_its_quiz_checks_the_nudged_network():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 1)  # "Where is the wave stored?": a choice quiz as it opens
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("3", "enter", "enter")
        await pilot.pause()
        cycle = screen.session.cycle
        before = float(cycle.network.W[1][4, 0])
        await pilot.press("right_square_bracket")  # "Nudge one weight": W[2][4,0] += 0.5 as the step opens
        await pilot.pause()
        cycle = screen.session.cycle
        assert float(cycle.network.W[1][4, 0]) == pytest.approx(before + 0.5)
        assert screen.session.action_done
        await pilot.press("backspace")  # the nudge is one step back
        assert float(cycle.network.W[1][4, 0]) == pytest.approx(before)
        await pilot.press("N")
        await pilot.press("right_square_bracket", "space", "f", "f")  # "The arithmetic of a nudge"
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press(*"0.2689", "enter")
        assert app.screen.result.correct, screen_text(app)


async def test_replaying_a_lesson_applies_its_nudge():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 3)  # the step after the nudge, reached by replay
        cycle = screen.session.cycle
        assert float(cycle.network.W[1][4, 0]) == pytest.approx(-2.05, abs=0.01)
