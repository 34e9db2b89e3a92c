"""The status line names every loss it shows and keeps what matters at 80 columns."""

import re

import pytest

from nntutor.curriculum.loader import find_lesson, load_lessons
from nntutor.ui.session import LessonSession
from nntutor.ui.widgets.status import status_text

LOSS_NAMES = ("sample loss", "batch loss", "training-set loss", "train loss", "test", "loss -", "loss ")


def at_step(lesson_id: str, step: int, finish: bool = True) -> LessonSession:
    session = LessonSession(find_lesson(lesson_id))
    session.open_at(step - 1)
    if finish:
        session.finish_step()
    return session


def test_after_training_the_epoch_mean_leads_and_the_last_minibatch_is_named():
    session = at_step("batches", 6)  # "Noisy steps": 100 epochs of one-sample steps
    state = session.cycle.state
    wide = status_text(session.cycle, session.index, session.n_steps, width=200)
    assert f"train loss {state.epoch_log[-1].train_loss:.4g} (epoch mean)" in wide
    assert f"last sample loss {state.step_losses[-1]:.4g}" in wide
    assert wide.index("train loss") < wide.index("last sample loss")
    narrow = status_text(session.cycle, session.index, session.n_steps, width=78)
    assert f"train loss {state.epoch_log[-1].train_loss:.4g}" in narrow
    assert "last sample loss" not in narrow  # dropped before anything else


def test_a_pass_under_way_names_its_loss_by_what_it_averages():
    for lesson_id, step, name in [
        ("batches", 6, "sample loss"),
        ("batches", 9, "batch loss"),
        ("surface", 6, "training-set loss"),
    ]:
        session = at_step(lesson_id, step)
        session.cycle.run_until("loss")
        text = status_text(session.cycle, session.index, session.n_steps, width=78)
        assert re.search(rf"{name} [-\d.e]+", text), (lesson_id, text)


@pytest.mark.parametrize("lesson", load_lessons()[0], ids=lambda lesson: lesson.id)
def test_every_step_fits_80_columns_with_the_batch_mode_and_a_named_loss(lesson):
    session = LessonSession(lesson)
    while True:
        session.apply_entry_action()
        session.finish_step()
        for extra in ("", "TRAINING 4999 epochs"):
            text = status_text(session.cycle, session.index, session.n_steps, extra, width=78)
            assert len(text) <= 78 and not text.endswith("…"), text
            assert "DIVERGED" in text or any(n in text for n in LOSS_NAMES), text
            assert re.search(r"full batch|stochastic|batches of \d+", text), text
        if not session.next_step():
            break


def test_a_weight_set_by_hand_hides_the_losses_measured_on_other_weights():
    lesson = find_lesson("derivative")
    step = 1 + [s.title for s in lesson.steps].index("From above")  # b set by hand to 600
    session = at_step("derivative", step - 1)
    session.cycle.train(3)  # epochs measured on the old weights
    assert "train loss" in status_text(session.cycle, session.index, session.n_steps, width=200)
    session.next_step()
    session.apply_entry_action()
    assert float(session.cycle.network.b[0][0]) == 600
    text = status_text(session.cycle, session.index, session.n_steps, width=200)
    assert "train loss" not in text and "set by hand" in text
    session.cycle.run_until("loss")  # a pass on the new weights: its loss, (600 - 500)^2
    text = status_text(session.cycle, session.index, session.n_steps, width=200)
    assert re.search(r"\bloss 1e\+04\b|\bloss 10000\b", text), text


def test_after_an_update_the_pass_loss_says_it_was_before_the_update():
    session = at_step("surface", 4)  # "Descend against it": a whole pass up to the update
    assert str(session.cycle.last_phase) == "update"
    text = status_text(session.cycle, session.index, session.n_steps, width=200)
    assert f"{session.cycle.state.loss:.4g}  (before the update)" in text


def mode_and_counter(text: str) -> tuple[str | None, str | None]:
    """The batch mode (in its short words) and the batch counter a status line shows."""
    mode = re.search(r"full batch|stochastic|batches of \d+", text)
    counter = re.search(r"\bbatch (\d+/\d+)", text)
    return (mode.group(0) if mode else None), (counter.group(1) if counter else None)


def test_the_batch_counter_names_the_sample_on_screen_at_every_width():
    session = at_step("forward", 1, finish=False)  # two photos, one a step
    cycle = session.cycle
    seen = []
    for _ in range(2):
        cycle.run_until("sample")
        seen.append(cycle.state)
        cycle.finish_pass()
        seen.append(cycle.state)
    counters = []
    for state in seen:
        cycle.adopt(state)
        texts = [status_text(cycle, session.index, session.n_steps, width=w) for w in (200, 78, 58)]
        shown = {mode_and_counter(t) for t in texts}
        assert {mode for mode, _ in shown} <= {"stochastic", None} and "stochastic" in texts[1], texts
        counters.append({c for _, c in shown} - {None})
    # the dog, the dog just used, the cat, the cat just used (its update closed epoch 1)
    assert counters[:2] == [{"1/2"}, {"1/2"}] and counters[2:] == [{"2/2"}, {"2/2"}], counters
    assert "epoch 1 batch 2/2" in status_text(cycle, session.index, session.n_steps, width=200)


def test_a_full_batch_shows_no_counter_and_the_same_words_at_every_width():
    session = at_step("batches", 2)  # full batch over the training set, trained
    cycle = session.cycle
    n = cycle.schedule.n_samples
    for _ in range(2):
        texts = [status_text(cycle, session.index, session.n_steps, width=w) for w in (200, 78, 58, 40)]
        assert f"full batch ({n})" in texts[0]
        assert {mode_and_counter(t) for t in texts} <= {("full batch", None), (None, None)}, texts
        cycle.run_until("loss")
