"""Training in bulk: whole steps with the phases' math, keeping nothing for display.

The loop owns copies of the weights and biases and updates them in place
(`dW *= lr; w -= dW` gives the numbers the update phase's `w - lr * dW` gives), so
a step makes no Network; the deltas go straight into the buffer the rounding
bounds read (param_residues.DeltaRing). Every expression is the one the
phases compute (network.py, activations.py, losses.py), on the same
operands in the same order, so both give the same numbers bit for bit
(tests/engine/test_fast_path.py holds them to it). Counters live in local
variables and one CycleState is built at the end.
"""

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .activations import softmax_backward
from .datasets import Dataset
from .losses import Loss, add_reduce
from .network import Network
from .param_residues import DeltaRing
from .phase_run import close_epoch, diverged_message
from .regularization import l2_penalty
from .schedule import Schedule
from .state import CycleState, EpochRecord

Array = np.ndarray

TRAIN_PATH_POINTS = 400  # networks kept from one train call, for the descent path


def _elementwise(derivative: Callable[[Array, Array], Array] | None) -> Callable[[Array, Array], Array]:
    assert derivative is not None, "softmax, the one activation without an elementwise derivative, is output-only"
    return derivative


def train_in_bulk(
    state: CycleState,
    epochs: int,
    schedule: Schedule,
    data: Dataset,
    loss_fn: Loss,
    on_epoch: Callable[[EpochRecord], bool] | None,
    path_points: int = TRAIN_PATH_POINTS,
) -> tuple[CycleState, list[EpochRecord]]:
    """Whole training steps from `state` (at the start of a pass); `on_epoch` may return True to stop.

    About `path_points` networks passed through are kept on the state's
    `trained_path` (thinned at twice that); 0 keeps none.
    """
    net, lr, l2, epoch, batch = state.network, state.lr, state.l2, state.epoch, state.batch_in_epoch
    steps = state.steps_done
    # Only this call's losses and epochs are collected, then added to the
    # state's logs once: a run trained in many chunks copies its history
    # once a chunk, not twice.
    step_losses: list[float] = []
    batch_losses = list(state.epoch_batch_losses)
    done: list[EpochRecord] = []
    # A run trained in chunks continues its path; thinned when it grows long.
    path = list(state.trained_path) if path_points else []
    stride = max(1, epochs * schedule.batches_per_epoch // path_points) if path_points else 0
    kept: Network | None = None  # the path's newest network, if no step came after it
    diverged = None
    x_all, t_all, size, per_epoch = data.x_train, data.y_train, schedule.batch_size, schedule.batches_per_epoch
    order: Array | None = None
    order_epoch: int | None = None
    ring = DeltaRing(state.update_sums, net, data, lr, min(size, len(x_all)), epochs * per_epoch - batch)

    Ws, bs = [w.copy() for w in net.W], [b.copy() for b in net.b]
    acts = net.layer_activations
    forward = [act.f_unguarded for act in acts]
    hidden_derivative = [_elementwise(act.derivative) for act in acts[:-1]]
    out_derivative = acts[-1].derivative  # None: softmax
    last = len(Ws) - 1
    # Per layer, what the loop reads each step, bundled once (the arrays are updated in place).
    forward_layers = tuple(zip(Ws, bs, forward, strict=True))
    # Each layer's dW is computed into one array of its own and scaled there: fresh arrays a step
    # would take heap memory the path's copies (the same size) had just taken, new and not in cache.
    backward_layers = tuple(
        (k, Ws[k], bs[k], np.empty_like(Ws[k]), hidden_derivative[k - 1] if k else None) for k in range(last, -1, -1)
    )
    fused = loss_fn.fused_with == acts[-1].name
    loss_value, loss_gradient = loss_fn.value, loss_fn.gradient

    def current() -> Network:
        """The weights as they stand, as a Network of their own (the loop goes on changing its copies)."""
        return net.with_parameters([w.copy() for w in Ws], [b.copy() for b in bs])

    def network_now() -> Network:
        """The weights as they stand, for a test loss measured at once (the path's copy if just kept)."""
        return kept or net.with_parameters(Ws, bs)

    with np.errstate(all="ignore"):
        while len(done) < epochs:
            lo, hi = batch * size, (batch + 1) * size
            if not schedule.shuffle:
                x, t = x_all[lo:hi], t_all[lo:hi]
            else:
                if order_epoch != epoch:
                    order, order_epoch = schedule.order(epoch), epoch
                assert order is not None, "drawn above on the epoch's first batch"
                idx = order[lo:hi]
                x, t = x_all[idx], t_all[idx]
            # Forward (Network.forward_layer): z = a @ W + b, a = f(z).
            zs: list[Array] = []
            outs = [x]
            a = x
            for W, b, f in forward_layers:
                z = a @ W
                z += b
                a = f(z)
                zs.append(z)
                outs.append(a)
            loss = loss_value(a, t) + l2_penalty(Ws, l2)
            step_losses.append(loss)
            batch_losses.append(loss)
            if not math.isfinite(loss):
                diverged = diverged_message("loss", lr)
                break
            # Backward (Network.delta, Network.gradients), each layer's update
            # applied once the delta below it has read its weights.
            deltas = ring.slot(len(x))
            delta = deltas[last]
            if fused:
                np.divide(a - t, len(a), out=delta)  # fused_output_delta
            elif out_derivative is None:
                np.copyto(delta, softmax_backward(a, loss_gradient(a, t)))
            else:
                np.multiply(loss_gradient(a, t), out_derivative(zs[last], a), out=delta)
            for k, W, b, dW, derivative in backward_layers:
                np.matmul(outs[k].T, delta, out=dW)
                if l2:
                    np.add(dW, l2 * W, out=dW)  # regularization.with_decay
                db = add_reduce(delta, axis=0)  # network.column_sums
                if derivative is not None:  # a hidden layer: its delta for the layer below
                    below = deltas[k - 1]
                    np.multiply(delta @ W.T, derivative(zs[k - 1], outs[k]), out=below)  # Activation.delta
                    delta = below
                dW *= lr  # lr * dW: the same product
                W -= dW
                b -= lr * db
            steps += 1
            batch += 1
            kept = None
            if stride and steps % stride == 0:
                kept = current()
                path.append(kept)
                if len(path) > 2 * path_points:
                    path = path[1::2]
            if batch == per_epoch:
                record = close_epoch(epoch, batch_losses, network_now, data, loss_fn)
                done.append(record)
                epoch, batch, batch_losses = epoch + 1, 0, []
                if on_epoch is not None and on_epoch(record):
                    break
    if steps > state.steps_done:
        net = kept or current()
    # Weights that overflow make the next loss non-finite, which the loop
    # catches; the last update is checked here, so the fast path pays for
    # one weight check per call rather than one per step.
    if diverged is None and not net.is_finite():
        diverged = diverged_message("weights", lr)
    final = replace(
        state.cleared_pass(),
        network=net,
        epoch=epoch,
        batch_in_epoch=batch,
        steps_done=steps,
        step_losses=state.step_losses + tuple(step_losses),
        epoch_batch_losses=tuple(batch_losses),
        epoch_log=state.epoch_log + tuple(done),
        set_by_hand=state.set_by_hand and not done,
        diverged=diverged,
        trained_path=tuple(path),
        update_sums=ring.total(),
    )
    return final, done
