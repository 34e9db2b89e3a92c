"""The chart widgets, mounted in a tiny app at 80x24: what they draw matches the engine."""

import numpy as np
import pytest
from textual.app import App, ComposeResult
from worked_example import worked_cycle

from nntutor.engine import Dataset, LearningCycle, Network, make_dataset
from nntutor.engine.views import decision_grid, function_curve
from nntutor.ui.charts import CHARTS, CLASS_GLYPHS, REGION_GLYPHS, FunctionChart, LossChart, SurfaceChart


class ChartApp(App):
    def __init__(self, chart):
        super().__init__()
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield self.chart


def bowl_cycle(lr=0.1):
    data = make_dataset("bowl", samples=40, seed=1)
    net = Network((np.array([[0.0], [0.0]]),), (np.array([0.0]),), ("linear",))
    return LearningCycle(net, data, "squared_error", lr)


def xor_cycle(epochs=1500):
    data = make_dataset("xor", samples=120, seed=0)
    cycle = LearningCycle(Network.from_seed([2, 8, 1], ["tanh", "sigmoid"], seed=0), data, "binary_cross_entropy", 1.0)
    cycle.train(epochs)
    return cycle


def xor_cycle_one_pass_on(epochs: int):
    """xor_cycle after ``epochs``, then one pass of the cycle run phase by phase up to its update."""
    cycle = xor_cycle(epochs=epochs)
    cycle.run_until("update")
    return cycle


def sine_cycle():
    data = make_dataset("sine", samples=40, seed=2, noise=0.05, test_fraction=0.25)
    return LearningCycle(Network.from_seed([1, 8, 1], ["tanh", "linear"], seed=1), data, "squared_error", 0.2, batch=10)


def canvas(chart) -> tuple[list[str], int, int]:
    """The drawn lines, and the column and row of the canvas's top-left character."""
    lines = chart.render().plain.splitlines()
    top = next(n for n, line in enumerate(lines) if "┌" in line)
    return lines, lines[top].index("┌") + 1, top + 1


def canvas_size(chart) -> tuple[int, int]:
    lines, left, top = canvas(chart)
    bottom = next(n for n, line in enumerate(lines) if "└" in line)
    return lines[top - 1].index("┐") - left, bottom - top


async def mounted(chart, cycle, size=(80, 24)):
    app = ChartApp(chart)
    context = app.run_test(size=size)
    pilot = await context.__aenter__()
    chart.update_from(cycle)
    await pilot.pause()
    return app, context, pilot


# -- LossChart -----------------------------------------------------------------------


async def test_loss_chart_plots_every_step_loss():
    cycle = worked_cycle()
    for _ in range(3):
        cycle.finish_pass()
    chart = LossChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert chart.shown_mode == "step"
        xs, ys = chart.shown["train"]
        assert xs == [1, 2, 3]
        assert ys == list(cycle.state.step_losses)
        assert ys[0] == pytest.approx(0.298371109, abs=1e-9)
        text = chart.render().plain
        assert f"{ys[-1]:.4g}" in text  # the latest loss is in the title
        assert "┌" in text and "└" in text  # a plot frame was drawn
    finally:
        await context.__aexit__(None, None, None)


async def test_loss_chart_per_epoch_with_test_loss_and_log_scale():
    cycle = sine_cycle()
    cycle.train(30)
    chart = LossChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert chart.shown_mode == "epoch"  # auto: a test set exists
        assert chart.shown["train"] == (
            [r.epoch for r in cycle.state.epoch_log],
            [r.train_loss for r in cycle.state.epoch_log],
        )
        assert chart.shown["test"][1] == [r.test_loss for r in cycle.state.epoch_log]
        assert "train" in chart.title_text and "test" in chart.title_text
        assert not chart.shown_log
        chart.toggle_log()
        await pilot.pause()
        assert chart.shown_log and "(log)" in chart.render().plain
        assert chart.cycle_mode() == "step"
        await pilot.pause()
        assert chart.shown_mode == "step" and list(chart.shown) == ["train"]
        assert chart.shown["train"][1] == list(cycle.state.step_losses)
    finally:
        await context.__aexit__(None, None, None)


async def test_loss_chart_title_gives_the_latest_loss_not_a_thinned_point():
    cycle = sine_cycle()
    cycle.train(1500)  # far more epochs than the chart has columns: the curves are thinned
    chart = LossChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        last = cycle.state.epoch_log[-1]
        assert chart.curves.thinned
        assert f"train {last.train_loss:.4g}" in chart.title_text and f"test {last.test_loss:.4g}" in chart.title_text
    finally:
        await context.__aexit__(None, None, None)


async def test_loss_chart_says_when_there_is_nothing_yet():
    chart = LossChart()
    app, context, pilot = await mounted(chart, worked_cycle())
    try:
        assert chart.notice == "loss: no step taken yet"
        assert "no step taken yet" in chart.render().plain
    finally:
        await context.__aexit__(None, None, None)


async def test_loss_chart_redraws_only_when_the_losses_change():
    cycle = worked_cycle()
    chart = LossChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        builds = chart.builds
        cycle.step()  # sample: no new loss
        assert chart.update_from(cycle) is False
        await pilot.pause()
        assert chart.builds == builds
        cycle.run_until("loss")
        assert chart.update_from(cycle) is True
        await pilot.pause()
        assert chart.builds == builds + 1
        assert chart.shown["train"][1] == [cycle.state.loss]
        cycle.undo()  # back before the loss: the point goes again
        chart.update_from(cycle)
        await pilot.pause()
        assert chart.shown == {} and chart.notice
    finally:
        await context.__aexit__(None, None, None)


async def test_loss_chart_survives_a_diverging_run():
    cycle = bowl_cycle(lr=50.0)
    cycle.train(300)
    assert cycle.diverged
    chart = LossChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert chart.shown_log  # the loss spans hundreds of powers of ten
        lines, left, top = canvas(chart)
        assert any(ch in "⠁⠂⠄⡀⠈⠐⠠⢀⣀⠉⠒⠤" or "\u2800" <= ch <= "\u28ff" for line in lines for ch in line[left:])
    finally:
        await context.__aexit__(None, None, None)


# -- FunctionChart -------------------------------------------------------------------------


async def test_function_chart_draws_the_networks_function_of_one_input():
    cycle = sine_cycle()
    cycle.train(20)
    chart = FunctionChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        expected = function_curve(cycle.network, chart.ranges[0], chart.points)
        np.testing.assert_allclose(chart.curve.y, expected.y)
        lo, hi = chart.ranges[0]
        assert lo < cycle.data.x_train.min() and cycle.data.x_train.max() < hi
        text = chart.render().plain
        assert "o" in text and "x" in text  # training and test samples
    finally:
        await context.__aexit__(None, None, None)


async def test_function_chart_recomputes_only_after_an_update():
    cycle = sine_cycle()
    chart = FunctionChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        builds, before = chart.builds, chart.curve.y.copy()
        cycle.run_until("loss")
        assert chart.update_from(cycle) is False  # the network did not change
        cycle.finish_pass()
        assert chart.update_from(cycle) is True
        await pilot.pause()
        assert chart.builds == builds + 1
        assert not np.allclose(chart.curve.y, before)
        np.testing.assert_allclose(chart.curve.y, cycle.network.predict(chart.curve.x[:, None]))
    finally:
        await context.__aexit__(None, None, None)


async def test_regions_of_a_trained_xor_net():
    cycle = xor_cycle()
    chart = FunctionChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        grid = chart.grid
        assert grid.kind == "class"
        # One grid cell per character of the canvas.
        assert grid.values.shape[::-1] == canvas_size(chart)
        (x0, x1), (y0, y1) = chart.ranges
        expected = decision_grid(cycle.network, (x0, x1), (y0, y1), grid.values.shape[1], grid.values.shape[0])
        np.testing.assert_array_equal(grid.values, expected.values)
        # The corners of the canvas: class 1 where exactly one input is positive.
        lines, left, top = canvas(chart)
        cols, rows = canvas_size(chart)
        cell = lambda c, r: lines[top + r][left + c]  # r counts from the top  # noqa: E731
        glyph = {REGION_GLYPHS[0]: 0, REGION_GLYPHS[1]: 1}
        corners = {}
        for name, c, r in (
            ("top-left", 1, 1),
            ("top-right", cols - 2, 1),
            ("bottom-left", 1, rows - 2),
            ("bottom-right", cols - 2, rows - 2),
        ):
            # a sample may sit on the cell; look at its neighbours too
            around = [cell(c + dc, r + dr) for dc in (-1, 0, 1) for dr in (-1, 0, 1)]
            corners[name] = {glyph[g] for g in around if g in glyph}
        assert corners == {"top-left": {1}, "top-right": {0}, "bottom-left": {0}, "bottom-right": {1}}
        text = "\n".join(lines)
        assert CLASS_GLYPHS[0] in text and CLASS_GLYPHS[1] in text  # the samples
        # The legend under the axis names the region glyphs and the sample glyphs.
        legend = f"area = predicted class: {REGION_GLYPHS[0]} 0, {REGION_GLYPHS[1]} 1"
        assert chart.legend_text.startswith(legend)
        assert f"{CLASS_GLYPHS[0]} 0, {CLASS_GLYPHS[1]} 1" in chart.legend_text
        assert chart.legend_text in text
    finally:
        await context.__aexit__(None, None, None)


async def test_function_chart_with_many_inputs_says_so():
    data = Dataset.from_arrays([[0.0, 1.0, 2.0]], [[1.0]])
    cycle = LearningCycle(Network.from_seed([3, 1], ["linear"]), data, "squared_error", 0.1)
    chart = FunctionChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert chart.notice == "no picture of a function of 3 inputs"
        assert "3 inputs" in chart.render().plain
    finally:
        await context.__aexit__(None, None, None)


# -- SurfaceChart ------------------------------------------------------------------------------


async def test_surface_path_ends_where_the_weights_are():
    cycle = bowl_cycle()
    for _ in range(12):
        cycle.finish_pass()
    chart = SurfaceChart(ranges=((-1.0, 8.0), (-1.0, 6.0)))
    app, context, pilot = await mounted(chart, cycle)
    try:
        s = chart.surface
        W = cycle.network.W[0]
        assert s.current == (W[0, 0], W[1, 0])
        assert tuple(s.path[-1]) == s.current and tuple(s.path[0]) == (0.0, 0.0)
        assert len(s.path) == 13
        # The surface's lowest point is the bowl's: (4, 3), to within a grid step.
        w1, w2, _ = s.minimum
        assert abs(w1 - 4) <= s.w1[1] - s.w1[0] and abs(w2 - 3) <= s.w2[1] - s.w2[0]
        # The "@" is drawn where the weights are.
        lines, left, top = canvas(chart)
        cols, rows = canvas_size(chart)
        assert s.loss.shape == (rows, cols)
        col = round((s.current[0] - s.w1[0]) / (s.w1[-1] - s.w1[0]) * (cols - 1))
        row = rows - 1 - round((s.current[1] - s.w2[0]) / (s.w2[-1] - s.w2[0]) * (rows - 1))
        assert lines[top + row][left + col] == "@"
        assert "o" in "".join(lines[top : top + rows])  # the path
        assert f"{s.current_loss:.4g}" in chart.title_text
    finally:
        await context.__aexit__(None, None, None)


async def test_surface_follows_undo_and_reset():
    cycle = bowl_cycle()
    for _ in range(4):
        cycle.finish_pass()
    chart = SurfaceChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert len(chart.surface.path) == 5
        cycle.undo()  # the last update
        assert chart.update_from(cycle)
        await pilot.pause()
        assert len(chart.surface.path) == 4
        assert chart.surface.current == (cycle.network.W[0][0, 0], cycle.network.W[0][1, 0])
        cycle.reset()
        chart.update_from(cycle)
        await pilot.pause()
        assert len(chart.surface.path) == 1 and chart.surface.current == (0.0, 0.0)
    finally:
        await context.__aexit__(None, None, None)


async def test_surface_contour_style_and_diverged_notice():
    cycle = bowl_cycle()
    cycle.finish_pass()
    chart = SurfaceChart(style="contour")
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert chart.surface is not None
        cycle.set_lr(50.0)
        cycle.train(300)
        chart.update_from(cycle)
        await pilot.pause()
        assert chart.surface is None and "diverged" in chart.notice
    finally:
        await context.__aexit__(None, None, None)


async def test_surface_needs_two_weights():
    data = Dataset.from_arrays([[1.0]], [[2.0]])
    cycle = LearningCycle(Network.from_seed([1, 1], ["linear"]), data, "squared_error", 0.1)
    chart = SurfaceChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert "fewer than two weights" in chart.notice
    finally:
        await context.__aexit__(None, None, None)


# -- all charts ------------------------------------------------------------------------------


async def test_no_color_uses_no_plotext_colours(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    cycle = xor_cycle(epochs=50)
    chart = FunctionChart()
    app, context, pilot = await mounted(chart, cycle)
    try:
        assert app.no_color and chart.theme == "clear"
        assert chart.color("red") is None
        spans = chart.render().spans
        assert not any(span.style and getattr(span.style, "color", None) for span in spans)
    finally:
        await context.__aexit__(None, None, None)


@pytest.mark.parametrize("size", [(80, 24), (40, 10), (20, 6)])
async def test_charts_fit_small_terminals(size):
    cycles = {"loss": worked_cycle(), "regions": xor_cycle(epochs=20), "surface": bowl_cycle()}
    for cycle in cycles.values():
        cycle.finish_pass()
    for name, cycle in cycles.items():
        chart = CHARTS[name]()
        app, context, pilot = await mounted(chart, cycle, size=size)
        try:
            lines = chart.render().plain.splitlines()
            assert len(lines) <= size[1] and all(len(line) <= size[0] for line in lines)
        finally:
            await context.__aexit__(None, None, None)


async def test_chart_panel_shows_one_chart_at_a_time():
    from nntutor.ui.charts import ChartPanel

    cycle = bowl_cycle()
    for _ in range(3):
        cycle.finish_pass()
    panel = ChartPanel(kinds=("loss", "regions", "surface"), initial="surface")
    app = ChartApp(panel)
    async with app.run_test(size=(80, 24)) as pilot:
        panel.update_from(cycle)
        await pilot.pause()
        surface = panel.chart("surface")
        assert panel.kind == "surface" and surface.display and surface.size.height > 10
        assert surface.surface is not None and not panel.chart("loss").display
        assert panel.chart("loss").builds == 0  # hidden charts compute nothing
        assert panel.next_chart() == "loss"
        await pilot.pause()
        assert panel.chart("loss").shown["train"][1] == list(cycle.state.step_losses)
        assert panel.show("regions") == "function"
        await pilot.pause()
        assert panel.chart("function").grid is not None
        assert panel.show("nonsense") == "loss"


def finished_run(label, cycle):
    from nntutor.engine.views import network_path
    from nntutor.ui.runs import Run

    return Run(label, cycle.state, network_path(cycle.history_states(), since=cycle.initial.network))


async def test_the_loss_chart_draws_earlier_runs_with_their_labels():
    slow, fast = bowl_cycle(lr=0.01), bowl_cycle(lr=0.1)
    slow.train(30)
    fast.train(10)
    runs = (finished_run("lr 0.01", slow),)
    chart = LossChart(mode="step")
    app = ChartApp(chart)
    async with app.run_test(size=(80, 24)) as pilot:
        chart.update_from(fast, runs, "lr 0.1")
        await pilot.pause()
        text = chart.render().plain
        assert chart.shown_runs["lr 0.01"][1] == pytest.approx(list(slow.state.step_losses))
        assert chart.shown["train"][1] == pytest.approx(list(fast.state.step_losses))
        assert "+ lr 0.01" in chart.legend and "⠒ lr 0.1" in chart.legend
        assert "lr 0.01" in text and "lr 0.1" in text  # the legend, drawn
        assert "+" in text.split("┌")[1]  # the earlier run's glyph on the canvas
        assert chart.update_from(fast, runs, "lr 0.1") is False  # nothing changed
        assert chart.update_from(fast, runs + (finished_run("again", slow),), "lr 0.1") is True


async def test_the_loss_chart_shows_earlier_runs_before_the_current_one_has_a_step():
    slow = bowl_cycle(lr=0.01)
    slow.train(5)
    chart = LossChart(mode="step")
    app = ChartApp(chart)
    async with app.run_test(size=(80, 24)) as pilot:
        chart.update_from(bowl_cycle(), (finished_run("first", slow),), "second")
        await pilot.pause()
        assert chart.notice is None and "first" in chart.shown_runs
        assert "none yet" in chart.title_text


async def test_the_surface_chart_draws_an_earlier_path_in_its_own_glyph():
    slow, fast = bowl_cycle(lr=0.01), bowl_cycle(lr=0.1)
    slow.train(30)
    fast.train(10)
    chart = SurfaceChart()
    app = ChartApp(chart)
    async with app.run_test(size=(80, 24)) as pilot:
        chart.update_from(fast, (finished_run("lr 0.01", slow),), "lr 0.1")
        await pilot.pause()
        path = chart.run_paths["lr 0.01"]
        assert len(path) > 5 and path[-1] == pytest.approx(slow.network.W[0][:, 0])
        text = chart.render().plain
        assert "+ lr 0.01" in text and "o lr 0.1" in text  # the legend
