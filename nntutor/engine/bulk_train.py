"""Training in bulk: whole steps with the phases' math, keeping nothing for display."""

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .backprop import batch_gradients
from .datasets import Dataset
from .losses import Loss
from .param_residues import DeltaSizes
from .phase_run import close_epoch, diverged_message
from .schedule import Schedule
from .state import CycleState, EpochRecord

Array = np.ndarray

TRAIN_PATH_POINTS = 400  # networks kept from one train call, for the descent path


def train_in_bulk(
    state: CycleState,
    epochs: int,
    schedule: Schedule,
    data: Dataset,
    loss_fn: Loss,
    on_epoch: Callable[[EpochRecord], bool] | None,
) -> tuple[CycleState, list[EpochRecord]]:
    """Whole training steps with the same per-layer math as the phases, keeping nothing for display.

    `state` must be at the start of a pass. Counters live in local variables
    and one CycleState is built at the end: this loop is the fast path.
    """
    net, lr, l2, epoch, batch = state.network, state.lr, state.l2, state.epoch, state.batch_in_epoch
    steps = state.steps_done
    # Only this call's losses and epochs are collected, then added to the
    # state's tuples once: a run trained in many chunks copies its history
    # once a chunk, not twice.
    step_losses: list[float] = []
    batch_losses = list(state.epoch_batch_losses)
    done: list[EpochRecord] = []
    # A run trained in chunks continues its path; thinned when it grows long.
    path, stride = list(state.trained_path), max(1, epochs * schedule.batches_per_epoch // TRAIN_PATH_POINTS)
    diverged = None
    x_all, t_all, size, per_epoch = data.x_train, data.y_train, schedule.batch_size, schedule.batches_per_epoch
    order: Array | None = None
    order_epoch: int | None = None
    sizes = DeltaSizes(state.update_sums, net, data, lr, min(size, len(x_all)))
    with np.errstate(all="ignore"):
        while len(done) < epochs:
            if not schedule.shuffle:
                x, t = x_all[batch * size : (batch + 1) * size], t_all[batch * size : (batch + 1) * size]
            else:
                if order_epoch != epoch:
                    order, order_epoch = schedule.order(epoch), epoch
                assert order is not None, "drawn above on the epoch's first batch"
                idx = order[batch * size : (batch + 1) * size]
                x, t = x_all[idx], t_all[idx]
            loss, dWs, dbs = batch_gradients(net, x, t, loss_fn, l2, sizes.rows)
            step_losses.append(loss)
            batch_losses.append(loss)
            if not math.isfinite(loss):
                diverged = diverged_message("loss", lr)
                break
            net = net.updated(dWs, dbs, lr)
            steps += 1
            batch += 1
            if steps % stride == 0:
                path.append(net)
                if len(path) > 2 * TRAIN_PATH_POINTS:
                    path = path[1::2]
            if batch == per_epoch:
                record = close_epoch(epoch, batch_losses, net, data, loss_fn)
                done.append(record)
                epoch, batch, batch_losses = epoch + 1, 0, []
                if on_epoch is not None and on_epoch(record):
                    break
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
        update_sums=sizes.total(),
    )
    return final, done
