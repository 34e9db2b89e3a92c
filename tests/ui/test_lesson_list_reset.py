"""x on the lesson list clears the highlighted lesson's progress, after asking."""

from ui_helpers import make_app, screen_text

from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.screens.confirm import ConfirmScreen
from nntutor.ui.screens.lesson_list import LessonListScreen


def _neuron_line(app) -> str:
    lines = screen_text(app).splitlines()
    at = next(i for i, line in enumerate(lines) if "The neuron" in line)
    return lines[at + 1].strip()


async def test_x_asks_then_clears_the_highlighted_lessons_progress(tmp_path):
    with ProgressStore(tmp_path) as store:
        store.record_quiz("neuron", "z", True)
        store.complete("neuron")
        store.complete("loss")
    app = make_app(None, home=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen) and _neuron_line(app).startswith("done")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Clear your progress in The neuron" in screen_text(app)
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen) and _neuron_line(app).startswith("done")
        await pilot.press("x", "y")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen) and _neuron_line(app) == "not started"
        assert not app.store.lesson("neuron").started and app.store.lesson("neuron").quizzes == {}
        assert app.store.lesson("loss").completed  # only the highlighted lesson
        await pilot.press("x")  # nothing left to clear: said, nothing asked
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
