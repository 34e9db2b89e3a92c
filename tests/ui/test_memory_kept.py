"""What a lesson screen keeps after training: a replaced run's cycle is let go."""

import gc
import weakref

from ui_helpers import make_app

from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.quiz import QuizScreen


async def test_the_cycle_a_finished_training_ran_on_is_freed_once_the_lesson_moves_on():
    # A trained cycle holds its whole undo history (a 1-16-16-1 lesson's run: megabytes).
    app = make_app("overfitting")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            await pilot.press("escape")
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        trained = weakref.ref(screen.session.cycle)
        await pilot.press("t")
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.train_epochs_done > 0:
                break
        await pilot.press("x")  # any key stops
        for _ in range(100):
            if not screen.training:
                break
            await pilot.pause(0.05)
        assert not screen.training and screen.session.cycle.state.epoch > 0
        screen.session.open_at(0)  # the lesson replayed from its start: a new cycle
        screen.enter_step()
        await pilot.pause()
        assert screen.session.cycle is not trained()
        gc.collect()
        assert trained() is None
