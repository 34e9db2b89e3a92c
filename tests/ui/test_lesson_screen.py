"""Pilot tests: the keys a learner presses on the backpropagation lesson, and what the screen then shows."""

import pytest
from ui_helpers import FIXTURES, make_app, next_step, screen_text
from worked_example import LOSS_AFTER_FORWARD

from nntutor.ui.screens.help import HelpScreen
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.lesson_list import LessonListScreen
from nntutor.ui.screens.quiz import QuizScreen

SIZES = [(80, 24), (160, 50)]


@pytest.mark.parametrize("size", SIZES)
async def test_a_full_cycle_matches_the_worked_example(size):
    app = make_app("backprop")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        cycle = screen.session.cycle
        await pilot.press("space", "f", "f")
        assert str(cycle.next_phase) == "loss"
        assert cycle.state.a[0][0, 0] == pytest.approx(0.593269992)
        assert "0.5933" in screen_text(app)
        assert "z = 0.15*0.05 + 0.2*0.1 + 0.35 = 0.3775" in screen_text(app)
        await pilot.press("l")
        assert cycle.state.loss == pytest.approx(LOSS_AFTER_FORWARD)
        assert "loss 0.2984" in screen_text(app)  # the status line
        await pilot.press("b")
        assert cycle.state.dW[1][0, 0] == pytest.approx(0.082167041)
        await pilot.press("b", "u")
        W2 = cycle.network.W[1]
        assert W2[0, 0] == pytest.approx(0.35891648)
        assert W2[1, 1] == pytest.approx(0.56137012)
        assert cycle.network.W[0][0, 0] == pytest.approx(0.149780716)
        assert "0.3589" in screen_text(app)
        assert "updates 1" in screen_text(app)


async def test_step_back_restores_the_numbers_and_redo_brings_them_back():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cycle = app.screen.session.cycle
        await pilot.press("enter")  # the whole pass
        assert cycle.network.W[1][0, 0] == pytest.approx(0.35891648)
        await pilot.press("backspace")
        assert cycle.network.W[1][0, 0] == 0.40
        assert str(cycle.next_phase) == "update"
        await pilot.press("right")  # W2 w11: before the update the panel's rows show gradients, the selection W too
        assert "w11   0.4000" in screen_text(app)
        await pilot.press("N")
        assert cycle.network.W[1][0, 0] == pytest.approx(0.35891648)
        await pilot.press(*["p"] * 20)
        assert not cycle.can_undo and cycle.state.x is None


async def test_a_phase_key_runs_up_to_its_phase_and_says_so():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        cycle = app.screen.session.cycle
        assert cycle.state.loss == pytest.approx(LOSS_AFTER_FORWARD)
        assert "ran sample, forward 1, forward 2, loss" in screen_text(app)


async def test_selection_moves_and_the_detail_panel_follows():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.press("right", "right")  # h1 -> its first outgoing weight -> output y1
        screen = app.screen
        assert screen.selection == ("n", 2, 0)
        await pilot.press("h")  # back along the connection to w11 of layer 2
        assert screen.selection == ("w", 2, 0, 0)
        assert "W = 0.4 - 0.5*0.08217 = 0.3589   (applied)" in screen_text(app)
        await pilot.press("j", "k", "left", "down")
        assert screen.selection == ("n", 1, 1)


async def test_a_quiz_answered_right_and_one_answered_wrong(tmp_path):
    app = make_app("backprop", home=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")  # step 2: forward, with a quiz before forward 2
        await pilot.press("f", "f", "f")
        await pilot.pause()
        quiz_screen = app.screen
        assert isinstance(quiz_screen, QuizScreen)
        assert "What is its sigmoid?" in screen_text(app)
        await pilot.press("h")
        assert "Hint: sigmoid(1.1059)" in screen_text(app)
        await pilot.press(*"0.7514", "enter")
        assert quiz_screen.result.correct
        assert "Right" in screen_text(app) and "the network gives 0.751365" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        lesson_screen = app.screen
        assert isinstance(lesson_screen, LessonScreen)
        cycle = lesson_screen.session.cycle
        assert str(cycle.last_phase) == "forward 2"  # the reveal phase ran after the answer
        assert app.store.lesson("backprop").quizzes["out-o1"].correct

        await pilot.press("right_square_bracket", "f")  # step 3: a quiz before the loss
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        quiz_screen = app.screen
        await pilot.press(*"0.5", "enter")
        # One wrong answer: the hint, one more try, and the answer not given away yet.
        assert quiz_screen.result is None
        text = screen_text(app)
        assert "Not yet" in text and "Hint: The two halves" in text and "0.298" not in text
        progress = app.store.lesson("backprop").quizzes["total-error"]
        assert progress.attempts == 1 and not progress.correct  # saved as it was given
        await pilot.press(*"0.4", "enter")
        assert not quiz_screen.result.correct
        assert "Not quite" in screen_text(app) and "0.298371" in screen_text(app)
        assert app.store.lesson("backprop").quizzes["total-error"].attempts == 2  # before the feedback closes
        await pilot.press("escape")
        await pilot.pause()
        assert cycle.state.loss == pytest.approx(LOSS_AFTER_FORWARD)


async def test_a_choice_quiz_by_number_key():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.session.open_at(3)  # "the last layer first": a choice quiz as the step opens
        app.screen.enter_step()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("2", "enter")
        assert app.screen.result.correct


async def test_train_runs_in_a_worker_and_any_key_stops_it():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        cycle = screen.session.cycle
        await pilot.press("t")
        assert screen.training
        await pilot.pause(0.5)
        assert "TRAINING" in screen_text(app)
        await pilot.press("x")
        for _ in range(50):
            if not screen.training:
                break
            await pilot.pause(0.05)
        assert not screen.training
        assert cycle.state.steps_done > 10
        assert cycle.state.loss is None and cycle.state.step_losses[-1] < LOSS_AFTER_FORWARD
        assert "training stopped" in screen_text(app)
        await pilot.press("backspace")  # the whole run is one step back
        assert cycle.state.steps_done == 0


def placed(screen) -> dict[str, object]:
    """Where the lesson screen's panels are: a key that only says something must not move them (a
    relayout redraws the charts and the network at their new size)."""
    return {name: screen.query_one(name).region for name in ("#status", "#main", "#network", "#detail", "#message")}


async def test_a_message_coming_and_going_moves_nothing():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        before = placed(screen)
        await pilot.press("enter")  # a whole pass: "ran sample, forward 1, ..." on the message row
        await pilot.pause()
        assert screen.message and screen.message in screen_text(app)
        assert placed(screen) == before
        await pilot.press("space")  # one phase: the message goes
        await pilot.pause()
        assert not screen.message and placed(screen) == before


async def test_a_diverged_network_says_so_and_reset_recovers():
    app = make_app(None, lessons_dir=None)
    from nntutor.curriculum.loader import load_lesson

    app.start_lesson = load_lesson(FIXTURES / "diverge.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        cycle = screen.session.cycle
        before = placed(screen)
        await pilot.press("t")
        for _ in range(100):
            if not screen.training:
                break
            await pilot.pause(0.05)
        assert cycle.diverged
        assert "diverged" in screen_text(app) and "Press r to reset" in screen_text(app)
        assert placed(screen) == before  # the warning lies over the main area: nothing moves
        # It covers the emptied numbers at the bottom, not the step's title and first line of text.
        assert "step 1/1: Train it" in screen_text(app)
        assert screen.session.step.text.splitlines()[0][:40] in screen_text(app)
        await pilot.press("space")  # nothing runs once diverged
        assert cycle.diverged
        await pilot.press("r")
        assert not cycle.diverged and cycle.state.steps_done == 0
        assert "Press r to reset" not in screen_text(app)


async def test_learning_rate_keys_walk_the_1_2_5_ladder():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cycle = app.screen.session.cycle
        await pilot.press("plus")
        assert cycle.state.lr == 1.0
        await pilot.press("minus", "minus")
        assert cycle.state.lr == 0.2
        assert "lr 0.2" in screen_text(app)


async def test_tiny_terminal_shows_a_notice_and_recovers():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.resize_terminal(50, 14)
        await pilot.pause()
        assert "too small" in screen_text(app)
        await pilot.press("space")  # keys still work, nothing breaks
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        assert "too small" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = screen_text(app)
        assert "too small" not in text and "next:" in text


async def test_tab_cycles_the_panels():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        views = []
        for _ in range(3):
            await pilot.press("tab")
            views.append(screen.view)
        assert views == ["lesson", "charts", "network"]


async def test_help_lists_every_key_from_the_bindings():
    app = make_app("backprop")
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("space / n", "⌫ / p", "N / ^y", "Train epochs", "Learning rate up", "Cycle the panels"):
            assert expected in text
        # A description too long for its line wraps under itself, not under the keys.
        lines = text.splitlines()
        (row,) = [i for i, line in enumerate(lines) if "Step back: undo" in line]
        column = lines[row].index("Step back")
        follow = lines[row + 1]
        assert follow[:column].strip("│ ") == "" and follow[column] != " "
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


async def test_the_palette_runs_a_lesson_action():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"finish the pass")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert screen.session.cycle.state.steps_done == 1


async def test_escape_goes_to_the_list_and_the_list_resumes(tmp_path):
    app = make_app("backprop", home=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await next_step(pilot, app)
        await next_step(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        assert "step 3 of" in screen_text(app)
    # a new session resumes at step 3
    app = make_app(None, home=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.session.index == 2
        assert str(app.screen.session.cycle.last_phase) == "forward 2"


async def test_the_list_shows_broken_lessons_with_their_message(tmp_path):
    import shutil

    from nntutor.curriculum.loader import shipped_lessons_dir

    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(shipped_lessons_dir() / "01-neuron.toml", folder)
    shutil.copy(FIXTURES.parent.parent / "fixtures" / "lessons" / "bad-activation.toml", folder)
    app = make_app(None, home=tmp_path / "home", lessons_dir=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        text = screen_text(app)
        assert "The neuron" in text and "not started" in text
        assert "broken" in text and "bad-activation.toml" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, (LessonScreen, QuizScreen))  # the neuron lesson opens with a quiz


async def test_the_first_step_is_entered_when_the_lesson_opens():
    """Opening a lesson enters its first step at once: its chart shows and its opening quiz is asked."""
    from nntutor.ui.screens.quiz import QuizScreen

    app = make_app("surface")  # step 1 shows the surface chart and opens with a quiz
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        lesson_screen = app.screen_stack[-2]
        assert lesson_screen.view == "charts" and lesson_screen.query_one("#main").has_class("-view-charts")
