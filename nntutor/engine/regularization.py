"""L2 regularization ("weight decay"): a penalty on large weights, beside its gradient.

The learning cycle descends the data loss plus

    penalty = l2/2 * sum of W^2 over every weight of every layer

whose gradient with respect to a weight is simply l2 * W: each update pulls
every weight a little toward zero. Biases are not regularized (as is usual):
they shift a neuron's output without making the function steeper, so
shrinking them would only bias the fit. `l2 = 0` is the plain loss.
"""

from collections.abc import Sequence

import numpy as np

from .errors import EngineError
from .names import MAX_L2

Array = np.ndarray


def check_l2(l2) -> float:
    if isinstance(l2, bool) or not isinstance(l2, (int, float)) or not np.isfinite(l2) or not 0 <= l2 <= MAX_L2:
        raise EngineError(f"the L2 strength must be a number from 0 to {MAX_L2:g}, got {l2!r}")
    return float(l2)


def sum_of_squares(W: Sequence[Array]) -> float:
    """sum of W^2 over every weight of every layer (biases not included)."""
    return float(sum(np.sum(w * w) for w in W))


def l2_penalty(W: Sequence[Array], l2: float) -> float:
    """l2/2 * sum of W^2: what regularization adds to the loss."""
    return 0.5 * l2 * sum_of_squares(W) if l2 else 0.0


def with_decay(dW: Array, W: Array, l2: float) -> Array:
    """dW of the data loss plus l2 * W, the penalty's gradient (dW itself when l2 is 0)."""
    return dW + l2 * W if l2 else dW
