"""The learning cycle: one phase per call, every phase undoable.

`LearningCycle.step()` runs the next phase and returns a PhaseRecord with
what that phase computed. Gradients are computed in the backward phases and
applied only in `update`. The cycle keeps earlier states (as many as fit a
byte budget, see history.py), so `undo` and `redo` restore the numbers bit
for bit. `train` runs whole epochs through the same per-layer math without
recording each phase, and counts as one step of history.
"""

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .bulk_train import TRAIN_PATH_POINTS, train_in_bulk
from .datasets import Dataset
from .errors import EngineError
from .history import HISTORY_BYTES, History
from .limits import LIMITS
from .losses import LOSSES, Loss
from .network import Network
from .phase_run import PhaseRecord, advance
from .phases import Phase, phase_sequence
from .regularization import check_l2
from .schedule import Schedule, parse_batch
from .state import CycleState, EpochRecord

Array = np.ndarray

MAX_LR = 1e6


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
        # Networks a `train` call keeps on its state's trained_path, for a
        # chart that draws the descent (the loss surface). Whoever shows the
        # cycle sets 0 when no such chart can show it: the path is then not
        # kept at all (a 1-16-16-1 network's path holds ~3 MB per trained state).
        self.path_points = TRAIN_PATH_POINTS

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
    def step(self, undoable: bool = True) -> PhaseRecord | None:
        """Run the next phase. Returns None (and changes nothing) once diverged.

        With `undoable=False` the state before it is not kept for undo (a
        trace prints every phase and never goes back: keeping each state
        would cost it time and memory for nothing).
        """
        if self.state.diverged:
            return None
        new, record = advance(self.state, self.phases, self.schedule, self.data, self.loss_fn)
        if undoable:
            self._commit(new)
        else:
            self.state = new
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

    def train(self, epochs: int, on_epoch: Callable[[EpochRecord], bool] | None = None) -> Sequence[EpochRecord]:
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
    ) -> tuple[CycleState, Sequence[EpochRecord]]:
        """Train from `state` (one of this cycle's) without touching the cycle.

        For a worker thread that trains in chunks and shows each chunk's
        state: it calls this repeatedly, then hands the last state to
        `adopt` on the UI thread, so the whole run is one step of history.
        """
        LIMITS.check_epochs(epochs)
        state = self._finished_pass(state)
        if state.diverged:
            return state, []
        return train_in_bulk(state, epochs, self.schedule, self.data, self.loss_fn, on_epoch, self.path_points)

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
