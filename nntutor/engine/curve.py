"""The loss as a curve of one parameter, with the point where the network stands and its tangent.

This is the picture behind gradient descent: hold every other number of the
network still, let one weight or bias vary, and the loss traces a curve. The
network stands at one point of it; the slope of the tangent there is the
derivative the backward pass computes, and an update steps along the
parameter axis against that slope.

The loss is the one the next update will follow: the current batch's, once a
sample is drawn, else the whole training set's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import EngineError
from .losses import LOSSES
from .network import Network
from .state import CycleState

Array = np.ndarray

POINTS = 121  # points along the curve
SEARCH_POINTS = 161  # a coarse look for the lowest point, to fit the range


@dataclass(frozen=True)
class ParameterCurve:
    name: str  # "W" or "b"
    layer: int  # 1-based
    index: tuple[int, ...]  # (i, j) of a weight, (j,) of a bias
    values: Array  # (POINTS,) the parameter across the range
    losses: Array  # (POINTS,) the loss at each value
    current: float  # the parameter now
    current_loss: float
    slope: float  # dL/d(parameter) at the current value
    samples: int  # how many samples the loss averages over
    whole_set: bool  # True: the training set; False: the current batch
    lowest: tuple[float, float]  # (value, loss) of the lowest point drawn

    def tangent(self, half_width: float) -> tuple[Array, Array]:
        """Two points of the tangent line, `half_width` either side of the current value."""
        xs = np.array([self.current - half_width, self.current + half_width])
        return xs, self.current_loss + self.slope * (xs - self.current)


def _with_parameter(network: Network, name: str, layer: int, index: tuple[int, ...], value: float) -> Network:
    params = list(network.W if name == "W" else network.b)
    changed = params[layer - 1].copy()
    changed[index] = value
    params[layer - 1] = changed
    if name == "W":
        return Network(tuple(params), network.b, network.activations)
    return Network(network.W, tuple(params), network.activations)


def _losses(network: Network, name: str, layer: int, index, values: Array, x: Array, t: Array, loss: str) -> Array:
    value_of = LOSSES[loss].value
    out = np.empty(len(values))
    with np.errstate(all="ignore"):
        for n, v in enumerate(values):
            out[n] = value_of(_with_parameter(network, name, layer, index, float(v)).predict(x), t)
    return out


def _fitted_range(network, name, layer, index, current: float, x, t, loss: str) -> tuple[float, float]:
    """A range holding the current value and, if it can be seen, the lowest point near it, with a margin."""
    scale = max(abs(current), 1.0)
    search = np.linspace(current - 2 * scale, current + 2 * scale, SEARCH_POINTS)
    losses = _losses(network, name, layer, index, search, x, t, loss)
    finite = np.isfinite(losses)
    best = float(search[finite][np.argmin(losses[finite])]) if finite.any() else current
    lo, hi = min(current, best), max(current, best)
    pad = max(0.5 * (hi - lo), 0.25 * scale)
    return lo - pad, hi + pad


def parameter_curve(
    state: CycleState,
    x_train: Array,
    t_train: Array,
    loss: str,
    name: str,
    layer: int,
    index: tuple[int, ...],
    value_range: tuple[float, float] | None = None,
) -> ParameterCurve:
    """The loss over one weight (`name` "W", index (i, j)) or bias ("b", (j,)) of `layer`.

    Without `value_range`, the range holds the current value and the lowest
    point near it. The slope is a central difference, which agrees with the
    backward pass's gradient for the same samples.
    """
    network = state.network
    if name not in ("W", "b") or not 1 <= layer <= network.depth:
        raise EngineError(f"no parameter {name}[{layer}] in a network of {network.depth} layers")
    target = (network.W if name == "W" else network.b)[layer - 1]
    if len(index) != target.ndim or any(not 0 <= i < n for i, n in zip(index, target.shape, strict=True)):
        raise EngineError(f"{name}[{layer}] has shape {target.shape}; index {index} is outside it")
    if state.x is None or state.t is None:
        x, t, whole_set = x_train, t_train, True
    else:
        x, t, whole_set = state.x, state.t, False
    current = float(target[index])
    if not np.isfinite(current):
        raise EngineError("the parameter is not a finite number: no curve to draw")
    lo, hi = value_range if value_range is not None else _fitted_range(network, name, layer, index, current, x, t, loss)
    values = np.linspace(lo, hi, POINTS)
    losses = _losses(network, name, layer, index, values, x, t, loss)
    h = 1e-6 * max(1.0, abs(current))
    around = _losses(network, name, layer, index, np.array([current - h, current, current + h]), x, t, loss)
    slope = float((around[2] - around[0]) / (2 * h))
    finite = np.isfinite(losses)
    low = int(np.argmin(np.where(finite, losses, np.inf))) if finite.any() else 0
    return ParameterCurve(
        name,
        layer,
        tuple(index),
        values,
        losses,
        current,
        float(around[1]),
        slope,
        len(x),
        whole_set,
        (float(values[low]), float(losses[low])),
    )
