"""Training in bulk: whole steps with the phases' math, keeping nothing for display.

The loop owns copies of the weights and biases and updates them in place
(`dW *= lr; w -= dW` gives the numbers the update phase's `w - lr * dW` gives), so
a step makes no Network; the deltas go straight into the buffer the rounding
bounds read (param_residues.DeltaRing). Every expression is the one the
phases compute (network.py, activations.py, losses.py), on the same
operands in the same order, so both give the same numbers bit for bit
(tests/engine/test_fast_path.py holds them to it). Counters live in local
variables and one CycleState is built at the end.

The losses go into the state's logs (8 bytes a number, loss_log.py) a block
of BLOCK at a time, so a call holds at most a block of them as Python floats
however many epochs it trains; no EpochRecord is made unless `on_epoch` asks
for one. The test set's loss, measured after every epoch, runs the forward
math of Network.predict on the loop's own weights (no Network is built, no
error state entered): at full batch on a small set it cost as much as the
training step itself.
"""

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .activations import softmax_backward
from .datasets import Dataset
from .loss_log import EpochLog, FloatLog, share_equal_chunks
from .losses import Loss, add_reduce
from .network import Network
from .param_residues import DeltaRing
from .phase_run import diverged_message, mean_loss
from .regularization import l2_penalty
from .schedule import Schedule
from .state import CycleState, EpochRecord

Array = np.ndarray

TRAIN_PATH_POINTS = 400  # networks kept from one train call, for the descent path
BLOCK = 1024  # losses a call holds as Python floats before adding them to the state's logs


class _Losses:
    """The state's step and epoch logs as a training call adds to them, a block at a time."""

    def __init__(self, state: CycleState, has_test: bool):
        self.steps: FloatLog = state.step_losses
        self.epochs: EpochLog = state.epoch_log
        self.next_epoch = state.epoch  # the first epoch of the block
        self.since = min(len(self.steps), len(self.epochs))  # entries from here on are this call's
        self.step_block: list[float] = []
        self.train_block: list[float] = []
        self.test_block: list[float] | None = [] if has_test else None

    def add_step(self, loss: float) -> None:
        self.step_block.append(loss)
        if len(self.step_block) == BLOCK:
            self.steps = self.steps + self.step_block
            self.step_block.clear()

    def add_epoch(self, train_loss: float, test_loss: float | None) -> None:
        self.train_block.append(train_loss)
        if self.test_block is not None:
            self.test_block.append(test_loss)  # type: ignore[arg-type]  # a float whenever there is a test set
        if len(self.train_block) == BLOCK:
            self._add_epochs()

    def _add_epochs(self) -> None:
        tests = None if self.test_block is None else np.array(self.test_block)
        self.epochs = self.epochs.plus_columns(self.next_epoch, np.array(self.train_block), tests)
        self.next_epoch += len(self.train_block)
        self.train_block.clear()
        if self.test_block is not None:
            self.test_block.clear()

    def logs(self) -> tuple[FloatLog, EpochLog]:
        """Both logs with every loss added so far."""
        self._add_epochs()
        self.steps = self.steps + self.step_block
        self.step_block.clear()
        share_equal_chunks(self.steps, self.epochs, self.since)  # at full batch, the same losses
        return self.steps, self.epochs


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
) -> tuple[CycleState, EpochLog]:
    """Whole training steps from `state` (at the start of a pass); `on_epoch` may return True to stop.

    Returns the new state and the epochs trained (a span of its epoch log).
    About `path_points` networks passed through are kept on the state's
    `trained_path` (thinned at twice that); 0 keeps none.
    """
    net, lr, l2, epoch, batch = state.network, state.lr, state.l2, state.epoch, state.batch_in_epoch
    steps = state.steps_done
    x_test, t_test = data.x_test, data.y_test
    losses = _Losses(state, has_test=len(x_test) > 0)
    batch_losses = list(state.epoch_batch_losses)
    epochs_done = 0
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
    # A linear output's da/dz is 1 everywhere: the phases' dL/da * 1.0 is dL/da itself, bit for bit.
    linear_out = acts[-1].name == "linear"
    loss_value, loss_gradient = loss_fn.value, loss_fn.gradient

    def current() -> Network:
        """The weights as they stand, as a Network of their own (the loop goes on changing its copies)."""
        return net.with_parameters([w.copy() for w in Ws], [b.copy() for b in bs])

    def test_loss() -> float:
        """The test set's loss on the weights as they stand: Network.predict's math, on the loop's copies."""
        a = x_test
        for W, b, f in forward_layers:
            z = a @ W
            z += b
            a = f(z)
        return loss_value(a, t_test)

    with np.errstate(all="ignore"):
        while epochs_done < epochs:
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
            losses.add_step(loss)
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
            elif linear_out:
                np.copyto(delta, loss_gradient(a, t))
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
                train_loss, tested = mean_loss(batch_losses), test_loss() if losses.test_block is not None else None
                losses.add_epoch(train_loss, tested)
                epochs_done += 1
                epoch, batch, batch_losses = epoch + 1, 0, []
                if on_epoch is not None and on_epoch(EpochRecord(epoch - 1, train_loss, tested)):
                    break
    if steps > state.steps_done:
        net = kept or current()
    # Weights that overflow make the next loss non-finite, which the loop
    # catches; the last update is checked here, so the fast path pays for
    # one weight check per call rather than one per step.
    if diverged is None and not net.is_finite():
        diverged = diverged_message("weights", lr)
    step_log, epoch_log = losses.logs()
    final = replace(
        state.cleared_pass(),
        network=net,
        epoch=epoch,
        batch_in_epoch=batch,
        steps_done=steps,
        step_losses=step_log,
        epoch_batch_losses=tuple(batch_losses),
        epoch_log=epoch_log,
        set_by_hand=state.set_by_hand and not epochs_done,
        diverged=diverged,
        trained_path=tuple(path),
        update_sums=ring.total(),
    )
    return final, epoch_log[len(state.epoch_log) :]
