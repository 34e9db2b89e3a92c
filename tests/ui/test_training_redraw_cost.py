"""While t trains, whole redraws are paced by what they cost the UI thread, their frame included."""

import time

from ui_helpers import xor_training_lesson

from nntutor.curriculum import find_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.widgets.network import NetworkPanel

FRAME_CPU = 0.03  # seconds of UI thread CPU the network panel's drawing takes while training, in this test

LESSON = xor_training_lesson("train-redraw-cost")


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
    path = tmp_path / "train-redraw-cost.toml"
    path.write_text(LESSON, encoding="utf-8")
    app = NNTutorApp(find_lesson(path))
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
