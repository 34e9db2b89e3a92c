"""One phase of the learning cycle: `advance` runs it and says what it computed.

A phase reads the state the earlier phases of the pass left and returns a
new state (states never change); the update closes the epoch after its last
batch and watches for divergence.
"""

from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np

from .datasets import Dataset
from .losses import Loss
from .network import Network
from .param_residues import added_update
from .phases import Phase
from .regularization import l2_penalty, with_decay
from .schedule import Schedule
from .state import CycleState, EpochRecord, with_item

Array = np.ndarray

T = TypeVar("T")


@dataclass(frozen=True)
class PhaseRecord:
    phase: Phase
    epoch: int
    step: int  # updates applied before this phase
    values: dict = field(default_factory=dict)  # name -> array or float computed by the phase


def diverged_message(what: str, lr: float) -> str:
    return (
        f"The {what} stopped being a finite number (inf or NaN): training diverged. "
        f"The learning rate {lr:g} is probably too large. Reset the network, or step back and lower the rate."
    )


def _computed(value: T | None, what: str) -> T:
    """A value an earlier phase of this pass computed: the phase order guarantees it is there."""
    assert value is not None, f"{what} is read before the phase that computes it"
    return value


def advance(
    state: CycleState, phases: tuple[Phase, ...], schedule: Schedule, data: Dataset, loss_fn: Loss
) -> tuple[CycleState, PhaseRecord]:
    """Run the phase at `state.position`; return the new state and what the phase computed."""
    phase = phases[state.position]
    net = state.network
    nxt = (state.position + 1) % len(phases)
    record = lambda **values: PhaseRecord(phase, state.epoch, state.steps_done, values)  # noqa: E731
    with np.errstate(all="ignore"):
        if phase.kind == "sample":
            idx = schedule.indices(state.epoch, state.batch_in_epoch)
            x, t = data.x_train[idx], data.y_train[idx]
            if isinstance(idx, slice):
                idx = np.arange(idx.start, idx.stop)
            return replace(state.cleared_pass(), x=x, t=t, position=nxt), record(x=x, t=t, indices=idx)

        if phase.kind == "forward":
            k = phase.layer
            assert k is not None, "forward and backward phases name their layer"
            a_prev = _computed(state.x if k == 1 else state.a[k - 2], "the layer's input")
            z, a = net.forward_layer(k, a_prev)
            new = replace(state, z=with_item(state.z, k - 1, z), a=with_item(state.a, k - 1, a), position=nxt)
            return new, record(z=z, a=a)

        if phase.kind == "loss":
            y = _computed(state.a[-1], "the output")
            t = _computed(state.t, "the batch's targets")
            penalty = l2_penalty(net.W, state.l2)
            loss = loss_fn.value(y, t) + penalty
            dL_da = loss_fn.gradient(y, t)
            new = replace(
                state,
                loss=loss,
                dL_da=with_item(state.dL_da, net.depth - 1, dL_da),
                step_losses=state.step_losses + (loss,),
                epoch_batch_losses=state.epoch_batch_losses + (loss,),
                position=nxt,
                diverged=None if np.isfinite(loss) else diverged_message("loss", state.lr),
            )
            values = dict(loss=loss, dL_da=dL_da)
            if state.l2:
                values["l2_penalty"] = penalty
            return new, record(**values)

        if phase.kind == "backward":
            k = phase.layer
            assert k is not None, "forward and backward phases name their layer"
            delta = net.delta(
                k,
                _computed(state.z[k - 1], "the layer's z"),
                _computed(state.a[k - 1], "the layer's output"),
                _computed(state.dL_da[k - 1], "the gradient from above"),
                loss_fn,
                state.t,
            )
            a_prev = _computed(state.x if k == 1 else state.a[k - 2], "the layer's input")
            dW, db, dL_da_prev = net.gradients(k, a_prev, delta)
            dW = with_decay(dW, net.W[k - 1], state.l2)
            new = replace(
                state,
                delta=with_item(state.delta, k - 1, delta),
                dW=with_item(state.dW, k - 1, dW),
                db=with_item(state.db, k - 1, db),
                dL_da=state.dL_da if k == 1 else with_item(state.dL_da, k - 2, dL_da_prev),
                position=nxt,
            )
            values = dict(delta=delta, dW=dW, db=db)
            if dL_da_prev is not None:
                values["dL_da_prev"] = dL_da_prev
            return new, record(**values)

        # update
        new_net = net.updated(
            [_computed(g, "a layer's dW") for g in state.dW], [_computed(g, "a layer's db") for g in state.db], state.lr
        )
        new = _after_update(state, new_net, schedule, data, loss_fn, state.epoch_batch_losses)
        deltas = [_computed(d, "a layer's delta") for d in state.delta]
        sums = added_update(state.update_sums, deltas, state.lr, net, data)
        return replace(new, position=nxt, update_sums=sums), record(
            W=new_net.W, b=new_net.b, W_before=net.W, b_before=net.b
        )


def close_epoch(epoch: int, batch_losses, network: Network, data: Dataset, loss_fn: Loss) -> EpochRecord:
    """The epoch's record; `network` has the weights after its last update (measured on the test set)."""
    test_loss = None
    if len(data.x_test):
        test_loss = loss_fn.value(network.predict(data.x_test), data.y_test)
    return EpochRecord(epoch, mean_loss(batch_losses), test_loss)


def mean_loss(batch_losses) -> float:
    """An epoch's training loss: its batch losses added up in order (Python's float sum), over their count."""
    return sum(batch_losses) / len(batch_losses)


def _after_update(
    state: CycleState, network: Network, schedule: Schedule, data: Dataset, loss_fn: Loss, epoch_losses
) -> CycleState:
    """Count the step, close the epoch when its last batch is done, and watch for divergence."""
    batch = state.batch_in_epoch + 1
    changes: dict[str, Any] = dict(network=network, steps_done=state.steps_done + 1, batch_in_epoch=batch)
    if not network.is_finite():
        changes["diverged"] = diverged_message("weights", state.lr)
    if batch == schedule.batches_per_epoch:
        record = close_epoch(state.epoch, epoch_losses, network, data, loss_fn)
        changes.update(
            epoch=state.epoch + 1,
            batch_in_epoch=0,
            epoch_batch_losses=(),
            epoch_log=state.epoch_log + (record,),
            set_by_hand=False,
        )
    return replace(state, **changes)
