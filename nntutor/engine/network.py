"""A dense network, and the per-layer math the learning cycle walks through.

Layer k (1-based, as the lessons count) has W[k-1] of shape (n_in, n_out) and
b[k-1] of shape (n_out,); activations are rows, one per sample:

    z_k = a_{k-1} @ W_k + b_k        (batch, n_in) @ (n_in, n_out) -> (batch, n_out)
    a_k = f_k(z_k)

A Network never changes: `updated` returns a new one. That lets the learning
cycle keep every earlier state for undo without copying arrays.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .activations import ACTIVATIONS, Activation
from .errors import EngineError
from .limits import LIMITS
from .losses import Loss, add_reduce

Array = np.ndarray


@dataclass(frozen=True)
class Network:
    W: tuple[Array, ...]
    b: tuple[Array, ...]
    activations: tuple[str, ...]
    # Derived from `activations` in __post_init__ (looked up once, not at every step).
    _layer_activations: tuple[Activation, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        W = tuple(np.array(w, dtype=np.float64, ndmin=2) for w in self.W)
        b = tuple(np.array(v, dtype=np.float64, ndmin=1) for v in self.b)
        acts = tuple(self.activations)
        if not (len(W) == len(b) == len(acts)):
            raise EngineError(
                f"the network has {len(W)} weight matrices, {len(b)} bias vectors and {len(acts)} activations; "
                "each layer needs one of each"
            )
        sizes = [W[0].shape[0]] + [w.shape[1] for w in W] if W else []
        LIMITS.check_network(sizes)
        for k, (w, v, name) in enumerate(zip(W, b, acts, strict=True), start=1):
            if w.ndim != 2 or w.shape[0] != sizes[k - 1]:
                raise EngineError(f"layer {k}: W has shape {w.shape}, expected ({sizes[k - 1]}, n_out)")
            if v.shape != (w.shape[1],):
                raise EngineError(f"layer {k}: b has shape {v.shape}, expected ({w.shape[1]},)")
            if name not in ACTIVATIONS:
                raise EngineError(f"layer {k}: unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}")
            if name == "softmax" and k != len(W):
                raise EngineError(f"layer {k}: softmax is only allowed on the output layer")
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(v))):
                raise EngineError(f"layer {k}: weights and biases must be finite numbers")
            w.flags.writeable = False
            v.flags.writeable = False
        object.__setattr__(self, "W", W)
        object.__setattr__(self, "b", b)
        object.__setattr__(self, "activations", acts)
        object.__setattr__(self, "_layer_activations", tuple(ACTIVATIONS[name] for name in acts))

    @classmethod
    def from_seed(cls, layers: list[int], activations: list[str], seed: int = 0) -> "Network":
        """Random weights scaled by 1/sqrt(n_in) (Xavier-like), biases zero.

        The same seed and sizes always give the same numbers.
        """
        LIMITS.check_network(list(layers))
        if len(activations) != len(layers) - 1:
            raise EngineError(
                f"{len(layers) - 1} weight layers need {len(layers) - 1} activations, got {len(activations)}"
            )
        rng = np.random.default_rng(seed)
        W = [
            rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_out))
            for n_in, n_out in zip(layers, layers[1:], strict=False)
        ]
        b = [np.zeros(n_out) for n_out in layers[1:]]
        return cls(tuple(W), tuple(b), tuple(activations))

    @property
    def layer_activations(self) -> tuple[Activation, ...]:
        return self._layer_activations

    @property
    def sizes(self) -> list[int]:
        return [self.W[0].shape[0]] + [w.shape[1] for w in self.W]

    @property
    def depth(self) -> int:
        return len(self.W)

    def activation(self, layer: int) -> Activation:
        return self._layer_activations[layer - 1]

    def forward_layer(self, layer: int, a_prev: Array) -> tuple[Array, Array]:
        """z and a of one layer. Callers run it under np.errstate(all="ignore"), as a
        diverging network overflows by design; the activations skip their own guards."""
        k = layer - 1
        z = a_prev @ self.W[k] + self.b[k]  # (batch, n_in) @ (n_in, n_out) -> (batch, n_out)
        return z, self._layer_activations[k].f_unguarded(z)

    def predict(self, x: Array) -> Array:
        a = x
        with np.errstate(all="ignore"):
            for layer in range(1, self.depth + 1):
                a = self.forward_layer(layer, a)[1]
        return a

    def delta(self, layer: int, z: Array, a: Array, dL_da: Array, loss: Loss, t: Array | None = None) -> Array:
        """delta_k = dL/dz_k from dL/da_k.

        On the output layer, the pairings sigmoid + binary cross-entropy and
        softmax + cross-entropy use their exact closed form (a - t) / batch,
        which stays accurate when a probability saturates.
        """
        act = self.activation(layer)
        if t is not None and layer == self.depth and loss.fused_with == act.name:
            return fused_output_delta(a, t)
        return act.delta(z, a, dL_da)

    def gradients(self, layer: int, a_prev: Array, delta: Array) -> tuple[Array, Array, Array | None]:
        """dW, db of layer k, and dL/da_{k-1}: the gradient passed down to layer k-1.

        Layer 1 passes nothing down (the inputs are data, not neurons), so its
        third value is None.
        """
        dW = a_prev.T @ delta  # (n_in, batch) @ (batch, n_out) -> (n_in, n_out)
        db = column_sums(delta)  # (n_out,)
        if layer == 1:
            return dW, db, None
        dL_da_prev = delta @ self.W[layer - 1].T  # (batch, n_out) @ (n_out, n_in) -> (batch, n_in)
        return dW, db, dL_da_prev

    def updated(self, dW: Sequence[Array], db: Sequence[Array], lr: float) -> "Network":
        """W -= lr * dW, b -= lr * db, as a new network (no check: divergence is the cycle's to report)."""
        return self.with_parameters(
            [w - lr * g for w, g in zip(self.W, dW, strict=True)], [v - lr * g for v, g in zip(self.b, db, strict=True)]
        )

    def with_parameters(self, W: Sequence[Array], b: Sequence[Array]) -> "Network":
        """These activations with other weights and biases of the same shapes, unchecked (training
        makes them; a diverged network's inf or NaN are the cycle's to report)."""
        new = object.__new__(Network)
        new.__dict__.update(
            W=tuple(W), b=tuple(b), activations=self.activations, _layer_activations=self._layer_activations
        )
        return new

    def is_finite(self) -> bool:
        # One sum per array: any inf or NaN makes the total non-finite. (A
        # total that overflows from finite weights near 1e308 counts too; such
        # a network has diverged in every sense that matters here.)
        return math.isfinite(sum(float(w.sum()) for w in self.W) + sum(float(v.sum()) for v in self.b))


def fused_output_delta(a: Array, t: Array) -> Array:
    """delta of an output whose activation is paired with its loss (see `Network.delta`)."""
    return (a - t) / len(a)


def column_sums(delta: Array) -> Array:
    """delta.sum(axis=0), the same numbers, without ndarray.sum's Python wrapper (it shows at batch 1)."""
    return add_reduce(delta, axis=0)
