"""The learning cycle: phase order, separate compute and apply, exact undo and redo."""

import warnings

import numpy as np
import pytest

from nntutor.engine import Dataset, EngineError, LearningCycle, Network, make_dataset


def xor_cycle(batch="full", lr=0.5, seed=0, loss="binary_cross_entropy"):
    data = make_dataset("xor", samples=80, noise=0.05, seed=seed, test_fraction=0.25)
    net = Network.from_seed([2, 6, 1], ["tanh", "sigmoid"], seed=seed)
    return LearningCycle(net, data, loss, lr=lr, batch=batch, seed=seed)


def test_phases_come_in_the_taught_order():
    cycle = xor_cycle()
    names = [str(cycle.step().phase) for _ in range(8)]
    assert names == ["sample", "forward 1", "forward 2", "loss", "backward 2", "backward 1", "update", "sample"]


def test_backward_computes_gradients_without_applying_them():
    cycle = xor_cycle()
    before = cycle.network
    cycle.run_until("backward 1")
    assert cycle.state.dW[0] is not None and np.any(cycle.state.dW[0] != 0)
    for k in range(2):
        np.testing.assert_array_equal(cycle.network.W[k], before.W[k])
    record = cycle.step()
    assert str(record.phase) == "update"
    for k in range(2):
        np.testing.assert_array_equal(cycle.network.W[k], before.W[k] - 0.5 * cycle.previous_state.dW[k])


def states_equal(a, b):
    for name in ("x", "t", "loss"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    for name in ("z", "a", "delta", "dW", "db", "dL_da"):
        for u, v in zip(getattr(a, name), getattr(b, name), strict=True):
            assert (u is None) == (v is None)
            if u is not None:
                np.testing.assert_array_equal(u, v)
    for u, v in zip(a.network.W + a.network.b, b.network.W + b.network.b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert (a.epoch, a.steps_done, a.position, a.step_losses) == (b.epoch, b.steps_done, b.position, b.step_losses)


def test_undo_and_redo_restore_every_array_exactly():
    cycle = xor_cycle(batch=8)
    snapshots = [cycle.state]
    for _ in range(30):
        cycle.step()
        snapshots.append(cycle.state)
    after = cycle.state
    for expected in reversed(snapshots[:-1]):
        assert cycle.undo()
        states_equal(cycle.state, expected)
    assert not cycle.undo()
    for expected in snapshots[1:]:
        assert cycle.redo()
        states_equal(cycle.state, expected)
    states_equal(cycle.state, after)


def test_stepping_after_undo_recomputes_the_same_numbers():
    cycle = xor_cycle(batch=4)
    for _ in range(20):
        cycle.step()
    first = cycle.state
    for _ in range(20):
        cycle.undo()
    for _ in range(20):
        cycle.step()
    states_equal(cycle.state, first)
    assert not cycle.can_redo


def test_train_equals_stepping_phase_by_phase():
    bulk, stepped = xor_cycle(batch=16), xor_cycle(batch=16)
    log = bulk.train(3)
    while stepped.state.epoch <= 3:
        stepped.step()
    assert [r.epoch for r in log] == [1, 2, 3]
    assert bulk.state.epoch_log == stepped.state.epoch_log
    assert bulk.state.step_losses == stepped.state.step_losses
    for u, v in zip(bulk.network.W, stepped.network.W, strict=True):
        np.testing.assert_array_equal(u, v)


def test_train_is_one_step_of_history():
    cycle = xor_cycle()
    start = cycle.network.W[0]
    cycle.train(50)
    assert cycle.state.epoch == 51
    cycle.undo()
    np.testing.assert_array_equal(cycle.network.W[0], start)


def test_train_can_be_stopped_by_the_callback():
    cycle = xor_cycle()
    seen = []
    log = cycle.train(100, on_epoch=lambda record: seen.append(record) or len(seen) == 5)
    assert len(log) == 5 and cycle.state.epoch == 6


def test_same_seed_same_numbers_different_seed_different():
    a, b, c = xor_cycle(batch=4, seed=7), xor_cycle(batch=4, seed=7), xor_cycle(batch=4, seed=8)
    for cycle in (a, b, c):
        cycle.train(5)
    assert a.state.step_losses == b.state.step_losses
    assert a.state.step_losses != c.state.step_losses


def test_minibatches_cover_every_sample_once_per_epoch_in_a_shuffled_order():
    cycle = xor_cycle(batch=7)
    seen = []
    while cycle.state.epoch == 1:
        record = cycle.step()
        if record.phase.kind == "sample":
            seen.extend(record.values["indices"].tolist())
    assert sorted(seen) == list(range(60))
    assert seen != list(range(60))


def test_xor_is_learned():
    data = make_dataset("xor", samples=200, noise=0.0, seed=0, test_fraction=0.25)
    net = Network.from_seed([2, 6, 1], ["tanh", "sigmoid"], seed=0)
    cycle = LearningCycle(net, data, "binary_cross_entropy", lr=0.5, batch=8)
    log = cycle.train(300)
    assert log[-1].train_loss < 0.15 < 0.5 < log[0].train_loss
    predictions = cycle.network.predict(cycle.data.x_test) > 0.5
    assert np.mean(predictions == (cycle.data.y_test > 0.5)) >= 0.9


def test_a_huge_learning_rate_diverges_cleanly():
    data = make_dataset("crowd", samples=20, seed=0)
    cycle = LearningCycle(Network.from_seed([1, 1], ["linear"], 0), data, "squared_error", lr=1e5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cycle.train(500)
    assert cycle.diverged and "learning rate" in cycle.diverged
    assert cycle.step() is None  # nothing more runs until reset or undo
    cycle.reset()
    assert cycle.diverged is None and cycle.state.steps_done == 0


def test_preview_shows_the_next_value_without_moving():
    cycle = xor_cycle()
    ahead = cycle.preview("loss")
    assert cycle.state.position == 0 and cycle.state.loss is None
    cycle.run_until("loss")
    assert ahead.loss == cycle.state.loss


def test_learning_rate_changes_are_checked_and_undoable():
    cycle = xor_cycle()
    cycle.set_lr(2.0)
    assert cycle.state.lr == 2.0
    cycle.undo()
    assert cycle.state.lr == 0.5
    for bad in (0, -1, float("nan"), float("inf"), 1e9):
        with pytest.raises(EngineError):
            cycle.set_lr(bad)


def test_mismatched_data_and_network_are_refused():
    data = Dataset.from_arrays([[1.0, 2.0]], [[1.0]])
    with pytest.raises(EngineError, match="inputs"):
        LearningCycle(Network.from_seed([3, 1], ["linear"]), data, "squared_error", 0.1)
    with pytest.raises(EngineError, match="unknown loss"):
        LearningCycle(Network.from_seed([2, 1], ["linear"]), data, "mse", 0.1)


def test_nudging_one_weight_changes_only_it_and_restarts_the_pass():
    cycle = xor_cycle()
    cycle.run_until("forward 2")
    before = cycle.network
    cycle.set_parameter("W", 1, (0, 1), before.W[0][0, 1] + 0.5)
    assert cycle.network.W[0][0, 1] == before.W[0][0, 1] + 0.5
    changed = cycle.network.W[0] != before.W[0]
    assert changed.sum() == 1
    np.testing.assert_array_equal(cycle.network.W[1], before.W[1])
    assert str(cycle.next_phase) == "sample" and cycle.state.a[0] is None
    cycle.undo()
    np.testing.assert_array_equal(cycle.network.W[0], before.W[0])
    with pytest.raises(EngineError, match="outside"):
        cycle.set_parameter("W", 1, (5, 0), 1.0)
    with pytest.raises(EngineError, match="no parameter"):
        cycle.set_parameter("z", 1, (0, 0), 1.0)


def test_preview_train_matches_train_and_leaves_the_cycle_alone():
    cycle = xor_cycle(batch=16)
    cycle.run_until("forward 1")
    ahead = cycle.preview_train(4)
    assert str(cycle.next_phase) == "forward 2" and cycle.state.steps_done == 0
    cycle.train(4)
    assert ahead.epoch_log == cycle.state.epoch_log
    np.testing.assert_array_equal(ahead.network.W[0], cycle.network.W[0])


def test_training_in_chunks_then_adopting_equals_one_train_call():
    chunked, whole = xor_cycle(batch=16), xor_cycle(batch=16)
    state, done = chunked.state, 0
    for n in (1, 2, 4):
        state, records = chunked.train_from(state, n)
        done += len(records)
    assert chunked.state.steps_done == 0  # nothing committed yet
    chunked.adopt(state)
    whole.train(7)
    assert done == 7 and chunked.state.epoch_log == whole.state.epoch_log
    np.testing.assert_array_equal(chunked.network.W[0], whole.network.W[0])
    chunked.undo()
    assert chunked.state.steps_done == 0  # the whole chunked run is one undo step


def test_last_phase_names_the_update_but_not_a_fresh_start():
    cycle = xor_cycle()
    assert cycle.last_phase is None
    cycle.finish_pass()
    assert str(cycle.last_phase) == "update"
    cycle.train(1)
    assert cycle.last_phase is None
