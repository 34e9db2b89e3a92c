"""Which numbers of a pass are floating-point rounding left over where the true value is 0.

When terms that cancel exactly in real arithmetic are added in floating
point (two mirror-image samples pulling a bias opposite ways), the sum comes
out as a tiny number like 1.9e-16 instead of 0. Such a number is below the
rounding error of the sum, which is at most about n * eps * sum |terms| for
n terms, so its size and sign mean nothing. A number that is small because
small factors were multiplied (a gradient vanishing through saturated
sigmoids, 5.7e-15) is far above its own rounding error, and it is real.

`layer_residues` carries an error bound through each layer's sums (forward
and backward), so a residue stays a residue when the backward pass scales
it, and tells the UI which numbers to write as 0 with a mark. Weights and
biases are residues when they lie within the rounding that every update so
far can have left in them (param_residues.py): a bias that only mirror-image
samples ever pulled on ends at 3.5e-18 where its true value is 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .state import CycleState

EPS = float(np.finfo(np.float64).eps)
SAFETY = 4.0  # headroom over the textbook bound n * eps * sum |terms|

Array = np.ndarray


@dataclass(frozen=True)
class LayerResidues:
    """Boolean masks, True where the value is a rounding residue (None where not computed)."""

    z: Array | None  # (batch, n)
    dL_da: Array | None  # (batch, n)
    delta: Array | None  # (batch, n)
    dW: Array | None  # (n_in, n)
    db: Array | None  # (n,)
    W: Array | None = None  # (n_in, n), the parameters now
    b: Array | None = None  # (n,)

    def at(self, name: str, index: tuple[int, ...]) -> bool:
        mask = getattr(self, name)
        if mask is None:
            return False
        try:
            return bool(mask[index])
        except IndexError:
            return False


def _mask(values: Array | None, bound: Array | None) -> Array | None:
    if values is None or bound is None:
        return None
    with np.errstate(all="ignore"):
        return (values != 0) & (np.abs(values) <= bound)


def _sum_bound(n_terms: int, abs_sum: Array) -> Array:
    return SAFETY * max(n_terms, 1) * EPS * abs_sum


_last: tuple[CycleState, tuple[LayerResidues, ...]] | None = None  # states are immutable: one is worth keeping


def layer_residues(state: CycleState) -> tuple[LayerResidues, ...]:
    """Per layer (index 0 is layer 1), which of its computed numbers are rounding residues."""
    global _last
    if _last is not None and _last[0] is state:
        return _last[1]
    result = _layer_residues(state)
    _last = (state, result)
    return result


def _parameter_masks(state: CycleState, k: int) -> tuple[Array | None, Array | None]:
    """Layer k+1's (W, b) masks: values within the rounding every update so far can have left in them."""
    sums = state.update_sums
    if sums is None:
        return None, None
    W, b = state.network.W[k], state.network.b[k]
    bound = SAFETY * EPS * sums.sizes[k]  # (n,): the biases' bound; a weight's is it times its input's reach
    reach = sums.inputs[k]
    return (None if reach is None else _mask(W, reach * bound[None, :])), _mask(b, bound)


def _layer_residues(state: CycleState) -> tuple[LayerResidues, ...]:
    net = state.network
    depth = net.depth
    with np.errstate(all="ignore"):
        z_masks: list[Array | None] = []
        for k in range(depth):
            a_prev = state.x if k == 0 else state.a[k - 1]
            z = state.z[k]
            if z is None or a_prev is None:
                z_masks.append(None)
                continue
            W, b = net.W[k], net.b[k]
            bound = _sum_bound(W.shape[0] + 1, np.abs(a_prev) @ np.abs(W) + np.abs(b))
            z_masks.append(_mask(z, bound))
        # Backward: the error of each delta, carried from the output down.
        err_delta: list[Array | None] = [None] * depth
        err_dL_da: list[Array | None] = [None] * depth
        for k in reversed(range(depth)):
            delta = state.delta[k]
            if delta is None:
                continue
            if k == depth - 1:  # the loss gradient at the output: no sum, only its own rounding
                err_delta[k] = SAFETY * EPS * np.abs(delta)
                continue
            d_next, e_next, W_next = state.delta[k + 1], err_delta[k + 1], net.W[k + 1]
            if d_next is None or e_next is None:
                continue
            err = _sum_bound(W_next.shape[1], np.abs(d_next) @ np.abs(W_next).T) + e_next @ np.abs(W_next).T
            err_dL_da[k] = err
            act = ACTIVATIONS[net.activations[k]]
            z_k, a_k = state.z[k], state.a[k]
            if act.derivative is not None and z_k is not None and a_k is not None:
                err_delta[k] = err * np.abs(act.derivative(z_k, a_k))
            else:
                err_delta[k] = err
        out = []
        for k in range(depth):
            W_mask, b_mask = _parameter_masks(state, k)
            delta, err = state.delta[k], err_delta[k]
            a_prev = state.x if k == 0 else state.a[k - 1]
            dW_bound = db_bound = None
            if delta is not None and err is not None and a_prev is not None:
                batch = len(delta)
                dW_bound = np.abs(a_prev).T @ err + _sum_bound(batch, np.abs(a_prev).T @ np.abs(delta))
                db_bound = err.sum(axis=0) + _sum_bound(batch, np.abs(delta).sum(axis=0))
            out.append(
                LayerResidues(
                    z=z_masks[k],
                    dL_da=_mask(state.dL_da[k], err_dL_da[k]) if k < depth - 1 else None,
                    delta=_mask(delta, err if k < depth - 1 else None),
                    dW=_mask(state.dW[k], dW_bound),
                    db=_mask(state.db[k], db_bound),
                    W=W_mask,
                    b=b_mask,
                )
            )
    return tuple(out)
