"""Pilot tests of what lesson steps do as they open: nudges, new runs, and quizzes before training."""

import pytest
from ui_helpers import make_app, screen_text

from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.quiz import QuizScreen
from nntutor.ui.widgets.text_pane import MORE, todo_with_hint


async def _open_at(app, pilot, index: int, skip_quizzes: bool = False) -> LessonScreen:
    await pilot.pause()
    while isinstance(app.screen, QuizScreen):  # a quiz as the lesson opens: not this test's business
        await pilot.press("escape")
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, LessonScreen)
    screen.session.open_at(index)
    screen.enter_step()
    await pilot.pause()
    while skip_quizzes and isinstance(app.screen, QuizScreen):
        await pilot.press("escape")
        await pilot.pause()
    return screen


async def test_a_nudge_step_changes_the_weight_and_its_quiz_checks_the_nudged_network():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 1)  # "Where is the wave stored?"
        cycle = screen.session.cycle
        before = float(cycle.network.W[1][4, 0])
        await pilot.press("right_square_bracket")  # "Nudge one weight": a choice quiz, then W[2][4,0] += 0.5
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert float(screen.session.cycle.network.W[1][4, 0]) == before  # asked before the nudge
        await pilot.press("3", "enter", "enter")
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


async def test_enter_closing_a_training_quiz_starts_training_and_does_not_stop_it():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 4)  # "Let training repair it": a direction quiz before t trains
        cycle = screen.session.cycle
        steps_before = cycle.state.steps_done
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("d", "enter")  # answer
        assert app.screen.result is not None
        await pilot.press("enter")  # close the feedback: training starts now
        for _ in range(200):
            if not screen.training and screen.session.action_done:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, LessonScreen)
        assert screen.session.action_done, screen.message
        assert cycle.state.steps_done == steps_before + 1 + 500  # the pass under way is finished first
        assert "training done: 500 epochs" in screen_text(app)


async def _burst(app, keys):
    """Keys as a terminal delivers a burst: all read in one go, before the app handles any of them.

    Pilot.press waits for the app to go idle after each key, so it cannot
    reproduce keys that were already queued when a quiz closed.
    """
    from textual import events

    burst = [events.Key(key, "\r" if key == "enter" else key) for key in keys]
    for key in burst:
        app._driver.send_message(key)  # the driver's own entry point, as its reader thread uses it


async def test_a_second_enter_after_a_training_quiz_does_not_stop_the_training():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 4)
        epochs = len(screen.session.cycle.state.epoch_log)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await _burst(app, ["d", "enter", "enter", "enter"])  # answer, close, and one more for good measure
        for _ in range(200):
            if not screen.training and not screen.asking:
                break
            await pilot.pause(0.05)
        assert len(screen.session.cycle.state.epoch_log) == epochs + 1 + 500, screen.message  # the pass, then 500
        assert screen.session.action_done


async def test_a_second_enter_after_a_phase_quiz_does_not_run_past_the_reveal():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 3)  # two quizzes before forward 2
        await pilot.press("space", "f", "f")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press(*"0.2689", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await _burst(app, ["3", "enter", "enter", "enter", "escape"])
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert str(screen.session.cycle.last_phase) == "forward 2"  # the reveal ran, and nothing after it
        assert "again to go on" not in screen.message  # f asked for forward 2, and that is where it stopped
        await pilot.press("enter")  # typed after the quiz closed: an ordinary next phase
        assert str(screen.session.cycle.last_phase) != "forward 2"


async def test_a_quiz_met_on_the_way_stops_at_its_reveal_and_says_how_to_go_on():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 3)  # two quizzes before forward 2
        await pilot.press("enter")  # finish the pass: the quizzes come first
        await pilot.pause()
        await pilot.press(*"0.2689", "enter", "enter")
        await pilot.pause()
        await pilot.press("3", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert str(screen.session.cycle.last_phase) == "forward 2"
        assert "ran forward 2: compare with your answer; press the same key again to go on" in screen.message
        await pilot.press("enter")
        assert str(screen.session.cycle.last_phase) == "update"


async def test_the_loss_chart_keeps_the_earlier_runs_beside_the_new_one():
    app = make_app("learning-rate")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 5)  # "Jumping across": the third run, lr 1.5, begins
        while screen.chart_panel().kind != "loss":
            await pilot.press("c")  # the next chart, up to the loss chart
            await pilot.pause()
        chart = screen.query_one("#chart-loss")
        assert list(chart.shown_runs) == ["lr 0.05", "lr 0.5"]
        text = screen_text(app)
        assert "+ lr 0.05" in text and "% lr 0.5" in text  # the legend under the plot: glyph and label
        await pilot.press("right_square_bracket", "right_square_bracket")  # "Zigzag, but down": trains lr 1.5
        await pilot.press("t")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, QuizScreen) or (not screen.training and screen.session.action_done):
                break
        while isinstance(app.screen, QuizScreen):
            await pilot.press("escape")
            await pilot.pause(0.1)
        for _ in range(100):
            if not screen.training:
                break
            await pilot.pause(0.05)
        await pilot.press("left_square_bracket")  # back: the lesson is replayed, with the same runs
        await pilot.pause()
        assert [run.label for run in screen.session.runs] == ["lr 0.05", "lr 0.5"]


async def test_hidden_lesson_text_is_announced_with_its_page_key_and_its_to_do():
    app = make_app("neuron")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 0, skip_quizzes=True)  # nine rows of text beside the network
        await pilot.pause()
        pane = screen.query_one("#lesson-pane")
        assert pane.max_scroll_y > 0
        # The to-do line ends the text, so it is hidden first: the lower border repeats it.
        assert "To do: read, explore, then press ] for the next step · pgdn: more" in screen_text(app)
        await pilot.press("pagedown")
        await pilot.pause()
        assert "pgup: back to the top" in screen_text(app) and "To do:" in screen_text(app)
        await pilot.press("tab")  # the text view: room for all of it, no hint
        await pilot.pause()
        await pilot.pause()
        assert "pgdn" not in screen_text(app) and "pgup" not in screen_text(app)


async def test_actions_that_reach_a_screen_on_its_way_out_do_nothing():
    # The monkey found it: a reset (from a key queued before escape, or the
    # palette opened from the screen) ran while the screen's widgets were
    # being removed, and refresh_view found no #status.
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 0)
        app.pop_screen()  # off the stack at once; its widgets go soon after
        await screen.query_one("#lesson-body").remove()  # as they are while it is pruned
        screen.action_reset()
        screen.action_next_chart()
        screen.action_scroll_text(1)
        screen.refresh_view()
        await pilot.pause()
        assert app.is_running


async def test_quiz_actions_that_reach_it_on_its_way_out_do_nothing():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_at(app, pilot, 3)  # a choice quiz as the step opens
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        app.pop_screen()
        await quiz.query_one("#quiz-box").remove()
        quiz.action_hint()
        quiz.action_submit()
        quiz.action_skip()
        await pilot.pause()
        assert app.is_running and screen.is_mounted


async def test_an_answer_typed_in_the_burst_that_opens_the_quiz_reaches_the_quiz():
    app = make_app("one-weight")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_at(app, pilot, 3)  # the quizzes wait before forward 2
        await _burst(app, ["space", "f", "f", *"0.2689", "enter"])  # all read before the quiz is drawn
        for _ in range(100):  # the keys are handled as the app gets to them (slowly on a loaded machine)
            await pilot.pause()
            if isinstance(app.screen, QuizScreen) and app.screen.result is not None:
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.result is not None and app.screen.result.correct, screen_text(app)


def test_a_long_to_do_is_cut_so_that_the_page_key_still_shows():
    todo = "walk the cycle up to 'update' (space for one phase, enter for the whole pass)"
    border = todo_with_hint(todo, MORE, 60)
    assert border.cell_length <= 60 and border.plain.startswith("To do: walk the cycle")
    assert border.plain.endswith("… · pgdn: more ▾")
    assert todo_with_hint(todo, MORE, 20).plain == MORE  # too narrow for words: the key alone
    wide = todo_with_hint("[b]x" + "中" * 40, MORE, 40)  # markup stays text; wide characters count double
    assert wide.cell_length <= 40 and wide.plain.startswith("To do: [b]x中")
