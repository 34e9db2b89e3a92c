"""Numbers from the worked examples the lessons quote."""

import numpy as np
import pytest
from worked_example import worked_cycle

from nntutor.engine import Dataset, LearningCycle, Network


def crowd_cycle(guess: float) -> LearningCycle:
    # One linear neuron with input 1: its output is w*1 + b, so w is the guess.
    net = Network((np.array([[guess]]),), (np.array([0.0]),), ("linear",))
    return LearningCycle(net, Dataset.from_arrays([[1.0]], [[500.0]]), "squared_error", lr=0.1)


@pytest.mark.parametrize("guess, loss, slope", [(350, 22500, -300), (600, 10000, 200)])
def test_crowd_guess_costs_and_slope(guess, loss, slope):
    cycle = crowd_cycle(guess)
    cycle.run_until("loss")
    assert cycle.state.loss == loss
    assert cycle.state.quantity("dL_da")[0, 0] == slope


def test_crowd_update_moves_the_guess_against_the_slope():
    cycle = crowd_cycle(350)
    cycle.finish_pass()
    # dL/dw = -300 * input 1; w -= 0.1 * -300 -> 380: closer to 500.
    assert cycle.network.W[0][0, 0] == pytest.approx(380.0)


def test_two_layer_worked_example_forward_and_loss():
    cycle = worked_cycle()
    cycle.run_until("forward 1")
    assert cycle.state.z[0][0, 0] == pytest.approx(0.3775)
    assert cycle.state.a[0][0, 0] == pytest.approx(0.593269992)
    cycle.run_until("forward 2")
    assert cycle.state.a[1][0] == pytest.approx([0.75136507, 0.772928465])
    cycle.run_until("loss")
    assert cycle.state.loss == pytest.approx(0.298371109)


def test_two_layer_worked_example_backward_and_update():
    cycle = worked_cycle()
    cycle.run_until("backward 2")
    assert cycle.state.dW[1][0, 0] == pytest.approx(0.082167041)
    cycle.run_until("backward 1")
    assert cycle.state.dW[0][0, 0] == pytest.approx(0.000438568)
    cycle.run_until("update")
    W1, W2 = cycle.network.W
    assert W2[0, 0] == pytest.approx(0.35891648)
    assert W2[1, 0] == pytest.approx(0.408666186)
    assert W1[0, 0] == pytest.approx(0.149780716)
    assert W1[1, 1] == pytest.approx(0.29950229)
