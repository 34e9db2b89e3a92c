"""Quiz checking as a learner meets it: lenient input, tolerances, live answers."""

from pathlib import Path

import pytest

from nntutor.curriculum import Quiz, load_lesson, parse_path
from nntutor.curriculum.quiz import parse_choice, parse_direction, parse_number

SHIPPED = Path(__file__).resolve().parents[2] / "lessons"


@pytest.mark.parametrize(
    "typed, value",
    [
        ("22,500", 22500.0),
        (" -300 ", -300.0),
        ("+200", 200.0),
        ("1e-3", 0.001),
        ("\u2212300", -300.0),
        ("0.5", 0.5),
        ("1 000", 1000.0),
        (7, 7.0),
    ],
)
def test_numbers_are_read_leniently(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["", "abc", "1.2.3", "nan", "inf", True])
def test_non_numbers_are_not_guessed(typed):
    assert parse_number(typed) is None


@pytest.mark.parametrize(
    "typed, direction",
    [
        ("u", "up"),
        ("UP", "up"),
        (" d ", "down"),
        ("down", "down"),
        ("n", "no change"),
        ("No  change", "no change"),
        ("same", "no change"),
        ("sideways", None),
    ],
)
def test_directions(typed, direction):
    assert parse_direction(typed) == direction


def test_choices_by_widget_index_typed_number_letter_or_text():
    choices = ("a weight", "the bias", "an input")
    assert parse_choice(1, choices) == "the bias"  # 0-based index from a widget
    assert parse_choice("2", choices) == "the bias"  # typed: counts from 1 as shown
    assert parse_choice("B", choices) == "the bias"
    assert parse_choice("  The   Bias ", choices) == "the bias"
    assert parse_choice("4", choices) is None and parse_choice(7, choices) is None


def test_number_quiz_absolute_tolerance():
    quiz = Quiz("q", "number", "?", answer=22500.0, tolerance=0.5)
    assert quiz.check("22,500").correct
    assert quiz.check("22500.4").correct
    assert not quiz.check("22501").correct
    wrong = quiz.check("22000")
    assert (wrong.correct, wrong.expected, wrong.given) == (False, 22500.0, 22000.0)


def test_number_quiz_relative_and_default_tolerance():
    rel = Quiz("q", "number", "?", answer=0.5933, relative_tolerance=0.001)
    assert rel.check("0.5935").correct and not rel.check("0.594").correct
    default = Quiz("q", "number", "?", answer=-300.0)  # 1 % unless the file says otherwise
    assert default.check("-297").correct and not default.check("-296").correct and not default.check("300").correct


def test_unreadable_answer_says_what_was_expected():
    result = Quiz("q", "number", "?", answer=1.0).check("twelve")
    assert not result.correct and result.given is None
    assert result.message == "could not read 'twelve'; expected a number, like 22500 or -0.25"


def test_choice_and_fixed_direction_quizzes():
    choice = Quiz("q", "choice", "?", answer="the bias", choices=("a weight", "the bias"), explanation="why")
    assert choice.check("b").correct and not choice.check(0).correct
    assert choice.check("b").explanation == "why"
    direction = Quiz("q", "direction", "?", answer="up")
    assert direction.check("u").correct and not direction.check("no change").correct


def test_live_answers_are_read_after_their_reveal_phase_without_advancing_the_cycle():
    lesson = load_lesson(SHIPPED / "07-backprop.toml")
    cycle = lesson.build_cycle()
    cycle.run_until("forward 2")
    loss = Quiz("q", "number", "?", path=parse_path("loss"), reveal="loss", tolerance=0.0005)
    assert cycle.state.loss is None  # not revealed yet
    assert loss.expected(cycle) == pytest.approx(0.298371109, abs=1e-9)
    assert str(cycle.next_phase) == "loss" and cycle.state.loss is None  # asking changed nothing
    assert loss.check("0.2984", cycle).correct and not loss.check("0.30", cycle).correct

    gradient = Quiz("q", "number", "?", path=parse_path("dW[1][0,0]"), reveal="backward 1", relative_tolerance=0.01)
    assert gradient.expected(cycle) == pytest.approx(0.000438568, rel=1e-6)
    assert str(cycle.next_phase) == "loss"


def test_a_live_answer_follows_the_learner_who_changed_the_learning_rate():
    cycle = load_lesson(SHIPPED / "07-backprop.toml").build_cycle()
    cycle.run_until("backward 1")
    new_weight = Quiz(
        "q", "number", "?", answer=0.35891648, path=parse_path("W[2][0,0]"), reveal="update", tolerance=0.0005
    )
    assert new_weight.check("0.3589", cycle).correct
    cycle.set_lr(0.1)  # the learner pressed "-": the fixed answer no longer holds
    assert new_weight.expected(cycle) == pytest.approx(0.40 - 0.1 * 0.082167041, abs=1e-8)
    assert not new_weight.check("0.3589", cycle).correct


def test_direction_compares_before_and_after_the_reveal():
    cycle = load_lesson(SHIPPED / "03-loss.toml").build_cycle()
    cycle.run_until("backward 1")
    bias = Quiz("q", "direction", "?", path=parse_path("b[1][0]"), reveal="update")
    weight = Quiz("q", "direction", "?", path=parse_path("W[1][0,0]"), reveal="update")
    assert bias.expected(cycle) == "up"  # 350 -> 500
    assert weight.expected(cycle) == "no change"  # x = 0 for photo A
    assert weight.check("n", cycle).correct
    assert cycle.network.b[0][0] == 350.0


def test_a_train_reveal_trains_a_copy_not_the_learners_cycle():
    cycle = load_lesson(SHIPPED / "01-neuron.toml").build_cycle()
    quiz = Quiz("q", "direction", "?", path=parse_path("b[1][0]"), reveal="train", train_epochs=50)
    assert quiz.expected(cycle) == "down"
    assert cycle.state.epoch == 1 and cycle.network.b[0][0] == 0.35 and not cycle.can_undo
