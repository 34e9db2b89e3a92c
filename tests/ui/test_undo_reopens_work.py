"""Stepping back (⌫) before the phase a step asks for makes its work "to do" again; redo makes it done again."""

from ui_helpers import make_app, next_step, screen_text

from nntutor.ui.screens.quiz import QuizScreen


async def press(pilot, app, *keys: str) -> None:
    """Press each key; a quiz it brings up is closed with escape (the quizzes are not what is tested here)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            await pilot.press("escape")
            await pilot.pause()


async def test_undo_before_the_goal_phase_reopens_the_step(tmp_path):
    app = make_app("surface", home=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await next_step(pilot, app)  # step 2: walk the cycle up to 'loss'
        while isinstance(app.screen, QuizScreen):  # the step's opening quiz
            await pilot.press("escape")
            await pilot.pause()
        session = app.screen.session
        assert session.step.action.until == "loss" and not session.action_done
        while not session.action_done:
            await press(pilot, app, "space")
        assert session.action_done
        assert "done: 'loss' has run" in screen_text(app)
        await press(pilot, app, "backspace")  # loss undone
        assert not session.action_done
        assert "done: 'loss' has run" not in screen_text(app)
        assert "walk the cycle up to 'loss'" in screen_text(app)
        await press(pilot, app, "ctrl+y")  # redo: loss has run again
        assert session.action_done and "done: 'loss' has run" in screen_text(app)
        await press(pilot, app, "r")  # reset: back at the lesson's start, the work is to do again
        assert not session.action_done
