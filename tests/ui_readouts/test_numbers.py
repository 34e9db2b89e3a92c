"""Numbers as people write them: whole numbers in full, rounding residues as ≈0, updates that show."""

import numpy as np

from nntutor.curriculum.loader import find_lesson
from nntutor.engine.rounding import layer_residues
from nntutor.ui.format import ROUNDING_ZERO, cell, loss_name, num
from nntutor.ui.session import LessonSession
from nntutor.ui.widgets.detail import detail_lines


def walk_to(lesson_id: str, step: int, phase: str) -> LessonSession:
    session = LessonSession(find_lesson(lesson_id))
    session.open_at(step - 1)
    session.apply_entry_action()
    session.cycle.run_until(phase)
    return session


def test_whole_numbers_below_a_million_are_written_in_full_in_the_panel():
    assert cell(22500.0).strip() == "22500"
    assert cell(-30000.0).strip() == "-30000"
    assert cell(10000.0).strip() == "10000"
    assert len(cell(999999.0)) == 7
    assert "e" in cell(2.5e6)  # beyond the cell's width, e-notation stays


def test_a_cancelled_bias_gradient_shows_as_rounding_zero_in_the_panel_and_the_detail():
    # learning-rate step 2: the bowl's two samples pull the bias opposite ways; numpy leaves 1.9e-16.
    session = walk_to("learning-rate", 2, "backward 1")
    state = session.cycle.state
    assert 0 < abs(state.db[0][0]) < 1e-15
    assert layer_residues(state)[0].db[0]
    assert cell(float(state.db[0][0]), residue=True).strip() == ROUNDING_ZERO
    title, lines = detail_lines(session.cycle, state, ("n", 1, 0), 0, None)
    db_line = next(line for _, line in lines if line.startswith("db ="))
    assert db_line.endswith(f"= {ROUNDING_ZERO} (rounding: {num(float(state.db[0][0]), 2)}; the true value is 0)")
    assert not layer_residues(state)[0].dW.any()  # the weights' gradients are real


def test_a_vanishing_gradient_stays_visible():
    # normalization step 2: raw inputs saturate the hidden sigmoids; deltas of 1e-15 are the lesson.
    session = walk_to("normalization", 2, "backward 1")
    state = session.cycle.state
    tiny = (np.abs(state.delta[0]) < 1e-12) & (state.delta[0] != 0)
    assert tiny.any()
    assert not layer_residues(state)[0].delta[tiny].any()
    s, j = map(int, np.argwhere(tiny)[0])
    _, lines = detail_lines(session.cycle, state, ("n", 1, j), s, None)
    delta_line = next(line for _, line in lines if line.startswith("delta ="))
    assert ROUNDING_ZERO not in delta_line and "e-1" in delta_line


def test_an_applied_update_shows_enough_digits_to_see_the_change():
    session = LessonSession(find_lesson("backprop"))
    session.cycle.set_lr(0.1)
    session.cycle.run_until("update")
    cycle = session.cycle
    after_value = float(cycle.network.W[0][0, 0])
    assert num(0.15) == num(after_value)  # four digits would hide this update
    _, lines = detail_lines(cycle, cycle.state, ("w", 1, 0, 0), 0, cycle.previous_state)
    update = next(line for _, line in lines if "(applied)" in line)  # "W = 0.15 - 0.1*g = 0.14996   (applied)"
    before, after = update.split(" - ")[0].removeprefix("W = "), update.split("= ")[-1].split()[0]
    assert before != after
    assert abs(float(after) - after_value) < abs(0.15 - after_value) / 2


def test_a_pending_update_and_an_unrun_loss_leave_their_results_to_their_phase():
    session = walk_to("backprop", 1, "backward 1")
    cycle = session.cycle
    _, lines = detail_lines(cycle, cycle.state, ("w", 2, 0, 0), 0, None)
    assert any(line.endswith("= ?   (the update computes it)") for _, line in lines)
    fresh = walk_to("backprop", 1, "forward 2")
    _, lines = detail_lines(fresh.cycle, fresh.cycle.state, ("loss",), 0, None)
    assert lines[-1][1].endswith("= ?   (the loss phase computes it)")


def test_the_output_gradient_of_a_batch_says_where_its_divisor_comes_from():
    # softmax step 3: two photos; dL/da = -t / a / 2 left the learner guessing at the 2.
    session = walk_to("softmax", 3, "loss")
    cycle = session.cycle
    _, lines = detail_lines(cycle, cycle.state, ("n", 1, 0), 0, None)
    line = next(line for _, line in lines if line.startswith("dL/da ="))
    assert "-1 / 0.7503 / 2 = -0.6664" in line
    assert "(/ 2: a mean over 2 samples)" in line


def test_losses_are_named_as_people_write_them():
    assert loss_name("cross_entropy") == "cross-entropy"
    assert loss_name("binary_cross_entropy") == "binary cross-entropy"
    assert loss_name("squared_error") == "squared error"


async def network_panel_after(lesson_id: str, run, tmp_path, monkeypatch) -> str:
    """The 80x24 network view of `lesson_id` after `run(cycle)`, as text (the opening quiz skipped)."""
    from nntutor.ui.app import NNTutorApp
    from nntutor.ui.screens.lesson import LessonScreen

    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson(lesson_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, LessonScreen):
            await pilot.press("escape")
            await pilot.pause()
        screen = app.screen
        screen.view = "network"
        screen._apply_view()
        run(screen.session.cycle)
        screen.refresh_view()
        await pilot.pause()
        return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_network_panel_writes_a_cancelled_bias_gradient_as_rounding_zero(tmp_path, monkeypatch):
    text = await network_panel_after(
        "learning-rate", lambda cycle: cycle.run_until("backward 1"), tmp_path, monkeypatch
    )
    db_row = next(line for line in text.splitlines() if " db " in line)  # the bowl's db is 1.9e-16
    assert ROUNDING_ZERO in db_row and "e-16" not in text


def softmax_after_first_update() -> LessonSession:
    """softmax step 6: the first update; the mirror-image photos' pulls on each bias cancel."""
    session = walk_to("softmax", 6, "update")
    assert session.cycle.state.just_updated
    return session


def test_a_bias_moved_only_by_cancelling_pulls_shows_as_rounding_zero():
    session = softmax_after_first_update()
    cycle = session.cycle
    state = cycle.state
    b = state.network.b[0]
    assert 0 < abs(b[0]) < 1e-15  # numpy leaves -4.2e-17 where the true bias is 0
    assert layer_residues(state)[0].b.all()
    _, lines = detail_lines(cycle, state, ("n", 1, 0), 0, cycle.previous_state)
    update = next(line for _, line in lines if line.startswith("b = "))
    assert update.startswith(f"b = 0 - 1*{ROUNDING_ZERO} = {ROUNDING_ZERO}") and "e-17" not in update
    assert not layer_residues(state)[0].W.any()  # the weights moved for real
    # Trained on (13 epochs in one go, the fast path): still a residue, and the next pass's sums say so.
    session.cycle.train(13)
    session.cycle.run_until("forward 1")
    state = cycle.state
    assert 0 < abs(state.network.b[0][0]) < 1e-15 and layer_residues(state)[0].b.all()
    _, lines = detail_lines(cycle, state, ("n", 1, 0), 0, None)
    z_line = next(line for _, line in lines if line.startswith("z = "))
    assert z_line.split(" = ")[1].endswith(f"+ {ROUNDING_ZERO}") and "e-1" not in z_line


def test_a_bias_moved_by_a_vanishing_gradient_stays_visible():
    # One sigmoid saturated by a big weight: its delta is a product of tiny factors (about 1e-13), real,
    # and the bias it moves from 0 is as tiny and as real.
    from nntutor.engine import LearningCycle, Network
    from nntutor.engine.datasets import Dataset

    network = Network(([[30.0]], [[1.0]]), ([0.0], [0.0]), ("sigmoid", "linear"))
    data = Dataset.from_arrays([[1.0]], [[0.0]], task="regression")
    cycle = LearningCycle(network, data, "squared_error", 0.5, batch="full", seed=0)
    cycle.run_until("update")
    cycle.train(3)
    b = float(cycle.network.b[0][0])
    assert 0 < abs(b) < 1e-12
    assert not layer_residues(cycle.state)[0].b.any()
    assert cell(b, residue=bool(layer_residues(cycle.state)[0].b[0])).strip() != ROUNDING_ZERO


async def test_the_network_panel_writes_a_cancelled_bias_as_rounding_zero(tmp_path, monkeypatch):
    def first_update_then_train(cycle):
        cycle.run_until("update")
        cycle.train(13)

    text = await network_panel_after("softmax", first_update_then_train, tmp_path, monkeypatch)
    b_row = next(line for line in text.splitlines() if line.split()[2:4] == ["b", ROUNDING_ZERO])
    assert "e-1" not in text, b_row
