"""Activation functions, each beside its derivative.

`derivative(z, a)` returns da/dz elementwise; it receives both z and a = f(z)
because sigmoid and tanh are cheapest from a. Softmax is not elementwise: its
backward step is a Jacobian-vector product, written in `softmax_backward`.
"""

from collections.abc import Callable
from dataclasses import InitVar, dataclass, field

import numpy as np

Array = np.ndarray


def sigmoid(z: Array) -> Array:
    # For z below about -709, e^-z overflows to inf and 1 / (1 + inf) is
    # exactly 0, the right limit: the overflow is expected, not an error.
    with np.errstate(over="ignore"):
        return _sigmoid_unguarded(z)


def _sigmoid_unguarded(z: Array) -> Array:
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z: Array) -> Array:
    shifted = z - z.max(axis=-1, keepdims=True)  # largest exponent is exp(0)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def softmax_backward(a: Array, dL_da: Array) -> Array:
    """delta_i = a_i * (g_i - sum_j g_j a_j): the softmax Jacobian applied to g = dL/da."""
    return a * (dL_da - (dL_da * a).sum(axis=-1, keepdims=True))


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[Array], Array]
    derivative: Callable[[Array, Array], Array] | None  # None: not elementwise (softmax)
    formula: str  # how the lessons write it, for the detail panel
    # The same numbers as `f`, without its own np.errstate guard, for loops
    # that already run under np.errstate(all="ignore"): entering errstate
    # costs about as much as a small layer's whole forward step. Given as
    # `unguarded` where it differs from `f`; `f` itself otherwise.
    unguarded: InitVar[Callable[[Array], Array] | None] = None
    f_unguarded: Callable[[Array], Array] = field(init=False)

    def __post_init__(self, unguarded: Callable[[Array], Array] | None) -> None:
        object.__setattr__(self, "f_unguarded", self.f if unguarded is None else unguarded)

    def delta(self, z: Array, a: Array, dL_da: Array) -> Array:
        """dL/dz from dL/da through this activation."""
        if self.derivative is None:
            return softmax_backward(a, dL_da)
        return dL_da * self.derivative(z, a)


ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation("linear", lambda z: z, lambda z, a: np.ones_like(z), "a = z"),
    "sigmoid": Activation("sigmoid", sigmoid, lambda z, a: a * (1.0 - a), "a = 1 / (1 + e^-z)", _sigmoid_unguarded),
    "tanh": Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a, "a = tanh(z)"),
    "relu": Activation("relu", lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(z.dtype), "a = max(0, z)"),
    "softmax": Activation("softmax", softmax, None, "a_i = e^z_i / sum_j e^z_j"),
}
