"""Extreme inputs give finite numbers and no warnings; careless settings get clear errors."""

import warnings

import numpy as np
import pytest

from nntutor.engine import ACTIVATIONS, LIMITS, LOSSES, EngineError, Network, make_dataset


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_sigmoid_and_softmax_stay_finite_at_1000():
    z = np.array([[-1000.0, 0.0, 1000.0]])
    s = ACTIVATIONS["sigmoid"].f(z)
    np.testing.assert_array_equal(s, [[0.0, 0.5, 1.0]])
    p = ACTIVATIONS["softmax"].f(z)
    assert np.all(np.isfinite(p)) and p[0, 2] == 1.0


def test_cross_entropies_of_saturated_outputs_are_finite():
    for name, y in (("binary_cross_entropy", np.array([[0.0], [1.0]])), ("cross_entropy", np.array([[1.0, 0.0]] * 2))):
        t = np.array([[1.0], [0.0]]) if y.shape[1] == 1 else np.array([[0.0, 1.0], [1.0, 0.0]])
        loss = LOSSES[name]
        assert np.isfinite(loss.value(y, t)) and loss.value(y, t) > 10  # one confident miss in two
        assert np.all(np.isfinite(loss.gradient(y, t)))


def test_saturated_softmax_network_still_has_the_exact_gradient():
    net = Network((np.array([[1000.0, -1000.0]]),), (np.zeros(2),), ("softmax",))
    from nntutor.engine import backprop

    _, dWs, _ = backprop(net, np.array([[1.0]]), np.array([[0.0, 1.0]]), LOSSES["cross_entropy"])
    np.testing.assert_allclose(dWs[0], [[1.0, -1.0]])


@pytest.mark.parametrize(
    "layers, message",
    [([2], "at least 2"), ([2] * 10, "weight layers"), ([2, 1000, 1], "neurons"), ([2, 0, 1], "positive")],
)
def test_network_size_limits(layers, message):
    with pytest.raises(EngineError, match=message):
        Network.from_seed(layers, ["sigmoid"] * (len(layers) - 1))


def test_other_careless_settings_are_named():
    with pytest.raises(EngineError, match="softmax is only allowed on the output"):
        Network.from_seed([2, 3, 1], ["softmax", "sigmoid"])
    with pytest.raises(EngineError, match="unknown activation 'sigmod'"):
        Network.from_seed([2, 1], ["sigmod"])
    with pytest.raises(EngineError, match="samples"):
        make_dataset("xor", samples=LIMITS.max_samples + 1)
    with pytest.raises(EngineError, match="unknown dataset"):
        make_dataset("moons")
    with pytest.raises(EngineError, match="shape"):
        Network((np.zeros((2, 2)), np.zeros((3, 1))), (np.zeros(2), np.zeros(1)), ("tanh", "linear"))
