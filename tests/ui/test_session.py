"""LessonSession: the lesson's steps against the cycle, without a screen."""

import numpy as np
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
    assert session.store.lesson("backprop").quizzes["out-o1"].correct  # saved as it was given
    assert [q.id for q in session.quizzes_due("forward 2")] == ["out-o1"]  # still on screen: not closed yet
    session.quiz_closed(due[0])
    assert session.quizzes_due("forward 2") == []


def test_the_last_step_completes_the_lesson(session):
    session.open_at(session.n_steps - 1)
    assert not session.next_step()
    assert session.store.lesson("backprop").completed


def test_a_new_run_keeps_the_run_it_ends_and_the_replay_keeps_the_same(tmp_path):
    session = LessonSession(find_lesson("learning-rate"), ProgressStore(tmp_path))
    session.open_at(5)  # "Jumping across": its set step starts lr 1.5 as it opens
    assert [run.label for run in session.runs] == ["lr 0.05"] and session.run_label == "lr 0.5"
    session.apply_entry_action()
    assert [run.label for run in session.runs] == ["lr 0.05", "lr 0.5"]
    assert session.run_label == "lr 1.5"
    assert [len(run.state.step_losses) for run in session.runs] == [21, 21]
    first = session.runs[0].state.step_losses
    session.next_step()
    session.next_step()
    assert [run.label for run in session.runs] == ["lr 0.05", "lr 0.5"]
    session.previous_step()  # a replay from the start
    assert [run.label for run in session.runs] == ["lr 0.05", "lr 0.5"]
    assert session.runs[0].state.step_losses == first
    session.open_at(3)
    assert [run.label for run in session.runs] == [] and session.run_label == "lr 0.05"


def test_only_the_latest_runs_are_kept(tmp_path):
    from nntutor.ui.runs import MAX_RUNS

    session = LessonSession(find_lesson("learning-rate"), ProgressStore(tmp_path))
    step = next(s for s in session.lesson.steps if s.action.starts_run)
    for _ in range(MAX_RUNS + 3):
        session.cycle.train(2)
        session._perform(step)
    assert len(session.runs) == MAX_RUNS


def test_a_kept_run_holds_its_losses_and_path_not_its_last_training(tmp_path):
    session = LessonSession(find_lesson("learning-rate"), ProgressStore(tmp_path))
    step = next(s for s in session.lesson.steps if s.action.starts_run)
    session.cycle.train(300)
    trained = session.cycle.state
    assert len(trained.trained_path) > 100
    session._perform(step)
    run = session.runs[-1]
    assert run.state.step_losses == trained.step_losses and run.state.epoch_log == trained.epoch_log
    assert run.state.rates_used() == trained.rates_used()
    assert run.networks[-1] is trained.network  # the surface chart's path still ends where the run did
    assert run.state.trained_path == ()  # its up to 800 networks are not kept a second time


def test_a_nudge_is_applied_as_its_step_opens(tmp_path):
    session = LessonSession(find_lesson("one-weight"), ProgressStore(tmp_path))
    session.open_at(2)
    before = float(session.cycle.network.W[1][4, 0])
    session.apply_entry_action()
    assert float(session.cycle.network.W[1][4, 0]) == pytest.approx(before + 0.5)
    assert session.runs == ()  # a nudge is no new run


def test_t_on_a_finished_train_step_trains_its_epochs_again_not_forever(session):
    train_at = next(i for i, step in enumerate(session.lesson.steps) if step.action.do == "train")
    epochs = session.lesson.steps[train_at].action.epochs
    session.open_at(train_at)
    assert session.train_epochs() == epochs
    session.finish_step()
    assert session.action_done and session.train_epochs() == epochs
    assert f"t trains {epochs} more" in session.todo()


def test_a_lesson_without_a_surface_chart_keeps_no_descent_path(tmp_path):
    """overfitting shows no loss surface, the one chart that draws the way the weights went: its trainings
    and kept runs keep no networks along the way (a 1-16-16-1 network's path held ~3 MB a trained state)."""
    session = LessonSession(find_lesson("overfitting"), ProgressStore(tmp_path))
    assert not any(step.show == "surface" for step in session.lesson.steps)
    session.cycle.train(300)
    trained = session.cycle.state
    assert trained.trained_path == () and len(trained.step_losses) > 100
    step = next(s for s in session.lesson.steps if s.action.starts_run)
    session._perform(step)
    assert session.runs[-1].networks == () and session.runs[-1].state.step_losses == trained.step_losses
    session.cycle.train(300)  # the new run too
    assert session.cycle.state.trained_path == ()


def test_resuming_replays_the_very_numbers_the_learner_trained(tmp_path):
    """A learner trains overfitting's steps in chunks (as the screen's worker does, test losses and all) and
    leaves; resuming replays the steps in one call each: the same network, losses and epochs, bit for bit."""
    learner = LessonSession(find_lesson("overfitting"), ProgressStore(tmp_path))
    learner.open_at(0)
    while learner.index < 4:
        epochs = learner.train_epochs()
        if epochs:
            cycle, done = learner.cycle, 0
            state = cycle.state
            while done < epochs:
                state, records = cycle.train_from(state, min(epochs - done, 97))
                done += len(records)
            cycle.adopt(state)
            learner.trained()
        learner.next_step()
    resumed = LessonSession(find_lesson("overfitting"), ProgressStore(tmp_path))
    resumed.open_at(4)
    mine, replayed = learner.cycle.state, resumed.cycle.state
    assert replayed.epoch == mine.epoch == 901 and replayed.epoch_log[-1].test_loss is not None
    for u, v in zip(mine.network.W + mine.network.b, replayed.network.W + replayed.network.b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert replayed.step_losses == mine.step_losses and replayed.epoch_log == mine.epoch_log
