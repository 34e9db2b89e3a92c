"""Everything the learning cycle knows at one moment, frozen.

A new CycleState is made for every phase (with `dataclasses.replace`), and
arrays are never changed in place, so keeping old states for undo costs only
the arrays a phase made.
"""

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from .loss_log import EpochLog, EpochRecord, FloatLog
from .network import Network
from .phases import Phase, phase_sequence

if TYPE_CHECKING:
    from .param_residues import UpdateSums

Array = np.ndarray

__all__ = ["CycleState", "EpochRecord", "with_item"]


@dataclass(frozen=True)
class CycleState:
    network: Network
    lr: float
    l2: float = 0.0  # L2 strength: the loss adds l2/2 * sum W^2 (see regularization.py)
    epoch: int = 1  # the epoch the current (or next) batch belongs to
    batch_in_epoch: int = 0  # index of the next batch to sample in this epoch
    steps_done: int = 0  # updates applied so far
    position: int = 0  # index of the next phase in the phase sequence
    x: Array | None = None  # (batch, n_in) inputs of the current batch
    t: Array | None = None  # (batch, n_out) targets of the current batch
    z: tuple[Array | None, ...] = ()  # per layer, (batch, n_k)
    a: tuple[Array | None, ...] = ()  # per layer, (batch, n_k)
    loss: float | None = None
    dL_da: tuple[Array | None, ...] = ()  # per layer: dL/da_k, the output's from the loss
    delta: tuple[Array | None, ...] = ()  # per layer: dL/dz_k
    dW: tuple[Array | None, ...] = ()
    db: tuple[Array | None, ...] = ()
    step_losses: FloatLog = field(default_factory=FloatLog)  # the loss of every batch so far (8 bytes each)
    epoch_batch_losses: tuple[float, ...] = ()  # this epoch's batch losses
    epoch_log: EpochLog = field(default_factory=EpochLog)  # a record of every epoch (compact, see loss_log)
    # A weight or bias was set by hand since the last epoch closed: the
    # epoch log's losses were measured on other weights.
    set_by_hand: bool = False
    diverged: str | None = None
    # The networks a `train` call passed through on its way to this state
    # (thinned to at most TRAIN_PATH_POINTS), so charts can draw the descent.
    trained_path: tuple[Network, ...] = ()
    # The run's first rate and every rate set since, as (steps_done when set,
    # rate), oldest first; empty while the rate has never changed (rates_used).
    lr_changes: tuple[tuple[int, float], ...] = ()
    # How far rounding in the updates so far can have moved each parameter
    # (param_residues.py); None before the first update.
    update_sums: "UpdateSums | None" = None

    @classmethod
    def fresh(cls, network: Network, lr: float, l2: float = 0.0) -> "CycleState":
        empty = (None,) * network.depth
        return cls(network, lr, l2, z=empty, a=empty, dL_da=empty, delta=empty, dW=empty, db=empty)

    def cleared_pass(self) -> "CycleState":
        """The per-pass values emptied, ready for the next sample."""
        empty = (None,) * self.network.depth
        return replace(
            self,
            trained_path=(),
            x=None,
            t=None,
            z=empty,
            a=empty,
            loss=None,
            dL_da=empty,
            delta=empty,
            dW=empty,
            db=empty,
        )

    def rates_used(self) -> tuple[float, ...]:
        """The learning rates this run's updates used, in order (a rate replaced before any update
        used it is not one); the current rate alone before the first update."""
        changes = self.lr_changes or ((0, self.lr),)
        ends = [n for n, _ in changes[1:]] + [self.steps_done]
        rates: list[float] = []
        for (start, rate), end in zip(changes, ends, strict=True):
            if end > start and (not rates or rates[-1] != rate):
                rates.append(rate)
        return tuple(rates) or (self.lr,)

    def with_lr(self, lr: float) -> "CycleState":
        """This state at another learning rate, the change noted in `lr_changes`."""
        changes = self.lr_changes or ((0, self.lr),)
        return replace(self, lr=lr, lr_changes=changes + ((self.steps_done, lr),))

    @property
    def last_phase(self) -> "Phase | None":
        """The phase that produced this state; None at the start, after a reset or after training.

        After an update the position is back at the start of the next pass,
        but the batch is still set, which tells it apart from a fresh start.
        """
        if self.position:
            return phase_sequence(self.network.depth)[self.position - 1]
        return Phase("update") if self.just_updated else None

    @property
    def just_updated(self) -> bool:
        """The last phase was an update: the pass's loss and gradients belong to the weights before it."""
        return self.position == 0 and self.x is not None

    QUANTITIES = (
        "x",
        "t",
        "z",
        "a",
        "delta",
        "dW",
        "db",
        "W",
        "b",
        "dL_da",
        "output",
        "loss",
        "lr",
        "epoch",
        "step",
        "train_loss",
        "test_loss",
        "l2",
    )
    LAYERED = ("z", "a", "delta", "dW", "db", "W", "b", "dL_da")

    def quantity(self, name: str, layer: int | None = None):
        """A named value of the live network, as lessons and quizzes refer to it.

        Layered names take a 1-based layer; `a` of layer 0 is the input x and
        `dL_da` with no layer is the output's. Returns None when the value
        has not been computed yet in this pass.
        """
        depth = self.network.depth
        if name not in self.QUANTITIES:
            raise KeyError(name)
        if name in self.LAYERED:
            if layer is None and name == "dL_da":
                layer = depth
            if name == "a" and layer == 0:
                return self.x
            if layer is None or not 1 <= layer <= depth:
                raise KeyError(f"{name} needs a layer from 1 to {depth}")
            if name == "W":
                return self.network.W[layer - 1]
            if name == "b":
                return self.network.b[layer - 1]
            return getattr(self, name)[layer - 1]
        if name == "output":
            return self.a[depth - 1] if depth else None
        if name == "step":
            return self.steps_done
        if name in ("train_loss", "test_loss"):  # of the last finished epoch
            return getattr(self.epoch_log[-1], name) if self.epoch_log else None
        return getattr(self, name)


def with_item(values: tuple, index: int, item) -> tuple:
    """A copy of a per-layer tuple with one entry replaced."""
    return values[:index] + (item,) + values[index + 1 :]
