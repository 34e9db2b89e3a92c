"""Losses, each beside its derivative with respect to the network's output.

Every loss sums over the output neurons and averages over the samples of the
batch, so `value` of a batch of one is the plain textbook number (a crowd
guess of 350 against 500 costs (350 - 500)^2 = 22500 in squared error).
`gradient` is dL/dy of that same averaged value, shape (batch, outputs).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

Array = np.ndarray

# Probabilities are kept this far from 0 and 1 so that log never sees 0.
_EPS = 1e-12


# np.add.reduce, typed loosely: numpy 2.5's stubs accept no ndarray in its overloads, 2.4's do.
add_reduce: Callable[..., Any] = np.add.reduce


def _total(values: Array) -> Array:
    """np.sum(values), the same number, without np.sum's Python layers (they show at batch 1)."""
    return add_reduce(values, axis=None)


def _squared(y: Array, t: Array) -> float:
    return float(_total((y - t) ** 2) / len(y))


def _squared_grad(y: Array, t: Array) -> Array:
    return 2.0 * (y - t) / len(y)


def _half_squared(y: Array, t: Array) -> float:
    return float(0.5 * _total((y - t) ** 2) / len(y))


def _half_squared_grad(y: Array, t: Array) -> Array:
    return (y - t) / len(y)


def _binary_ce(y: Array, t: Array) -> float:
    p = np.clip(y, _EPS, 1.0 - _EPS)
    return float(-_total(t * np.log(p) + (1.0 - t) * np.log(1.0 - p)) / len(y))


def _binary_ce_grad(y: Array, t: Array) -> Array:
    p = np.clip(y, _EPS, 1.0 - _EPS)
    return (p - t) / (p * (1.0 - p)) / len(y)


def _cross_entropy(y: Array, t: Array) -> float:
    return float(-_total(t * np.log(np.clip(y, _EPS, 1.0))) / len(y))


def _cross_entropy_grad(y: Array, t: Array) -> Array:
    return -t / np.clip(y, _EPS, 1.0) / len(y)


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable[[Array, Array], float]
    gradient: Callable[[Array, Array], Array]
    formula: str
    # The output activation whose pairing with this loss has the simple,
    # exactly stable delta (y - t) / batch: sigmoid with binary
    # cross-entropy, softmax with cross-entropy.
    fused_with: str | None = None


LOSSES: dict[str, Loss] = {
    "squared_error": Loss("squared_error", _squared, _squared_grad, "L = sum (y - t)^2"),
    "half_squared_error": Loss("half_squared_error", _half_squared, _half_squared_grad, "L = 1/2 sum (y - t)^2"),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", _binary_ce, _binary_ce_grad, "L = -sum t log y + (1 - t) log(1 - y)", "sigmoid"
    ),
    "cross_entropy": Loss("cross_entropy", _cross_entropy, _cross_entropy_grad, "L = -sum t log y", "softmax"),
}
