"""Numbers the lessons' texts quote about their own networks agree with the engine.

Each entry names a lesson, the step (1-based) whose text or quiz explanation
quotes the number, what it is (a quantity path, read when the step's work is
done), and the number exactly as the text writes it. The test finds the quote
in that step (so a text edit that drops it shows up here) and checks that the
engine's value rounds to it at the digits the text gives (one unit of slack
in the last digit: "near 0.094").
"""

import numpy as np
import pytest

from nntutor.curriculum.loader import find_lesson
from nntutor.curriculum.paths import parse_path
from nntutor.engine.accuracy import accuracy
from nntutor.ui.session import LessonSession

QUOTES = [
    # lesson, step, quantity, as written
    ("overfitting", 3, "test_loss", "0.094"),
    ("overfitting", 4, "train_loss", "0.024"),
    ("overfitting", 4, "test_loss", "0.094"),
    ("overfitting", 5, "train_loss", "0.014"),
    ("overfitting", 5, "test_loss", "0.36"),
    ("overfitting", 6, "test_loss", "0.76"),
    ("overfitting", 6, "train_loss", "0.007"),
    ("overfitting", 11, "test_loss", "0.094"),
    ("overfitting", 11, "train_loss", "0.115"),
    ("one-weight", 2, "train_loss", "0.0078"),
    ("one-weight", 7, "train_loss", "0.0073"),
    ("backprop", 3, "loss", "0.2984"),
    ("backprop", 7, "train_loss", "0.00027"),
    ("batches", 2, "train_loss", "0.531"),
    ("learning-rate", 11, "train_loss", "92"),
    ("representation", 10, "train_loss", "0.016"),
    ("representation", 12, "train_loss", "0.037"),
    ("forward", 7, "output[0,0]", "0.517"),
    ("playground-spiral", 2, "train_loss", "0.61"),
]


def values_after_steps(lesson_id: str, wanted: set[tuple[int, str]]) -> dict[tuple[int, str], float]:
    """One walk through the lesson: each wanted (step, quantity) read when that step's work is done."""
    session = LessonSession(find_lesson(lesson_id))
    out = {}
    while True:
        session.apply_entry_action()
        session.finish_step()
        for step, quantity in wanted:
            if step == session.index + 1:
                out[(step, quantity)] = float(parse_path(quantity).read(session.cycle.state))
        if len(out) == len(wanted) or not session.next_step():
            return out


def step_words(lesson_id: str, step: int) -> str:
    s = find_lesson(lesson_id).steps[step - 1]
    return " ".join([s.text] + [q.explanation for q in s.quizzes] + [q.question for q in s.quizzes])


@pytest.mark.parametrize("lesson_id", sorted({quote[0] for quote in QUOTES}))
def test_the_numbers_a_lesson_quotes_are_what_the_engine_gives(lesson_id):
    quotes = [q for q in QUOTES if q[0] == lesson_id]
    values = values_after_steps(lesson_id, {(step, quantity) for _, step, quantity, _ in quotes})
    wrong = []
    for _, step, quantity, quoted in quotes:
        assert quoted in step_words(lesson_id, step), f"step {step} of {lesson_id} no longer quotes {quoted}"
        digits = len(quoted.split(".")[1]) if "." in quoted else 0
        value = values[(step, quantity)]
        if abs(value - float(quoted)) > 0.5 * 10.0**-digits + 1e-12:  # the quote is the value rounded
            wrong.append(f"step {step}: {quantity} is {value:.6g}, the text says {quoted}")
    assert not wrong, "\n".join(wrong)


def session_after(lesson_id: str, step: int) -> LessonSession:
    """The lesson walked up to `step` (1-based), that step's work done."""
    session = LessonSession(find_lesson(lesson_id))
    while True:
        session.apply_entry_action()
        session.finish_step()
        if session.index + 1 == step:
            return session
        assert session.next_step(), f"{lesson_id} has no step {step}"


def test_forward_quotes_the_cats_output_before_the_dogs_update():
    assert "0.468" in step_words("forward", 7)
    start = LessonSession(find_lesson("forward")).cycle.state.network
    cat = np.array([[0.0, 1.0]])
    assert round(float(start.predict(cat)[0, 0]), 3) == 0.468


def test_normalization_quotes_the_range_of_its_starting_weights():
    words = step_words("normalization", 1)
    assert "between about 0.1 and 1.3" in words
    sizes = np.abs(LessonSession(find_lesson("normalization")).cycle.state.network.W[0])
    assert (round(float(sizes.min()), 1), round(float(sizes.max()), 1)) == (0.1, 1.3)


def test_playground_spiral_quotes_its_test_accuracy_before_and_after_training():
    words = step_words("playground-spiral", 2)
    assert "50 %" in words and "57.5 %" in words
    before = LessonSession(find_lesson("playground-spiral")).cycle
    assert accuracy(before.state.network, before.data).test == pytest.approx(0.575)
    after = session_after("playground-spiral", 2).cycle
    assert accuracy(after.state.network, after.data).test == pytest.approx(0.50)
