"""The fast training path: the same numbers as the phases, one shuffle an epoch."""

import numpy as np
import pytest

from nntutor.engine import LOSSES, LearningCycle, Network, backprop, make_dataset
from nntutor.engine import schedule as schedule_module
from nntutor.engine.backprop import batch_gradients

CASES = [
    (["tanh", "sigmoid"], "binary_cross_entropy", 1),  # fused output delta
    (["relu", "softmax"], "cross_entropy", 2),  # fused softmax
    (["sigmoid", "softmax"], "squared_error", 2),  # softmax Jacobian
    (["linear", "tanh"], "half_squared_error", 1),
    (["relu", "sigmoid"], "squared_error", 1),
]


@pytest.mark.parametrize("l2", [0.0, 0.3])
@pytest.mark.parametrize("activations, loss, outputs", CASES)
def test_batch_gradients_equal_backprop_bit_for_bit(activations, loss, outputs, l2):
    rng = np.random.default_rng(4)
    net = Network.from_seed([3, 5, outputs], activations, seed=2)
    net = Network(net.W, tuple(rng.normal(0, 0.5, size=b.shape) for b in net.b), net.activations)
    x = rng.normal(size=(7, 3))
    t = np.eye(outputs)[rng.integers(0, outputs, size=7)] if outputs > 1 else rng.integers(0, 2, (7, 1)) * 1.0
    checked = backprop(net, x, t, LOSSES[loss], l2)
    with np.errstate(all="ignore"):
        fast = batch_gradients(net, x, t, LOSSES[loss], l2)
    assert fast[0] == checked[0]
    for u, v in zip(fast[1] + fast[2], checked[1] + checked[2], strict=True):
        np.testing.assert_array_equal(u, v)


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
