"""One whole forward and backward pass of a batch, keeping only the gradients.

The fast training path and the gradient check use this; the learning cycle
runs the same per-layer Network methods one phase at a time, so all three
compute the same numbers bit for bit.
"""

import numpy as np

from .losses import Loss
from .network import Network
from .regularization import l2_penalty, with_decay

Array = np.ndarray


def backprop(
    network: Network, x: Array, t: Array, loss_fn: Loss, l2: float = 0.0
) -> tuple[float, list[Array], list[Array]]:
    """The batch's loss (with the L2 penalty when l2 > 0), and dW and db of every layer (nothing applied)."""
    zs, activations = [], [x]
    for k in range(1, network.depth + 1):
        z, a = network.forward_layer(k, activations[-1])
        zs.append(z)
        activations.append(a)
    dL_da = loss_fn.gradient(activations[-1], t)
    dWs, dbs = [None] * network.depth, [None] * network.depth
    for k in range(network.depth, 0, -1):
        delta = network.delta(k, zs[k - 1], activations[k], dL_da, loss_fn, t)
        dW, dbs[k - 1], dL_da = network.gradients(k, activations[k - 1], delta)
        dWs[k - 1] = with_decay(dW, network.W[k - 1], l2)
    return loss_fn.value(activations[-1], t) + l2_penalty(network.W, l2), dWs, dbs
