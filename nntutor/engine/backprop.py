"""One whole forward and backward pass of a batch, keeping only the gradients.

`backprop` walks the Network's per-layer methods, the ones the learning
cycle runs one phase at a time; the gradient check tests it. The fast
training path runs `batch_gradients`, the same expressions in one loop.
All three compute the same numbers bit for bit (tests/engine holds them
to it).
"""

import numpy as np

from .losses import Loss
from .network import Network, column_sums, fused_output_delta
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


def batch_gradients(
    network: Network, x: Array, t: Array, loss_fn: Loss, l2: float = 0.0, delta_sizes: list[Array] | None = None
) -> tuple[float, list[Array], list[Array]]:
    """`backprop` for loops that already run under np.errstate(all="ignore"), as training does.

    The same expressions as `Network.forward_layer`, `delta` and `gradients`,
    in the same order (so the numbers agree bit for bit), written as one
    loop: at batch 1 the method calls cost more than the arithmetic.
    `delta_sizes` (one (batch, n_k) array a layer) gets each layer's |delta|
    added, for the rounding bound of the parameters (param_residues.py).
    """
    Ws, acts = network.W, network.layer_activations
    zs: list[Array] = []
    outs = [x]
    a = x
    for W, b, act in zip(Ws, network.b, acts, strict=True):
        z = a @ W + b
        a = act.f_unguarded(z)
        zs.append(z)
        outs.append(a)
    if loss_fn.fused_with == acts[-1].name:
        delta = fused_output_delta(a, t)  # dL/dy is never needed
    else:
        delta = acts[-1].delta(zs[-1], a, loss_fn.gradient(a, t))
    k = len(Ws) - 1
    dWs: list[Array] = []  # from the output layer down; reversed at the end
    dbs: list[Array] = []
    while True:
        dWs.append(with_decay(outs[k].T @ delta, Ws[k], l2))
        dbs.append(column_sums(delta))
        if delta_sizes is not None:
            delta_sizes[k][: len(delta)] += np.abs(delta)
        if k == 0:
            break
        delta = acts[k - 1].delta(zs[k - 1], outs[k], delta @ Ws[k].T)
        k -= 1
    dWs.reverse()
    dbs.reverse()
    return loss_fn.value(a, t) + l2_penalty(Ws, l2), dWs, dbs
