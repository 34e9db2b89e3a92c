"""No quiz of a shipped lesson can be answered by reading the screen when it is asked."""

import re

import pytest
from leak_walk import GIVENS, NARROW, WIDE, walk

from nntutor.curriculum.loader import load_lessons

LESSONS = {lesson.id: lesson for lesson in load_lessons()[0]}


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_no_quiz_answer_is_on_screen_when_asked(lesson_id, size, monkeypatch):
    leaks, asked = await walk(lesson_id, size, monkeypatch)
    n_quizzes = sum(len(step.quizzes) for step in LESSONS[lesson_id].steps)
    assert asked == n_quizzes, "the walk must reach every quiz"
    assert not leaks, "\n".join(map(str, leaks))


def test_every_given_names_a_quiz_that_exists():
    ids = {(lesson.id, quiz.id) for lesson in LESSONS.values() for step in lesson.steps for quiz in step.quizzes}
    assert set(GIVENS) <= ids


GIVEAWAY = re.compile(r"\((right|wrong|correct|incorrect|true|false)\)|\b(correct|incorrect)\b", re.I)


def test_no_choice_says_whether_it_is_right():
    marked = [
        (lesson.id, quiz.id, choice)
        for lesson in LESSONS.values()
        for step in lesson.steps
        for quiz in step.quizzes
        for choice in quiz.choices
        if GIVEAWAY.search(choice)
    ]
    assert not marked
