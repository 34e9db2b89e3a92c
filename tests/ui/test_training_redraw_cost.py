"""While t trains, whole redraws are paced by what they cost the UI thread, their frame included."""

import time

from ui_helpers import xor_training_lesson

from nntutor.curriculum import find_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.widgets.network import NetworkPanel

FRAME_CPU = 0.03  # seconds of UI thread CPU the network panel's drawing takes while training, in this test

LESSON = xor_training_lesson("train-redraw-cost")


def _training_app(tmp_path) -> NNTutorApp:
    path = tmp_path / "train-redraw-cost.toml"
    path.write_text(LESSON, encoding="utf-8")
    return NNTutorApp(find_lesson(path))


def burn(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


async def test_a_whole_redraw_counts_the_frame_it_draws(tmp_path, monkeypatch):
    """The network panel's frame (not its refresh call) takes FRAME_CPU: the cost the pacing
    sees must hold it, or a dear chart would be drawn as if it were free."""
    drawing = NetworkPanel.render_lines
    screen: LessonScreen | None = None

    def dear_render_lines(self, crop):
        if screen is not None and screen.training:
            burn(FRAME_CPU)
        return drawing(self, crop)

    monkeypatch.setattr(NetworkPanel, "render_lines", dear_render_lines)
    app = _training_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        screen.progress_every = 0.05
        screen.redraw_share = 0.9  # whole redraws whenever they fit; they are what is measured
        await pilot.press("t")
        deadline = time.monotonic() + 5
        while screen.redraw_cost < FRAME_CPU and screen.training and time.monotonic() < deadline:
            await pilot.pause(0.01)
        assert screen.redraw_cost >= FRAME_CPU, screen.redraw_cost
        await pilot.press("x")  # any key stops the run
        deadline = time.monotonic() + 5
        while screen.training and time.monotonic() < deadline:
            await pilot.pause(0.01)
        assert not screen.training and "training stopped" in screen.message


async def test_a_redraw_dearer_than_the_share_still_comes_once_a_second_of_training(tmp_path, monkeypatch):
    """A chart costing more than the UI's share allows (here: every redraw) is still drawn, once per
    redraw_at_least_every of training CPU: the learner sees the run move in the charts."""
    app = _training_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        redraws: list[float] = []  # the training CPU at each whole redraw while training
        redraw = screen.refresh_view

        def noting():
            if screen.training and screen.train_epochs_done:  # not the redraw that starts the run
                redraws.append(screen.train_cpu)
            redraw()

        monkeypatch.setattr(screen, "refresh_view", noting)
        screen.progress_every = 0.05
        screen.redraw_share = 1e-9  # no whole redraw is ever within the share
        screen.redraw_at_least_every = 0.2
        await pilot.press("t")
        deadline = time.monotonic() + 20
        while screen.train_cpu < 1.0 and screen.training and time.monotonic() < deadline:
            await pilot.pause(0.02)
        trained = screen.train_cpu
        await pilot.press("x")  # any key stops the run
        while screen.training and time.monotonic() < deadline:
            await pilot.pause(0.01)
        assert trained >= 1.0, trained
        assert len(redraws) >= 4, redraws  # the first progress's, then one per 0.2 s of training CPU
        assert all(b - a >= 0.2 for a, b in zip(redraws, redraws[1:], strict=False)), redraws
