"""Keys typed while a run is stopping wait for its end, then act as typed: in a burst ("t x ]" in
one read) whether a key landed before or after the run's last epoch no longer decides what it does."""

import time

from textual import events
from ui_helpers import xor_training_lesson

from nntutor.curriculum import find_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.lesson import LessonScreen

LESSON = xor_training_lesson(
    "keys-after-stop", steps='\n[[steps]]\ntitle = "After training"\nshow = "network"\ntext = "The next step."\n'
)


async def _until(pilot, done) -> None:
    deadline = time.monotonic() + 10
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.01)
    assert done()


async def test_a_key_typed_while_the_run_stops_acts_once_it_has_stopped(tmp_path):
    path = tmp_path / "keys-after-stop.toml"
    path.write_text(LESSON, encoding="utf-8")
    app = NNTutorApp(find_lesson(path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("t")
        await _until(pilot, lambda: screen.train_epochs_done > 0)
        # Both keys in one go, as from one read of a burst: the run cannot end between them.
        await screen.on_key(events.Key("x", "x"))  # stops the run, and does nothing else
        assert screen.stopping
        await screen.on_key(events.Key("right_square_bracket", "]"))  # arrives while it stops
        assert screen.session.index == 0  # not yet: the run has not ended
        await _until(pilot, lambda: not screen.training)
        await pilot.pause()
        assert screen.session.index == 1, screen.message  # then ] acted, as if typed after the stop
        assert screen.session.cycle.state.epoch > 1  # the run's training was kept
