"""Bulk training (the fast path): the same numbers as the phases, one shuffle an epoch."""

import numpy as np
import pytest

from nntutor.engine import Dataset, LearningCycle, Network, make_dataset
from nntutor.engine import bulk_train as bulk_module
from nntutor.engine import schedule as schedule_module
from nntutor.engine.param_residues import DeltaRing

CASES = [
    (["tanh", "sigmoid"], "binary_cross_entropy", 1),  # fused output delta
    (["relu", "softmax"], "cross_entropy", 2),  # fused softmax
    (["sigmoid", "softmax"], "squared_error", 2),  # softmax Jacobian
    (["linear", "tanh"], "half_squared_error", 1),
    (["relu", "sigmoid"], "squared_error", 1),
    (["tanh", "linear"], "squared_error", 1),  # a linear output: its delta is dL/da itself
]


def cycle_for(activations, loss, outputs, batch, l2, test=False):
    rng = np.random.default_rng(4)
    net = Network.from_seed([3, 5, outputs], activations, seed=2)
    net = Network(net.W, tuple(rng.normal(0, 0.5, size=b.shape) for b in net.b), net.activations)
    n = 11  # batch 4 leaves a short last batch of 3

    def targets(count):
        if outputs > 1:
            return np.eye(outputs)[rng.integers(0, outputs, size=count)]
        return rng.integers(0, 2, (count, 1)) * 1.0

    x, t = rng.normal(size=(n, 3)), targets(n)
    x_test, t_test = (rng.normal(size=(5, 3)), targets(5)) if test else (None, None)
    data = Dataset.from_arrays(x, t, x_test, t_test)
    return LearningCycle(net, data, loss, 0.3, batch=batch, seed=5, l2=l2)


@pytest.mark.parametrize("batch", [1, 4, "full"])
@pytest.mark.parametrize("l2", [0.0, 0.3])
@pytest.mark.parametrize("activations, loss, outputs", CASES)
def test_bulk_training_equals_stepping_phase_by_phase_bit_for_bit(activations, loss, outputs, l2, batch):
    bulk = cycle_for(activations, loss, outputs, batch, l2, test=True)
    stepped = cycle_for(activations, loss, outputs, batch, l2, test=True)
    records = bulk.train(3)
    while stepped.state.epoch <= 3:
        stepped.step()
    assert len(records) == 3 and bulk.state.steps_done == stepped.state.steps_done
    for u, v in zip(bulk.network.W + bulk.network.b, stepped.network.W + stepped.network.b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert bulk.state.step_losses == stepped.state.step_losses
    assert bulk.state.epoch_log == stepped.state.epoch_log
    # The rounding bounds add the same |delta| up in another order (and count a
    # short last batch as a full one): equal to rounding, never far apart.
    bound, stepped_bound = bulk.state.update_sums, stepped.state.update_sums
    for u, v in zip(bound.sizes, stepped_bound.sizes, strict=True):
        assert np.all(u >= v * (1 - 1e-12)) and np.all(u <= v * (1 + 1e-12) * (4 / 3 if batch == 4 else 1))
    assert bound.inputs == stepped_bound.inputs


def test_large_steps_add_their_rounding_bounds_up_as_small_ones_do(monkeypatch):
    small = cycle_for(["tanh", "sigmoid"], "squared_error", 1, 4, 0.0)
    small.train(3)
    monkeypatch.setattr(DeltaRing, "SMALL_STEP", 0)  # every step counts as large: fresh arrays, added up a step later
    large = cycle_for(["tanh", "sigmoid"], "squared_error", 1, 4, 0.0)
    large.train(3)
    np.testing.assert_array_equal(large.network.W[0], small.network.W[0])
    for u, v in zip(large.state.update_sums.sizes, small.state.update_sums.sizes, strict=True):
        np.testing.assert_allclose(u, v, rtol=1e-12)
        assert np.all(u > 0)


def test_the_rounding_bound_is_the_same_however_often_the_deltas_are_added_up(monkeypatch):
    """The delta buffer has no more slots than the call's steps, and fills up and is added up
    many times in a long call; a training that starts mid-epoch counts the steps left in it."""

    def trained(most_slots):
        monkeypatch.setattr(DeltaRing, "MOST_SLOTS", most_slots)
        cycle = cycle_for(["tanh", "sigmoid"], "squared_error", 1, 1, 0.0)
        cycle.finish_pass()  # one step by hand: the training starts at batch 2 of 11
        cycle.train(30)  # 329 steps
        return cycle.state

    default_slots = DeltaRing.MOST_SLOTS
    every_step, default = trained(1), trained(default_slots)
    assert default.steps_done == every_step.steps_done == 330
    for u, v in zip(default.update_sums.sizes, every_step.update_sums.sizes, strict=True):
        np.testing.assert_allclose(u, v, rtol=1e-12)
        assert np.all(u > 0)


def test_bulk_training_keeps_its_path_and_hands_over_the_last_network_once():
    cycle = cycle_for(["tanh", "sigmoid"], "squared_error", 1, 1, 0.0)
    cycle.train(2)  # 22 steps: every step's network is on the path
    path = cycle.state.trained_path
    assert len(path) == 22 and path[-1] is cycle.network
    assert len({id(net) for net in path}) == 22
    for earlier, later in zip(path, path[1:], strict=False):
        assert not np.array_equal(earlier.W[0], later.W[0])  # each a copy of its own step, not a shared buffer


def test_each_epoch_is_shuffled_once_from_seed_and_epoch(monkeypatch):
    data = make_dataset("circle", samples=50, seed=0)
    net = Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    cycle = LearningCycle(net, data, "squared_error", 0.5, batch=1, seed=7)
    drawn = []
    real = np.random.default_rng

    def counting(seed):
        drawn.append(tuple(seed))
        return real(seed)

    monkeypatch.setattr(schedule_module.np.random, "default_rng", counting)
    cycle.train(3)  # 150 steps at batch 1
    assert drawn == [(7, 1), (7, 2), (7, 3)]  # one per epoch, not one per batch
    stepped = LearningCycle(net, data, "squared_error", 0.5, batch=1, seed=7)
    stepped.train(1)
    samples = []
    while stepped.state.epoch == 2:
        record = stepped.step()
        if record.phase.kind == "sample":
            samples.extend(record.values["indices"])
    assert samples == list(real([7, 2]).permutation(50))  # epoch 2's order, from (seed, epoch) alone


@pytest.mark.parametrize("block", [2, 5, 1024])
def test_losses_added_a_block_at_a_time_are_every_loss_in_order(monkeypatch, block):
    """Bulk training adds its losses to the logs a block at a time: blocks that fill mid-call, a call
    that starts mid-epoch and one stopped by its callback still give the phases' logs exactly."""
    monkeypatch.setattr(bulk_module, "BLOCK", block)
    bulk = cycle_for(["tanh", "linear"], "squared_error", 1, 4, 0.0, test=True)
    stepped = cycle_for(["tanh", "linear"], "squared_error", 1, 4, 0.0, test=True)
    bulk.finish_pass()  # training starts at the second batch of epoch 1
    seen = []
    bulk.train(20, on_epoch=lambda record: seen.append(record) or len(seen) == 7)
    records = bulk.train(6)
    while stepped.state.epoch <= 13:
        stepped.step()
    assert bulk.state.step_losses == stepped.state.step_losses and len(bulk.state.step_losses) == 39
    assert bulk.state.epoch_log == stepped.state.epoch_log
    assert seen == list(stepped.state.epoch_log[:7]) and list(records) == list(stepped.state.epoch_log[7:])
    assert all(record.test_loss is not None for record in records)
