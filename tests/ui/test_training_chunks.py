"""Training with t on the lesson screen: many chunks, each ended by the clock, give the engine's numbers exactly."""

import numpy as np
from ui_helpers import xor_training_lesson

from nntutor.curriculum import find_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.lesson import LessonScreen

EPOCHS = 1500

LESSON = xor_training_lesson("train-in-chunks", batch=25, steps=f'do = "train"\nepochs = {EPOCHS}\n')


async def test_a_run_in_many_chunks_ends_where_one_engine_call_does(tmp_path, monkeypatch):
    shown: list[int] = []  # the epochs of each progress message (Textual also calls Training's own handler)
    monkeypatch.setattr(LessonScreen, "on_train_progress", lambda self, message: shown.append(message.epochs))
    path = tmp_path / "train-in-chunks.toml"
    path.write_text(LESSON, encoding="utf-8")
    app = NNTutorApp(find_lesson(path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        screen.progress_every = 0.002  # a progress message, so the end of a chunk, every few epochs
        await pilot.press("t")
        for _ in range(3000):
            if not screen.training:
                break
            await pilot.pause(0.01)
        assert not screen.training and "training done" in screen.message
        trained = screen.session.cycle.state

    alone = find_lesson(path).build_cycle()
    alone.train(EPOCHS)
    assert len(set(shown) - {EPOCHS}) >= 2, shown  # the run was shown part way, more than once
    assert trained.epoch_log == alone.state.epoch_log
    assert trained.step_losses == alone.state.step_losses
    for ours, engine in zip(trained.network.W + trained.network.b, alone.network.W + alone.network.b, strict=True):
        np.testing.assert_array_equal(ours, engine)
