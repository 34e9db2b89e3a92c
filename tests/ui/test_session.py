"""LessonSession: the lesson's steps against the cycle, without a screen."""

import pytest

from nntutor.curriculum.loader import find_lesson
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.session import LessonSession


@pytest.fixture
def session(tmp_path):
    return LessonSession(find_lesson("backprop"), ProgressStore(tmp_path))


def test_next_step_finishes_what_the_step_asks(session):
    session.open_at(0)
    assert session.next_step()  # step 2: cycle until forward 2
    assert not session.action_done
    assert session.next_step()
    assert str(session.cycle.last_phase) == "forward 2"
    assert session.store.lesson("backprop").step == 2


def test_open_at_replays_the_lesson_to_that_step(session):
    session.open_at(3)
    assert session.index == 3
    assert session.cycle.state.loss == pytest.approx(0.298371109)
    assert not session.cycle.can_undo or session.cycle.state.position == 1 + 2 + 1


def test_quizzes_are_due_before_their_reveal_phase_once(session):
    session.open_at(1)
    due = session.quizzes_due("forward 2")
    assert [q.id for q in due] == ["out-o1"]
    session.record_answer(due[0], True)
    assert session.quizzes_due("forward 2") == []
    assert session.store.lesson("backprop").quizzes["out-o1"].correct


def test_the_last_step_completes_the_lesson(session):
    session.open_at(session.n_steps - 1)
    assert not session.next_step()
    assert session.store.lesson("backprop").completed
