"""engine/explain.py: the arithmetic of the worked example, term by term."""

import pytest
from worked_example import LOSS_AFTER_FORWARD, worked_cycle

from nntutor.engine.explain import explain_loss, explain_neuron, explain_weight
from nntutor.ui.format import explain_loss_lines, explain_neuron_lines, explain_weight_lines, num

HSE = "half_squared_error"


def test_neuron_forward_terms_add_up_to_z():
    cycle = worked_cycle()
    cycle.run_until("forward 1")
    e = explain_neuron(cycle.state, 1, 0, loss=HSE)
    assert [(t.left, t.right) for t in e.terms] == [(0.15, 0.05), (0.20, 0.10)]
    assert e.b == 0.35
    assert e.z == pytest.approx(0.3775)
    assert sum(t.value for t in e.terms) + e.b == pytest.approx(e.z)
    assert e.a == pytest.approx(0.593269992)
    assert e.delta is None and e.db is None and e.update is None
    lines = [line for _, line in explain_neuron_lines(e, 2, HSE)]
    assert lines[0] == "z = 0.15*0.05 + 0.2*0.1 + 0.35 = 0.3775"
    assert lines[1] == "a = 1 / (1 + e^-(0.3775)) = 0.5933"


def test_loss_terms_add_up_to_the_loss():
    cycle = worked_cycle()
    cycle.run_until("loss")
    e = explain_loss(cycle.state, HSE)
    assert e.value == pytest.approx(LOSS_AFTER_FORWARD)
    assert sum(t.value for t in e.terms) == pytest.approx(LOSS_AFTER_FORWARD)
    assert [t.grad for t in e.terms] == pytest.approx([0.741365069, -0.217071535])
    text = "\n".join(line for _, line in explain_loss_lines(e))
    assert "0.298371" in text


def test_hidden_delta_sums_what_both_outputs_send_back():
    cycle = worked_cycle()
    cycle.run_until("backward 1")
    e = explain_neuron(cycle.state, 1, 0, loss=HSE)
    assert sum(t.value for t in e.back_terms) == pytest.approx(e.dL_da)
    assert e.dL_da * e.da_dz == pytest.approx(e.delta)
    assert e.db == pytest.approx(e.delta)  # a batch of one
    assert e.update is not None and not e.update.applied


def test_weight_gradient_and_update_before_and_after():
    cycle = worked_cycle()
    cycle.run_until("backward 2")
    e = explain_weight(cycle.state, 2, 0, 0)
    assert e.dW == pytest.approx(0.082167041)
    assert sum(t.value for t in e.terms) == pytest.approx(e.dW)
    assert e.update.after == pytest.approx(0.35891648) and not e.update.applied
    cycle.finish_pass()
    assert cycle.state.last_phase.kind == "update"
    applied = explain_weight(cycle.state, 2, 0, 0, before_update=cycle.previous_state)
    assert applied.update.applied
    assert (applied.update.before, applied.update.after) == pytest.approx((0.40, 0.35891648))
    lines = [line for _, line in explain_weight_lines(applied, [2, 2, 2], 2)]
    assert "W = 0.4 - 0.5*0.08217 = 0.3589   (applied)" in lines


def test_last_phase_is_nothing_at_the_start():
    cycle = worked_cycle()
    assert cycle.state.last_phase is None
    cycle.step()
    assert str(cycle.state.last_phase) == "sample"


@pytest.mark.parametrize(
    "value, text",
    [
        (0.3775, "0.3775"),
        (0.05, "0.05"),
        (22500.0, "22500"),
        (-0.0381, "-0.0381"),
        (0.0, "0"),
        (1.5e-7, "1.500e-07"),
        (float("nan"), "nan"),
        (None, "?"),
    ],
)
def test_numbers_are_written_briefly(value, text):
    assert num(value) == text
