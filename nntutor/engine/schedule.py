"""Which training samples each step uses: the batch size, and one seeded shuffle an epoch."""

from dataclasses import dataclass, field

import numpy as np

from .errors import EngineError
from .state import CycleState

Array = np.ndarray


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
