"""One whole forward and backward pass of a batch, keeping only the gradients.

`backprop` walks the Network's per-layer methods, the ones the learning
cycle runs one phase at a time; the gradient check tests it. Bulk training
(bulk_train.py) writes the same expressions out in one loop; all three
compute the same numbers bit for bit (tests/engine holds them to it).
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
    zs: list[Array] = []
    activations = [x]
    with np.errstate(all="ignore"):
        for k in range(1, network.depth + 1):
            z, a = network.forward_layer(k, activations[-1])
            zs.append(z)
            activations.append(a)
        dL_da = loss_fn.gradient(activations[-1], t)
        dWs: list[Array] = []  # from the output layer down; reversed at the end
        dbs: list[Array] = []
        for k in range(network.depth, 0, -1):
            delta = network.delta(k, zs[k - 1], activations[k], dL_da, loss_fn, t)
            dW, db, dL_da_prev = network.gradients(k, activations[k - 1], delta)
            dWs.append(with_decay(dW, network.W[k - 1], l2))
            dbs.append(db)
            if dL_da_prev is not None:  # None only below layer 1, where the loop ends
                dL_da = dL_da_prev
        dWs.reverse()
        dbs.reverse()
        return loss_fn.value(activations[-1], t) + l2_penalty(network.W, l2), dWs, dbs
