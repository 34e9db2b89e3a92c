"""The loss chart of a long run draws what fits its width without holding the run's logs several times over.

Each redraw while training reads the whole run (100 000 epochs in two seconds
on a small lesson); what one redraw holds at once is part of the tutor's peak
memory (issue 9: at most 60 MB a learner).
"""

import dataclasses
import tracemalloc

import numpy as np
import pytest
from test_charts import ChartApp, xor_cycle

from nntutor.engine.loss_log import EpochLog, EpochRecord, FloatLog
from nntutor.ui.charts import LossChart

EPOCHS, STEPS = 100_000, 400_000  # four batches an epoch


def long_run():
    """A cycle whose state has a run of EPOCHS epochs behind it (made up: training them takes seconds)."""
    cycle = xor_cycle(epochs=3)
    rng = np.random.default_rng(0)
    steps = FloatLog(1.0 / np.arange(1, STEPS + 1) + 0.2 * rng.random(STEPS))
    epochs = EpochLog(EpochRecord(e + 1, 1.0 / (4 * e + 4), None) for e in range(EPOCHS))
    cycle.state = dataclasses.replace(cycle.state, step_losses=steps, epoch_log=epochs)
    return cycle


@pytest.mark.parametrize("mode", ["epoch", "step"])
async def test_a_redraw_of_a_long_run_holds_at_most_two_copies_of_its_step_losses(mode):
    cycle = long_run()
    step_bytes = 8 * STEPS
    chart = LossChart(mode=mode)
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        tracemalloc.start()
        try:
            chart.update_from(cycle)
            await pilot.pause()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        # Every log read unthinned once more for an envelope (mode step) or for nothing (mode epoch)
        # peaked at 9.6 MB here, three copies.
        assert peak < 2 * step_bytes
        xs, ys = chart.shown["train"]
        assert len(xs) <= 2 * 80  # what fits: two braille dots a column
        # The whole curve, first to last: its x runs from the first stretch to the run's end (a
        # stretch per point), and per step the band keeps the highest and the lowest loss of the run.
        last = STEPS if mode == "step" else EPOCHS
        assert xs[0] <= last / len(xs) and xs[-1] == last
        if mode == "step":
            losses = cycle.state.step_losses.as_array()
            assert max(ys) == losses.max() and min(ys) == losses.min()
