"""Words that give a quiz away without writing its answer.

The leak walk (test_quiz_leaks.py) looks for the answer itself on screen: the
number in every form the panels write it, or the right choice's own words. A
paraphrase slips past it: a step titled "The loss grows" over a quiz asking
which way the loss goes, "Interleaved regions" over "what will the regions
look like?", a text that says "Backpropagation starts at the output" over
"which layer first?". These checks read what is on screen while a quiz is
open (the step's title and text, and the question) and what the learner has
just read (the step before and its quizzes' explanations) for such words.
"""

import re

import pytest

from nntutor.curriculum.loader import load_lessons

LESSONS = {lesson.id: lesson for lesson in load_lessons()[0]}

# Words that name a direction: a step asking which way something goes must not have one in its title.
DIRECTION_WORDS = re.compile(
    r"\b(up|down|upwards?|downwards?|grows?|growing|rises?|rising|falls?|falling|climbs?|climbing|"
    r"shrinks?|drops?|higher|lower|increases?|decreases?|bigger|smaller)\b",
    re.I,
)

# Paraphrases that once gave a quiz's answer away (found walking the lessons as a learner): none may
# come back where the quiz is asked.
TELLTALES = {
    ("learning-rate", "big-loss-way"): [r"\bgrows?\b", r"\bclimbs?\b", r"\brises\b"],
    ("backprop", "which-first"): [r"starts at the output", r"last layer first", r"deltas? of y1 and y2"],
    ("classification", "xor-regions"): [r"interleav", r"quarters", r"alternat"],
    ("classification", "border-class"): [r"\blargest\b", r"small its lead"],
    ("one-weight", "same-weights"): [r"other weights", r"different (numbers|weights)"],
    ("loss", "guess-a"): [r"guess is just the bias"],
    ("batches", "why-stuck"): [r"every slope is 0", r"gradient (there )?is zero"],
    ("normalization", "units"): [r"far out", r"\bflat\b"],
    ("playground-spiral", "two-edges-test"): [r"half of the points", r"no better than guessing", r"not enough"],
}


def asked_with(lesson_id: str, quiz_id: str) -> str:
    """The words on screen while the quiz is open (the step's title and text, the question) and those
    just read (the step before, its quizzes' explanations), with line breaks as spaces."""
    steps = LESSONS[lesson_id].steps
    for i, step in enumerate(steps):
        for quiz in step.quizzes:
            if quiz.id == quiz_id:
                before = [steps[i - 1].text] + [q.explanation for q in steps[i - 1].quizzes] if i else []
                return " ".join([*before, step.title, step.text, quiz.question]).replace("\n", " ")
    raise LookupError(f"{lesson_id} has no quiz {quiz_id}")


@pytest.mark.parametrize("lesson_id, quiz_id", TELLTALES, ids=lambda v: str(v))
def test_no_paraphrase_of_the_answer_is_on_screen(lesson_id, quiz_id):
    words = asked_with(lesson_id, quiz_id)
    found = [pattern for pattern in TELLTALES[(lesson_id, quiz_id)] if re.search(pattern, words, re.I)]
    assert not found, f"{lesson_id} quiz {quiz_id}: {found} on screen when it is asked"


def test_no_direction_quiz_step_names_a_direction_in_its_title():
    named = [
        f"{lesson.id} step {i} {step.title!r} ({quiz.id})"
        for lesson in LESSONS.values()
        for i, step in enumerate(lesson.steps, 1)
        for quiz in step.quizzes
        if quiz.kind == "direction" and DIRECTION_WORDS.search(step.title)
    ]
    assert not named, "\n".join(named)
