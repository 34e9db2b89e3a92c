"""A training run in chunks of epochs, as the lesson screen's worker thread trains (no UI here).

The worker (ui/screens/lesson_training.py) runs it in its thread and posts what
`report` hands it; benchmarks/train_ui.py runs the very same loop with no UI as
the engine-alone baseline, so the two differ only by what the UI costs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

TRAIN_PROGRESS_EVERY = 0.25  # seconds from one drawn progress to the next report (the status line) while training
# A chunk of epochs (one engine call) ends when a report is due, or after this
# long while the UI is still drawing the last one.
TRAIN_CHUNK_SECONDS = 0.5
# Epochs the first engine call plans for; each later call plans for as many as
# the run has done so far (the engine keeps about 400 networks of the descent
# path a call, spread over the epochs it plans: planning for the run so far
# keeps the path of a long run to a few hundred networks, where 20 calls a
# second once copied 8000 networks a second, 10-25 % of the training time).
TRAIN_FIRST_PLAN = 16


class ChunkedTraining:
    """Up to `epochs` epochs from `start` (a state of `cycle`), without touching the cycle.

    `state` and `done` are the run's latest, also after `run` raised.
    """

    def __init__(self, cycle: Any, start: Any, epochs: int):
        self.cycle = cycle
        self.state = start
        self.epochs = epochs
        self.done = 0

    def run(
        self,
        stopped: Callable[[], bool],
        report_due_at: Callable[[], float],
        report: Callable[[Any, int], None],
    ) -> None:
        """Train until `epochs`, divergence or `stopped()`; `report(state, done)` once a chunk ends at
        or past `report_due_at()` (a time.monotonic() moment, which the reader of the reports moves).

        A chunk runs until a report is due (or the stop), which the engine checks
        after each epoch: few calls, so little of the time goes to what a call
        costs besides its epochs, and a stop still ends the run within an epoch.
        """
        chunk_began = 0.0

        def chunk_over(record: Any) -> bool:
            now = time.monotonic()
            return stopped() or now >= report_due_at() or now - chunk_began >= TRAIN_CHUNK_SECONDS

        while self.done < self.epochs and not stopped() and not self.state.diverged:
            chunk_began = time.monotonic()
            planned = min(self.epochs - self.done, max(self.done, TRAIN_FIRST_PLAN))
            self.state, records = self.cycle.train_from(self.state, planned, chunk_over)
            self.done += len(records)
            if not records or self.state.diverged:
                break
            if time.monotonic() >= report_due_at():
                report(self.state, self.done)
