"""The loss chart follows training while t runs (issue 11, charts: during training its title said
"this run has none yet" while the status said "TRAINING 245 epochs")."""

import asyncio

from test_run_labels import lesson_at

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.app import NNTutorApp


async def test_the_loss_chart_draws_the_run_while_it_trains(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson("representation"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lesson_at(app, pilot, 10)  # a fresh run, on the loss chart
        screen.session.asked |= {quiz.id for quiz in screen.session.step.quizzes}  # its quiz: asked
        # Train until a key stops it, not the step's 4000 epochs: on a quiet machine those were
        # over before the redraw budget (a share of the training's CPU) allowed a first redraw.
        monkeypatch.setattr(screen.session, "train_epochs", lambda: None)
        chart = screen.chart_panel().chart("loss")
        drawn_while_training = []
        redraw = chart._redraw

        def noting(size):  # every drawing of the chart, and whether training was under way
            redraw(size)
            if screen.training:
                drawn_while_training.append(chart.title_text)

        chart._redraw = noting
        await pilot.press("t")
        for _ in range(600):  # at most 30 s
            if any("none yet" not in title for title in drawn_while_training):
                break
            await asyncio.sleep(0.05)
        await pilot.press("space")  # any key stops training
        while screen.training:
            await asyncio.sleep(0.05)
        await pilot.pause()
        # drawn as t starts ("this run has none yet"), then with the run's loss as it trains
        assert any("none yet" not in title for title in drawn_while_training), drawn_while_training
