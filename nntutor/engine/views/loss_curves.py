"""Loss per step and per epoch, as the loss charts draw them: non-finite values
left out, long series thinned to a chart's width.
"""

from dataclasses import dataclass

import numpy as np

from ..envelope import envelope, stretch_means, stretches
from ..state import CycleState

Array = np.ndarray


def _state_of(source) -> CycleState:
    """A CycleState from a LearningCycle or a CycleState."""
    return source if isinstance(source, CycleState) else source.state


@dataclass(frozen=True)
class LossCurves:
    """Loss per training step and per epoch, with non-finite values left out.

    `steps` are 1-based step numbers (the x of each step loss). When a series
    was thinned to `max_points`, each value is the mean of a run of
    consecutive values and its x is the run's last step (or epoch). `test` is
    empty when there is no test set.
    """

    steps: Array  # (n,) step numbers
    step_losses: Array  # (n,)
    epochs: Array  # (m,) epoch numbers
    train: Array  # (m,) mean batch loss of each epoch
    test_epochs: Array  # (k,) epochs that have a finite test loss
    test: Array  # (k,)
    total_steps: int  # every step loss recorded, finite or not
    thinned: bool = False

    @property
    def positive(self) -> bool:
        """True when every value is above zero, so a log scale can show them all."""
        return all(np.all(v > 0) for v in (self.step_losses, self.train, self.test))


def loss_curves(source, max_points: int | None = None) -> LossCurves:
    """The losses of a LearningCycle (or CycleState) so far.

    `max_points` thins each long series (steps, epochs) to at most that many
    points, each the mean of consecutive values, so a chart never plots
    100 000 points.
    """
    state = _state_of(source)
    raw = state.step_losses.as_array()
    steps, losses = _finite(raw)
    thinned = False
    if max_points is not None and max_points >= 1 and len(losses) > max_points:
        steps, losses = _thin(steps, losses, max_points)
        thinned = True
    elif steps is None:
        steps = np.arange(1, len(raw) + 1)
    epochs, train, test = state.epoch_log.columns()
    keep, has_test = np.isfinite(train), np.isfinite(test)
    epochs_train = epochs
    if not keep.all():
        epochs_train, train = epochs[keep], train[keep]
    test_epochs, test = epochs[has_test], test[has_test]
    if max_points is not None and max_points >= 1:
        if len(train) > max_points:
            epochs_train, train = _thin(epochs_train, train, max_points)
            thinned = True
        if len(test) > max_points:
            test_epochs, test = _thin(test_epochs, test, max_points)
            thinned = True
    return LossCurves(steps, losses, epochs_train, train, test_epochs, test, len(raw), thinned)


def step_loss_band(source, points: int) -> tuple[Array, Array, bool]:
    """The finite step losses of a LearningCycle (or CycleState) as a per-step chart `points` wide
    draws them, and whether they were enveloped: longer than `points`, each stretch's highest and
    lowest loss (``envelope``). Only the step losses are read in full, once: the whole of every log
    for a chart `points` wide made the redraws of a long run the largest allocations of training."""
    losses = _state_of(source).step_losses.as_array()
    steps, finite = _finite(losses)
    xs, ys = envelope(steps, finite, points)
    return xs, ys, len(xs) < len(finite)


def _finite(raw: Array) -> tuple[Array | None, Array]:
    """The 1-based step numbers of the finite losses (None when all are: every step, numbered from 1)
    and those losses. Copies only when some loss is not finite: a chart redrawn while 100 000 epochs
    train does this each time; nor is every step numbered when only the thinned points' are drawn."""
    finite = np.isfinite(raw)
    return (None, raw) if finite.all() else (np.flatnonzero(finite) + 1, raw[finite])


def _thin(steps: Array | None, values: Array, max_points: int) -> tuple[Array, Array]:
    """Each of `max_points` stretches of `values` as its mean, at the x of its last value (`steps`,
    or None for the 1-based positions)."""
    _, ends = stretches(len(values), max_points)
    xs = ends if steps is None else steps[ends - 1]
    return xs, stretch_means(values, max_points)
