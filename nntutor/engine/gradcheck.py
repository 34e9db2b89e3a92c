"""Check backpropagation against finite differences.

For every weight and bias, nudge it by +eps and -eps, measure the loss, and
compare (L+ - L-) / 2eps with the gradient backprop computed.
"""

import numpy as np

from .backprop import backprop
from .losses import LOSSES
from .network import Network
from .regularization import l2_penalty

Array = np.ndarray


def _relative_difference(analytic: Array, numeric: Array) -> float:
    # Gradients below 1e-6 are compared absolutely: a central difference carries rounding
    # noise of about 1e-16 * loss / eps (1e-11 at eps = 1e-5), no relative error worth reporting.
    scale = np.maximum(np.abs(analytic) + np.abs(numeric), 1e-6)
    return float(np.max(np.abs(analytic - numeric) / scale))


def gradient_check(network: Network, x: Array, t: Array, loss: str, eps: float = 1e-5, l2: float = 0.0) -> list[float]:
    """Per layer, the largest relative difference between backprop and numerical gradients.

    With l2 > 0 the nudged losses include the L2 penalty, so its gradient is checked too.
    """
    loss_fn = LOSSES[loss]
    _, dWs, dbs = backprop(network, x, t, loss_fn, l2)
    worst = []
    for k in range(network.depth):
        numeric_W = np.zeros_like(network.W[k])
        numeric_b = np.zeros_like(network.b[k])
        for params, numeric, is_weight in ((network.W, numeric_W, True), (network.b, numeric_b, False)):
            for index in np.ndindex(params[k].shape):
                losses = []
                for sign in (1.0, -1.0):
                    nudged = params[k].copy()
                    nudged[index] += sign * eps
                    changed = tuple(nudged if j == k else p for j, p in enumerate(params))
                    W, b = (changed, network.b) if is_weight else (network.W, changed)
                    losses.append(loss_fn.value(Network(W, b, network.activations).predict(x), t) + l2_penalty(W, l2))
                numeric[index] = (losses[0] - losses[1]) / (2 * eps)
        worst.append(max(_relative_difference(dWs[k], numeric_W), _relative_difference(dbs[k], numeric_b)))
    return worst
