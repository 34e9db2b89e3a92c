"""The loss surface keeps to its time budget: a character per point when it can
afford it, else a coarser grid drawn as blocks, and it says so.

Timings are in benchmarks/lesson_cost.py --surface; here, the plan's decisions."""

import numpy as np
import pytest
from test_charts import ChartApp

from nntutor.curriculum import cost
from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.ui.charts import SurfaceChart


def cycle_of(layers: list[int], samples: int) -> LearningCycle:
    activations = ["tanh"] * (len(layers) - 2) + ["sigmoid"]
    net = Network.from_seed(layers, activations, seed=0)
    cycle = LearningCycle(net, make_dataset("xor", samples=samples, seed=0), "squared_error", 0.1)
    cycle.finish_pass()
    return cycle


async def drawn(cycle) -> SurfaceChart:
    chart = SurfaceChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.update_from(cycle)
        await pilot.pause()
        chart.render()
    return chart


def test_every_plan_fits_the_budget_or_is_the_coarsest():
    for point in (1e-6, 4e-6, 1e-5, 3e-5, 1e-4, 1e-3):
        plan = cost.surface_plan(72, 18, point)
        assert plan.points * point <= cost.SURFACE_SECONDS or plan == cost.COARSEST, (point, plan)
    assert cost.surface_plan(72, 18, 1e-6, path_length=20) == cost.SurfacePlan(72, 18, cost.FULL_SEARCH, 20)


async def test_a_small_lesson_gets_a_point_per_character():
    chart = await drawn(cycle_of([2, 1], 20))
    assert not chart.coarse
    assert "grid" not in chart.legend_text


async def test_a_heavy_lesson_gets_a_coarse_grid_drawn_as_blocks_and_says_so():
    cycle = cycle_of([2, 16, 16, 1], 150)
    chart = await drawn(cycle)
    plan = chart.plan(cycle, *chart._grid_used)
    assert chart.coarse
    assert chart.surface.loss.shape == (plan.rows, plan.cols)
    assert plan.cols < chart._grid_used[0]
    assert f"grid {plan.cols}x{plan.rows}" in chart.legend_text
    # What the grid computed is the loss the engine gives at those weights.
    s = chart.surface
    assert np.isfinite(s.loss).all() and s.current_loss == pytest.approx(
        cycle.dataset_loss(cycle.data.x_train, cycle.data.y_train)
    )
