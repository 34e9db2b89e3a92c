"""One whole forward and backward pass of a batch, keeping only the gradients.

The fast training path and the gradient check use this; the learning cycle
runs the same per-layer Network methods one phase at a time, so all three
compute the same numbers bit for bit.
"""

import numpy as np

from .losses import Loss
from .network import Network

Array = np.ndarray


def backprop(network: Network, x: Array, t: Array, loss_fn: Loss) -> tuple[float, list[Array], list[Array]]:
    """The batch's loss, and dW and db of every layer (nothing applied)."""
    zs, activations = [], [x]
    for k in range(1, network.depth + 1):
        z, a = network.forward_layer(k, activations[-1])
        zs.append(z)
        activations.append(a)
    dL_da = loss_fn.gradient(activations[-1], t)
    dWs, dbs = [None] * network.depth, [None] * network.depth
    for k in range(network.depth, 0, -1):
        delta = network.delta(k, zs[k - 1], activations[k], dL_da, loss_fn, t)
        dWs[k - 1], dbs[k - 1], dL_da = network.gradients(k, activations[k - 1], delta)
    return loss_fn.value(activations[-1], t), dWs, dbs
