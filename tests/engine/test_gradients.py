"""Backpropagation agrees with finite differences on many random networks."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nntutor.engine import LOSSES, Dataset, LearningCycle, Network, gradient_check

HIDDEN = ["linear", "sigmoid", "tanh", "relu"]


@st.composite
def network_and_batch(draw):
    depth = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 4)) for _ in range(depth + 1)]
    loss = draw(st.sampled_from(sorted(LOSSES)))
    hidden = [draw(st.sampled_from(HIDDEN)) for _ in range(depth - 1)]
    if loss == "cross_entropy":
        sizes[-1] = max(sizes[-1], 2)
        output = "softmax"
    elif loss == "binary_cross_entropy":
        output = "sigmoid"
    else:
        output = draw(st.sampled_from(HIDDEN + ["softmax"]))
    seed = draw(st.integers(0, 2**16))
    batch = draw(st.sampled_from([1, 3, 8]))
    rng = np.random.default_rng(seed)
    net = Network.from_seed(sizes, hidden + [output], seed)
    # Non-zero biases so relu kinks are not all at the same place.
    net = Network(net.W, tuple(rng.normal(0, 0.5, size=b.shape) for b in net.b), net.activations)
    x = rng.normal(size=(batch, sizes[0]))
    if output == "softmax" and loss == "cross_entropy":
        t = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=batch)]
    elif loss == "binary_cross_entropy":
        t = rng.integers(0, 2, size=(batch, sizes[-1])).astype(float)
    else:
        t = rng.normal(size=(batch, sizes[-1]))
    # A finite difference across a relu kink measures neither side's slope: keep
    # every relu input well away from 0 (nudges of eps move it by far less).
    a = x
    for k in range(1, net.depth + 1):
        z, a = net.forward_layer(k, a)
        if net.activations[k - 1] == "relu":
            assume(np.min(np.abs(z)) > 1e-3)
    # The cross-entropies clip probabilities at 1e-12 (losses.py) so log never sees 0;
    # beyond the clip the loss is flat by design and no finite difference can agree.
    if loss == "cross_entropy":
        assume(np.min(a[t == 1]) > 1e-9)
    elif loss == "binary_cross_entropy":
        assume(np.min(a) > 1e-9 and np.max(a) < 1 - 1e-9)
    return net, x, t, loss


def checked(net, x, t, loss, l2=0.0) -> list[float]:
    """Per layer, the smaller difference of two central differences (steps 1e-5 and 1e-4).

    A step is either too small for the loss's rounding (log(1 - y) with y near 1
    loses digits, and hypothesis found a case where that alone gave 4e-4 at
    1e-5) or too large for a relu kink nearby; the two fail in different
    places, while a wrong backprop disagrees with both.
    """
    fine, coarse = gradient_check(net, x, t, loss, eps=1e-5, l2=l2), gradient_check(net, x, t, loss, eps=1e-4, l2=l2)
    return [min(a, b) for a, b in zip(fine, coarse, strict=True)]


@settings(max_examples=150, deadline=None)
@given(network_and_batch())
def test_backprop_matches_finite_differences(case):
    net, x, t, loss = case
    worst = checked(net, x, t, loss)
    assert len(worst) == net.depth
    assert max(worst) < 1e-4, (net.activations, loss, worst)


def test_a_sigmoid_near_one_is_checked_past_the_losss_rounding():
    """The example hypothesis found: linear, linear, sigmoid with binary cross-entropy and an input of 3.3."""
    W = (
        np.array([[1.44314775, -1.80712807], [0.29564053, -0.40147374]]),
        np.array([[-0.32007138, -0.15245022, -1.42834589], [-0.16400096, -0.61179803, 2.34971549]]),
        np.array([[0.13035796, -0.20359148], [-0.16240137, -0.38569674], [-0.60919145, -0.22562905]]),
    )
    b = (
        np.array([1.02045956, -1.27783252]),
        np.array([0.20904942, -0.2838848, -0.22632465]),
        np.array([-0.10779858, -1.00999306]),
    )
    net = Network(W, b, ("linear", "linear", "sigmoid"))
    x = np.array([[-0.23193238, -0.86521308], [3.32299952, 0.22578661], [-0.35263079, -0.28128742]])
    t = np.array([[1.0, 1.0], [0.0, 1.0], [1.0, 1.0]])
    assert max(checked(net, x, t, "binary_cross_entropy")) < 1e-4


def test_gradient_check_notices_a_wrong_gradient(monkeypatch):
    """The check itself must fail when backprop is wrong, or it proves nothing."""
    net = Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=1)
    x = np.array([[0.5, -0.2], [0.1, 0.9]])
    t = np.array([[1.0], [0.0]])
    original = Network.gradients

    def doubled(self, layer, a_prev, delta):
        dW, db, passed = original(self, layer, a_prev, delta)
        return (2 * dW if layer == 1 else dW), db, passed

    monkeypatch.setattr(Network, "gradients", doubled)
    worst = gradient_check(net, x, t, "half_squared_error")
    assert worst[0] > 0.1 and worst[1] < 1e-6


def test_cycle_gradients_equal_the_checked_ones():
    """The phases the learner steps through compute the same dW as the checked backprop."""
    net = Network.from_seed([2, 4, 3], ["relu", "softmax"], seed=3)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 2))
    t = np.eye(3)[[0, 1, 2, 1, 0]]
    cycle = LearningCycle(net, Dataset.from_arrays(x, t), "cross_entropy", lr=0.1)
    cycle.run_until("backward 1")
    from nntutor.engine import backprop

    loss, dWs, dbs = backprop(net, x, t, LOSSES["cross_entropy"])
    assert cycle.state.loss == loss
    for k in range(2):
        np.testing.assert_array_equal(cycle.state.dW[k], dWs[k])
        np.testing.assert_array_equal(cycle.state.db[k], dbs[k])


@settings(max_examples=60, deadline=None)
@given(network_and_batch(), st.sampled_from([1e-3, 0.1, 1.0, 5.0]))
def test_l2_gradient_matches_finite_differences(case, l2):
    """With L2, dW gains l2 * W and the loss l2/2 * sum W^2: both agree with nudging every weight."""
    net, x, t, loss = case
    worst = checked(net, x, t, loss, l2=l2)
    assert max(worst) < 1e-4, (net.activations, loss, l2, worst)


def test_l2_check_notices_a_missing_decay(monkeypatch):
    """A backprop that forgot the penalty's gradient fails the L2 check, so the check proves something."""
    import nntutor.engine.gradcheck as gradcheck
    from nntutor.engine import backprop

    net = Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=1)
    x = np.array([[0.5, -0.2], [0.1, 0.9]])
    t = np.array([[1.0], [0.0]])
    assert max(gradient_check(net, x, t, "half_squared_error", l2=0.5)) < 1e-6
    monkeypatch.setattr(gradcheck, "backprop", lambda network, x, t, loss_fn, l2=0.0: backprop(network, x, t, loss_fn))
    assert max(gradient_check(net, x, t, "half_squared_error", l2=0.5)) > 0.01


def test_cycle_with_l2_steps_the_checked_gradients_and_loss():
    """The phases with L2 compute the same loss and dW as the checked backprop, and biases get no decay."""
    from nntutor.engine import backprop

    net = Network.from_seed([2, 4, 1], ["tanh", "sigmoid"], seed=5)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(6, 2))
    t = rng.integers(0, 2, size=(6, 1)).astype(float)
    plain = LearningCycle(net, Dataset.from_arrays(x, t), "binary_cross_entropy", lr=0.1)
    decayed = LearningCycle(net, Dataset.from_arrays(x, t), "binary_cross_entropy", lr=0.1, l2=0.3)
    for cycle in (plain, decayed):
        cycle.run_until("backward 1")
    loss, dWs, dbs = backprop(net, x, t, LOSSES["binary_cross_entropy"], 0.3)
    assert decayed.state.loss == loss
    penalty = 0.15 * sum(float(np.sum(w * w)) for w in net.W)
    assert decayed.state.loss - plain.state.loss == pytest.approx(penalty, rel=1e-12)
    for k in range(2):
        np.testing.assert_array_equal(decayed.state.dW[k], dWs[k])
        np.testing.assert_allclose(decayed.state.dW[k] - plain.state.dW[k], 0.3 * net.W[k])
        np.testing.assert_array_equal(decayed.state.db[k], plain.state.db[k])
