"""Show the arithmetic: the numbers behind one neuron, one weight or the loss.

The tutor's detail panel writes out a computation with the real numbers
("z = 0.15*0.05 + 0.2*0.1 + 0.35 = 0.3775"). Everything that panel needs is
computed here, from a CycleState, so that the UI only formats. Each value is
read from the state the cycle computed where it exists (z, a, delta, dW ...);
the terms of a sum are computed here so that they add up to it.

Layers count from 1 as the lessons do; layer 0 means the inputs. `sample`
indexes a row of the current batch.
"""

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .losses import LOSSES
from .regularization import l2_penalty, sum_of_squares
from .state import CycleState

_EPS = 1e-12  # as in losses: probabilities kept this far from 0 and 1


@dataclass(frozen=True)
class Product:
    """One term of a sum: left * right = value."""

    left: float
    right: float
    value: float


@dataclass(frozen=True)
class Update:
    """A parameter's gradient step: after = before - lr * grad."""

    before: float
    lr: float
    grad: float
    after: float
    applied: bool  # True once the update phase has run; False: what it will do


@dataclass(frozen=True)
class InputExplanation:
    i: int
    sample: int
    x: float | None  # None before a sample is drawn


@dataclass(frozen=True)
class NeuronExplanation:
    layer: int
    j: int
    sample: int
    batch: int  # samples in the current batch (0 before one is drawn)
    activation: str
    formula: str  # the activation, as the lessons write it
    inputs: str  # what feeds this neuron: "x" or "a1", "a2" ...
    # forward: z_j = sum_i W[i,j] * a_prev[i] + b_j, a_j = f(z_j)
    terms: tuple[Product, ...]  # (W[i,j], a_prev[s,i]); empty before a_prev exists
    b: float
    z: float | None
    a: float | None
    # backward: delta_j = dL/da_j * f'(z_j) (or the fused / softmax forms)
    target: float | None  # t[s,j] on the output layer
    dL_da: float | None
    back_terms: tuple[Product, ...]  # hidden layers: (W_next[j,m], delta_next[s,m]) summing to dL_da
    da_dz: float | None  # f'(z_j); None when the delta rule is not "chain"
    delta_rule: str  # "chain" | "fused" (delta = (a - t) / batch) | "softmax" (Jacobian)
    delta: float | None
    db_terms: tuple[float, ...]  # delta[s,j] of every sample; db_j is their sum
    db: float | None
    update: Update | None  # b_j's step, once db exists


@dataclass(frozen=True)
class WeightExplanation:
    layer: int
    i: int
    j: int
    W: float  # the weight now
    inputs: str  # "x" or "a1", ...: the a_prev of this weight
    # dW[i,j] = sum over the batch of a_prev[s,i] * delta[s,j]
    terms: tuple[Product, ...]
    dW: float | None
    update: Update | None
    # L2: dW also holds decay = l2 * W (the weight the backward pass saw); None when l2 is 0
    decay: Product | None = None


@dataclass(frozen=True)
class LossTerm:
    j: int
    y: float
    t: float
    value: float  # this output's contribution to the sample's loss
    grad: float | None  # dL/dy for this output (batch average included)


@dataclass(frozen=True)
class LossExplanation:
    loss: str
    formula: str
    sample: int
    batch: int
    terms: tuple[LossTerm, ...]  # outputs of `sample`
    sample_loss: float  # the sum of `terms`
    sample_losses: tuple[float, ...]  # every sample's; the data loss is their mean
    value: float | None  # the loss the cycle computed (the data loss plus the L2 penalty)
    # L2: the loss adds l2/2 * sum of W^2; 0 when l2 is 0
    l2: float = 0.0
    sum_of_squares: float = 0.0
    penalty: float = 0.0


def _item(values, s: int, j: int) -> float | None:
    return None if values is None else float(values[s, j])


def _a_prev(state: CycleState, layer: int):
    return state.x if layer == 1 else state.a[layer - 2]


def _update(now: float, grad: float | None, lr: float, before_update: CycleState | None, value_before) -> Update | None:
    if grad is None:
        return None
    if before_update is not None:
        return Update(float(value_before), lr, grad, now, applied=True)
    with np.errstate(all="ignore"):
        return Update(now, lr, grad, float(now - lr * grad), applied=False)


def explain_input(state: CycleState, i: int, sample: int = 0) -> InputExplanation:
    return InputExplanation(i, sample, _item(state.x, sample, i) if state.x is not None else None)


def explain_neuron(
    state: CycleState,
    layer: int,
    j: int,
    sample: int = 0,
    loss: str | None = None,
    before_update: CycleState | None = None,
) -> NeuronExplanation:
    """Neuron j of `layer`: its weighted sum, activation, delta and bias gradient.

    `loss` names the cycle's loss (it decides the fused delta rule on the
    output layer). `before_update` is the state just before the update that
    produced `state`, when that is the phase just run: then the bias update
    is shown as applied (before -> after).
    """
    net = state.network
    depth = net.depth
    act = ACTIVATIONS[net.activations[layer - 1]]
    W, b = net.W[layer - 1], net.b[layer - 1]
    batch = 0 if state.x is None else len(state.x)
    s = sample
    with np.errstate(all="ignore"):
        a_prev = _a_prev(state, layer)
        terms: tuple[Product, ...] = ()
        if a_prev is not None and s < len(a_prev):
            # The weights the forward pass used: before the update once it ran.
            W_used = before_update.network.W[layer - 1] if before_update is not None else W
            terms = tuple(
                Product(float(W_used[i, j]), float(a_prev[s, i]), float(W_used[i, j] * a_prev[s, i]))
                for i in range(W.shape[0])
            )
        z = _item(state.z[layer - 1], s, j)
        a = _item(state.a[layer - 1], s, j)
        target = _item(state.t, s, j) if layer == depth and state.t is not None else None
        dL_da = _item(state.dL_da[layer - 1], s, j)
        delta = _item(state.delta[layer - 1], s, j)
        fused = layer == depth and loss is not None and LOSSES[loss].fused_with == act.name
        rule = "fused" if fused else ("softmax" if act.derivative is None else "chain")
        da_dz = None
        if rule == "chain" and act.derivative is not None and z is not None and a is not None:
            da_dz = float(act.derivative(np.array(z), np.array(a)))
        back_terms: tuple[Product, ...] = ()
        d_next = state.delta[layer] if layer < depth else None
        if d_next is not None:
            W_next = net.W[layer] if before_update is None else before_update.network.W[layer]
            back_terms = tuple(
                Product(float(W_next[j, m]), float(d_next[s, m]), float(W_next[j, m] * d_next[s, m]))
                for m in range(W_next.shape[1])
            )
        db_values = state.db[layer - 1]
        db = None if db_values is None else float(db_values[j])
        delta_values = state.delta[layer - 1]
        db_terms = () if delta_values is None else tuple(float(v) for v in delta_values[:, j])
        b_before = before_update.network.b[layer - 1][j] if before_update is not None else None
        update = _update(float(b[j]), db, state.lr, before_update, b_before)
    return NeuronExplanation(
        layer,
        j,
        s,
        batch,
        act.name,
        act.formula,
        "x" if layer == 1 else f"a{layer - 1}",
        terms,
        float(b_before if b_before is not None else b[j]),
        z,
        a,
        target,
        dL_da,
        back_terms,
        da_dz,
        rule,
        delta,
        db_terms,
        db,
        update,
    )


def explain_weight(
    state: CycleState, layer: int, i: int, j: int, before_update: CycleState | None = None
) -> WeightExplanation:
    """Weight W[i,j] of `layer` (from neuron i below to neuron j): dW as a sum over the batch, and its update."""
    W = state.network.W[layer - 1]
    with np.errstate(all="ignore"):
        a_prev = _a_prev(state, layer)
        delta = state.delta[layer - 1]
        terms: tuple[Product, ...] = ()
        if a_prev is not None and delta is not None:
            terms = tuple(
                Product(float(a_prev[s, i]), float(delta[s, j]), float(a_prev[s, i] * delta[s, j]))
                for s in range(len(delta))
            )
        dW_values = state.dW[layer - 1]
        dW = None if dW_values is None else float(dW_values[i, j])
        W_before = before_update.network.W[layer - 1][i, j] if before_update is not None else None
        update = _update(float(W[i, j]), dW, state.lr, before_update, W_before)
        decay = None
        if state.l2 and dW is not None:
            W_seen = float(W_before if W_before is not None else W[i, j])
            decay = Product(state.l2, W_seen, state.l2 * W_seen)
    return WeightExplanation(
        layer, i, j, float(W[i, j]), "x" if layer == 1 else f"a{layer - 1}", terms, dW, update, decay
    )


def _elementwise_loss(name: str, y: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Each output's contribution to one sample's loss (summing to that sample's loss)."""
    if name == "squared_error":
        return (y - t) ** 2
    if name == "half_squared_error":
        return 0.5 * (y - t) ** 2
    if name == "binary_cross_entropy":
        p = np.clip(y, _EPS, 1.0 - _EPS)
        return -(t * np.log(p) + (1.0 - t) * np.log(1.0 - p))
    if name == "cross_entropy":
        return -t * np.log(np.clip(y, _EPS, 1.0))
    raise KeyError(name)


def explain_loss(
    state: CycleState, loss: str, sample: int = 0, before_update: CycleState | None = None
) -> LossExplanation | None:
    """The loss of the current batch, output by output for `sample`; None before the output exists.

    `before_update`, once the update has run, holds the weights the loss was computed with (for the L2 penalty).
    """
    y_all = state.a[-1] if state.a else None
    if y_all is None or state.t is None:
        return None
    with np.errstate(all="ignore"):
        contributions = _elementwise_loss(loss, y_all, state.t)  # (batch, outputs)
        per_sample = contributions.sum(axis=1)
        grad = state.dL_da[-1]
        terms = tuple(
            LossTerm(
                j,
                float(y_all[sample, j]),
                float(state.t[sample, j]),
                float(contributions[sample, j]),
                None if grad is None else float(grad[sample, j]),
            )
            for j in range(y_all.shape[1])
        )
    W_used = (before_update or state).network.W
    squares = sum_of_squares(W_used) if state.l2 else 0.0
    return LossExplanation(
        loss,
        LOSSES[loss].formula,
        sample,
        len(y_all),
        terms,
        float(per_sample[sample]),
        tuple(float(v) for v in per_sample),
        state.loss,
        state.l2,
        squares,
        l2_penalty(W_used, state.l2),
    )
