"""The learning cycle: one phase per call, every phase undoable.

`LearningCycle.step()` runs the next phase and returns a PhaseRecord with
what that phase computed. Gradients are computed in the backward phases and
applied only in `update`. The cycle keeps earlier states (as many as fit a
byte budget, see history.py), so `undo` and `redo` restore the numbers bit
for bit. `train` runs whole epochs through the same per-layer math without
recording each phase, and counts as one step of history.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np

from .backprop import batch_gradients
from .datasets import Dataset
from .errors import EngineError
from .history import HISTORY_BYTES, History
from .limits import LIMITS
from .losses import LOSSES, Loss
from .network import Network
from .param_residues import DeltaSizes, added_update
from .phases import Phase, phase_sequence
from .regularization import check_l2, l2_penalty, with_decay
from .state import CycleState, EpochRecord, with_item

Array = np.ndarray

T = TypeVar("T")

MAX_LR = 1e6
TRAIN_PATH_POINTS = 400  # networks kept from one train call, for the descent path


@dataclass(frozen=True)
class PhaseRecord:
    phase: Phase
    epoch: int
    step: int  # updates applied before this phase
    values: dict = field(default_factory=dict)  # name -> array or float computed by the phase


@dataclass(frozen=True)
class BatchPlace:
    """Where in the training the shown pass stands: epoch, and batch k of the epoch's n (1-based)."""

    epoch: int
    batch: int | None  # None when no pass is on screen
    batches: int  # batches per epoch


@dataclass(frozen=True)
class Schedule:
    """Which training samples each step uses: the batch mode and the seeded shuffle."""

    n_samples: int
    batch_size: int
    seed: int
    shuffle: bool
    # The last epochs' orders, so that an epoch shuffles once, not once a batch.
    _orders: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def batches_per_epoch(self) -> int:
        return -(-self.n_samples // self.batch_size)

    def place_on_screen(self, state: CycleState) -> "BatchPlace":
        """The epoch and batch the numbers on screen belong to.

        While a pass is under way: the batch it works on. Right after its
        update: the batch just used (the update has already moved the
        counters on, to the next epoch when it was the epoch's last batch).
        With no pass on screen (a fresh start, after a reset or after
        training): the epoch the next batch belongs to, and no batch.
        """
        if state.x is None:
            return BatchPlace(state.epoch, None, self.batches_per_epoch)
        if state.just_updated:
            if state.batch_in_epoch == 0:  # it closed its epoch
                return BatchPlace(state.epoch - 1, self.batches_per_epoch, self.batches_per_epoch)
            return BatchPlace(state.epoch, state.batch_in_epoch, self.batches_per_epoch)
        return BatchPlace(state.epoch, state.batch_in_epoch + 1, self.batches_per_epoch)

    def indices(self, epoch: int, batch: int) -> Array | slice:
        """The samples of one batch: an index array, or a slice (a view, no copy) when not shuffled."""
        lo, hi = batch * self.batch_size, min((batch + 1) * self.batch_size, self.n_samples)
        if not self.shuffle:
            return slice(lo, hi)
        return self.order(epoch)[lo:hi]

    def order(self, epoch: int) -> Array:
        """The shuffled order of one epoch (read-only), drawn once and kept while the epoch lasts.

        Each epoch's order comes from (seed, epoch) alone, so undo, redo and
        replay never depend on a generator's hidden position. A worker
        thread and the UI thread may both ask: each dict operation is atomic,
        and a race at worst draws the same order twice.
        """
        order = self._orders.get(epoch)
        if order is None:
            order = np.random.default_rng([self.seed, epoch]).permutation(self.n_samples)
            order.flags.writeable = False
            if len(self._orders) >= 4:
                self._orders.clear()
            self._orders[epoch] = order
        return order


def parse_batch(batch, n_samples: int) -> int:
    """'full' -> every sample; an integer k -> k samples per step (1 = stochastic)."""
    if batch == "full":
        return n_samples
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise EngineError(f"batch must be 'full' or a positive whole number of samples, got {batch!r}")
    return min(batch, n_samples)


def check_lr(lr) -> float:
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not np.isfinite(lr) or not 0 < lr <= MAX_LR:
        raise EngineError(f"the learning rate must be a number above 0 and at most {MAX_LR:g}, got {lr!r}")
    return float(lr)


class LearningCycle:
    def __init__(
        self,
        network: Network,
        data: Dataset,
        loss: str,
        lr: float,
        batch="full",
        seed: int = 0,
        l2: float = 0.0,
        history_budget: int = HISTORY_BYTES,
    ):
        if loss not in LOSSES:
            raise EngineError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}")
        if data.n_inputs != network.sizes[0]:
            raise EngineError(
                f"the data has {data.n_inputs} inputs but the network's input layer has {network.sizes[0]}"
            )
        if data.n_outputs != network.sizes[-1]:
            raise EngineError(
                f"the data has {data.n_outputs} targets per sample but the network has {network.sizes[-1]} outputs"
            )
        self.data = data
        self.loss_fn: Loss = LOSSES[loss]
        self.batch = batch
        size = parse_batch(batch, len(data.x_train))
        self.schedule = Schedule(len(data.x_train), size, seed, shuffle=size < len(data.x_train))
        self.phases = phase_sequence(network.depth)
        self.initial = CycleState.fresh(network, check_lr(lr), check_l2(l2))
        self.state = self.initial
        permanent = (data.x_train, data.y_train, data.x_test, data.y_test, *network.W, *network.b)
        self._history = History(permanent, budget=history_budget)

    # -- what the UI reads -------------------------------------------------
    @property
    def network(self) -> Network:
        return self.state.network

    @property
    def next_phase(self) -> Phase:
        return self.phases[self.state.position]

    @property
    def last_phase(self) -> Phase | None:
        """The phase that produced the current state (None at the start, after a reset or training)."""
        return self.state.last_phase

    @property
    def diverged(self) -> str | None:
        return self.state.diverged

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    @property
    def previous_state(self) -> CycleState | None:
        return self._history.previous

    @property
    def history_bytes(self) -> int:
        """What the undo history holds, about (see engine/history.py)."""
        return self._history.bytes

    def take_history_notice(self) -> str | None:
        """ "oldest undo steps dropped to save memory", once, after the history first dropped steps."""
        return self._history.take_notice()

    # -- moving through the cycle ------------------------------------------
    def step(self) -> PhaseRecord | None:
        """Run the next phase. Returns None (and changes nothing) once diverged."""
        if self.state.diverged:
            return None
        new, record = advance(self.state, self.phases, self.schedule, self.data, self.loss_fn)
        self._commit(new)
        return record

    def run_until(self, phase_text: str) -> list[PhaseRecord]:
        """Step until the named phase has run (at most one full pass)."""
        target = Phase.parse(phase_text, self.network.depth)
        records = []
        for _ in range(len(self.phases)):
            record = self.step()
            if record is None:
                break
            records.append(record)
            if record.phase == target:
                break
        return records

    def finish_pass(self) -> list[PhaseRecord]:
        """Step through the rest of this pass, up to and including the update."""
        records = []
        while (record := self.step()) is not None:  # None once diverged
            records.append(record)
            if record.phase.kind == "update":
                break
        return records

    def preview(self, phase_text: str) -> CycleState:
        """The state just after the named phase next runs; the cycle itself is unchanged."""
        target = Phase.parse(phase_text, self.network.depth)
        state = self.state
        for _ in range(len(self.phases)):
            if state.diverged:
                break
            phase = self.phases[state.position]
            state, _ = advance(state, self.phases, self.schedule, self.data, self.loss_fn)
            if phase == target:
                break
        return state

    def train(self, epochs: int, on_epoch: Callable[[EpochRecord], bool] | None = None) -> list[EpochRecord]:
        """Run `epochs` whole epochs fast; one step of history.

        A pass already under way is finished first. `on_epoch` is called
        after each epoch and may return True to stop early. Stops at
        divergence. Returns the epochs completed.
        """
        state, done = self.train_from(self.state, epochs, on_epoch)
        self._commit(state)
        return done

    def preview_train(self, epochs: int) -> CycleState:
        """The state `train(epochs)` would reach; the cycle itself is unchanged."""
        return self.train_from(self.state, epochs)[0]

    def train_from(
        self, state: CycleState, epochs: int, on_epoch: Callable[[EpochRecord], bool] | None = None
    ) -> tuple[CycleState, list[EpochRecord]]:
        """Train from `state` (one of this cycle's) without touching the cycle.

        For a worker thread that trains in chunks and shows each chunk's
        state: it calls this repeatedly, then hands the last state to
        `adopt` on the UI thread, so the whole run is one step of history.
        """
        LIMITS.check_epochs(epochs)
        state = self._finished_pass(state)
        if state.diverged:
            return state, []
        return train_in_bulk(state, epochs, self.schedule, self.data, self.loss_fn, on_epoch)

    def adopt(self, state: CycleState) -> None:
        """Make a state computed by `train_from` the cycle's own, as one undoable step."""
        self._commit(state)

    def set_lr(self, lr: float) -> None:
        self._commit(self.state.with_lr(check_lr(lr)))

    def set_l2(self, l2: float) -> None:
        """A new L2 strength (undoable); it counts from the next loss phase on."""
        self._commit(replace(self.state, l2=check_l2(l2)))

    def _finished_pass(self, state: CycleState) -> CycleState:
        """`state` with the pass under way run to its end (not committed)."""
        while state.position and not state.diverged:
            state, _ = advance(state, self.phases, self.schedule, self.data, self.loss_fn)
        return state

    def set_parameter(self, name: str, layer: int, index: tuple[int, ...], value: float) -> None:
        """Set one weight (name "W", index (i, j)) or bias ("b", index (j,)) by hand (undoable).

        The values the current pass computed with the old parameter no longer
        hold, so the pass starts again from its sample phase.
        """
        net = self.network
        if name not in ("W", "b") or not 1 <= layer <= net.depth:
            raise EngineError(f"no parameter {name}[{layer}]: expected W or b of a layer from 1 to {net.depth}")
        params = list(net.W if name == "W" else net.b)
        target = params[layer - 1]
        if len(index) != target.ndim or any(not 0 <= i < n for i, n in zip(index, target.shape, strict=True)):
            raise EngineError(f"{name}[{layer}] has shape {target.shape}; index {index} is outside it")
        if not np.isfinite(value):
            raise EngineError(f"{name}[{layer}]{list(index)} must be a finite number, got {value!r}")
        changed = target.copy()
        changed[index] = value
        params[layer - 1] = changed
        W, b = (tuple(params), net.b) if name == "W" else (net.W, tuple(params))
        network = Network(W, b, net.activations)
        self._commit(replace(self.state.cleared_pass(), network=network, position=0, set_by_hand=True))

    def reset(self) -> None:
        """Back to the lesson's first network and data order (undoable); the rate and L2 strength stay."""
        self._commit(replace(self.initial, lr=self.state.lr, l2=self.state.l2))

    def undo(self) -> bool:
        state = self._history.undo(self.state)
        if state is None:
            return False
        self.state = state
        return True

    def redo(self) -> bool:
        state = self._history.redo(self.state)
        if state is None:
            return False
        self.state = state
        return True

    def history_states(self) -> list[CycleState]:
        """Every state the cycle has been in that undo can reach, oldest first, then the current one."""
        return self._history.states() + [self.state]

    def _commit(self, new: CycleState) -> None:
        self._history.commit(self.state)
        self.state = new

    # -- whole-dataset views -------------------------------------------------
    def dataset_loss(self, x: Array, t: Array, network: Network | None = None) -> float | None:
        if len(x) == 0:
            return None
        with np.errstate(all="ignore"):
            return self.loss_fn.value((network or self.network).predict(x), t)


def _diverged_message(what: str, lr: float) -> str:
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
                diverged=None if np.isfinite(loss) else _diverged_message("loss", state.lr),
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


def _close_epoch(epoch: int, batch_losses, network: Network, data: Dataset, loss_fn: Loss) -> EpochRecord:
    test_loss = None
    if len(data.x_test):
        test_loss = loss_fn.value(network.predict(data.x_test), data.y_test)
    return EpochRecord(epoch, sum(batch_losses) / len(batch_losses), test_loss)


def _after_update(
    state: CycleState, network: Network, schedule: Schedule, data: Dataset, loss_fn: Loss, epoch_losses
) -> CycleState:
    """Count the step, close the epoch when its last batch is done, and watch for divergence."""
    batch = state.batch_in_epoch + 1
    changes: dict[str, Any] = dict(network=network, steps_done=state.steps_done + 1, batch_in_epoch=batch)
    if not network.is_finite():
        changes["diverged"] = _diverged_message("weights", state.lr)
    if batch == schedule.batches_per_epoch:
        record = _close_epoch(state.epoch, epoch_losses, network, data, loss_fn)
        changes.update(
            epoch=state.epoch + 1,
            batch_in_epoch=0,
            epoch_batch_losses=(),
            epoch_log=state.epoch_log + (record,),
            set_by_hand=False,
        )
    return replace(state, **changes)


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
                diverged = _diverged_message("loss", lr)
                break
            net = net.updated(dWs, dbs, lr)
            steps += 1
            batch += 1
            if steps % stride == 0:
                path.append(net)
                if len(path) > 2 * TRAIN_PATH_POINTS:
                    path = path[1::2]
            if batch == per_epoch:
                record = _close_epoch(epoch, batch_losses, net, data, loss_fn)
                done.append(record)
                epoch, batch, batch_losses = epoch + 1, 0, []
                if on_epoch is not None and on_epoch(record):
                    break
    # Weights that overflow make the next loss non-finite, which the loop
    # catches; the last update is checked here, so the fast path pays for
    # one weight check per call rather than one per step.
    if diverged is None and not net.is_finite():
        diverged = _diverged_message("weights", lr)
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
