"""The detail panel writes out the L2 terms with the numbers the cycle used."""

import numpy as np
import pytest

from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.engine.explain import explain_loss, explain_weight
from nntutor.ui.format import explain_loss_lines, explain_weight_lines, num


def l2_cycle(l2=0.2):
    data = make_dataset("circle", samples=8, seed=3)
    net = Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=4)
    return LearningCycle(net, data, "binary_cross_entropy", lr=0.5, l2=l2)


def test_loss_lines_add_the_penalty_to_the_data_loss():
    cycle = l2_cycle()
    cycle.run_until("loss")
    e = explain_loss(cycle.state, "binary_cross_entropy")
    squares = sum(float(np.sum(w * w)) for w in cycle.network.W)
    assert e.penalty == pytest.approx(0.1 * squares)
    data = sum(e.sample_losses) / len(e.sample_losses)
    assert e.value == pytest.approx(data + e.penalty)
    text = "\n".join(line for _, line in explain_loss_lines(e))
    assert f"L2 penalty = L2/2 * sum W^2 = 0.2/2*{num(squares)} = {num(e.penalty, 6)}" in text
    assert f"= {num(e.value, 6)}" in text


def test_weight_lines_show_the_decay_term_and_the_update_uses_it():
    cycle = l2_cycle()
    cycle.run_until("backward 1")
    W = float(cycle.network.W[1][2, 0])
    e = explain_weight(cycle.state, 2, 2, 0)
    data_part = sum(p.value for p in e.terms)
    assert e.decay.value == pytest.approx(0.2 * W)
    assert e.dW == pytest.approx(data_part + 0.2 * W)
    lines = "\n".join(line for _, line in explain_weight_lines(e, [2, 3, 1], 2))
    assert f"+ 0.2*{num(W) if W >= 0 else '(' + num(W) + ')'} = {num(e.dW)}" in lines
    assert "biases are not regularized" in lines
    before = cycle.state
    cycle.step()  # update
    applied = explain_weight(cycle.state, 2, 2, 0, before_update=before)
    assert applied.decay.right == W  # the weight the backward pass saw, not the updated one
    assert applied.update.after == pytest.approx(W - 0.5 * e.dW)
    after_loss = explain_loss(cycle.state, "binary_cross_entropy", before_update=before)
    assert after_loss.penalty == pytest.approx(explain_loss(before, "binary_cross_entropy").penalty)


def test_without_l2_no_penalty_lines():
    cycle = l2_cycle(l2=0.0)
    cycle.run_until("backward 1")
    loss_text = "\n".join(line for _, line in explain_loss_lines(explain_loss(cycle.state, "binary_cross_entropy")))
    weight_text = "\n".join(
        line for _, line in explain_weight_lines(explain_weight(cycle.state, 2, 0, 0), [2, 3, 1], 2)
    )
    assert "L2" not in loss_text and "L2" not in weight_text


def test_training_with_l2_keeps_the_weights_smaller_and_set_l2_is_undoable():
    from nntutor.engine.regularization import sum_of_squares

    plain, decayed = l2_cycle(0.0), l2_cycle(0.0)
    decayed.set_l2(0.05)
    plain.train(200)
    decayed.train(200)
    assert sum_of_squares(decayed.network.W) < 0.7 * sum_of_squares(plain.network.W)
    decayed.undo()  # the training run
    decayed.undo()  # the L2 change
    assert decayed.state.l2 == 0.0


def test_bad_l2_is_refused_with_a_message():
    from nntutor.engine import EngineError

    with pytest.raises(EngineError, match="L2 strength"):
        l2_cycle(-1.0)
