"""Helpers for the UI tests: the shipped lessons, an app on a private store, the screen as text."""

from __future__ import annotations

from pathlib import Path

from nntutor.curriculum.loader import find_lesson
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp

FIXTURES = Path(__file__).parent / "fixtures"


def screen_text(app) -> str:
    """The visible screen as plain text (Textual has no public call for this; the compositor has it)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def make_app(lesson_id: str | None = "backprop", home: Path | None = None, lessons_dir=None) -> NNTutorApp:
    lesson = find_lesson(lesson_id) if lesson_id else None
    store = ProgressStore(home) if home is not None else None
    return NNTutorApp(lesson, store=store, lessons_dir=lessons_dir)


async def next_step(pilot, app) -> None:
    """Press ] until the lesson is on its next step, closing with escape each quiz it asks on the way."""
    from nntutor.ui.screens.lesson import LessonScreen
    from nntutor.ui.screens.quiz import QuizScreen

    lesson_screen = next(screen for screen in reversed(app.screen_stack) if isinstance(screen, LessonScreen))
    start = lesson_screen.session.index
    for _ in range(50):
        if isinstance(app.screen, QuizScreen):
            await pilot.press("escape")
        elif lesson_screen.session.index != start:
            return
        else:
            await pilot.press("right_square_bracket")
        await app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError(f"] did not leave step {start + 1}")


def xor_training_lesson(lesson_id: str, batch: str | int = '"full"', steps: str = "") -> str:
    """A quiz-free lesson file's text: a 2-4-1 network on 100 xor samples, whose first step shows the
    network for t to train (plus `steps`, TOML of the step's extra fields and further steps)."""
    return f"""format_version = 1
id = "{lesson_id}"
title = "Training: {lesson_id}"
summary = "A lesson for training with t."

[network]
layers = [2, 4, 1]
activations = ["tanh", "sigmoid"]
loss = "binary_cross_entropy"
lr = 0.5
batch = {batch}
seed = 0

[data]
dataset = "xor"
samples = 100
noise = 0.1
seed = 0

[[steps]]
title = "Train"
show = "network"
text = "Press **t** to train."
{steps}"""
