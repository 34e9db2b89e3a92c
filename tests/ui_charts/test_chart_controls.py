"""The loss chart's keys (e: per step or per epoch, g: log scale), its legend under the plot,
the envelope that keeps jumps visible, and a surface that does not rescale within a lesson."""

import numpy as np
import pytest
from test_charts import ChartApp, bowl_cycle, finished_run, sine_cycle

from nntutor.curriculum.loader import find_lesson
from nntutor.engine.envelope import envelope
from nntutor.ui.app import NNTutorApp
from nntutor.ui.charts import ChartPanel, LossChart, SurfaceChart
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.session import LessonSession


def plot_rows(chart) -> tuple[list[str], list[str]]:
    """The rows inside the plot frame, and the rows below it."""
    lines = chart.render().plain.splitlines()
    top = next(n for n, line in enumerate(lines) if "┌" in line)
    bottom = next(n for n, line in enumerate(lines) if "└" in line)
    return lines[top + 1 : bottom], lines[bottom + 1 :]


async def test_e_and_g_change_the_loss_chart_and_say_so(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson("overfitting"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, LessonScreen):  # the step's opening quiz: skip it
            await pilot.press("escape")
            await pilot.pause()
        screen = app.screen
        screen.session.cycle.train(5)  # epochs to draw
        screen.refresh_view()
        await pilot.press("e")  # opens the charts on the loss chart, then steps its mode
        await pilot.pause()
        panel = screen.chart_panel()
        chart = panel.chart("loss")
        assert panel.kind == "loss" and chart.mode == "step"
        assert screen.message == "loss chart: the loss of every step (e: each epoch's mean)"
        await pilot.press("e")
        await pilot.pause()
        assert chart.mode == "epoch" and screen.message == "loss chart: each epoch's mean (e: every step)"
        await pilot.press("g")
        await pilot.pause()
        assert chart.log_scale and chart.shown_log and "(log)" in chart.title_text
        assert screen.message == "loss chart: log scale"
        await pilot.press("g")
        await pilot.pause()
        assert not chart.log_scale and "(log)" not in chart.title_text


async def test_the_legend_is_under_the_plot_and_every_run_has_its_own_glyph():
    cycles = [bowl_cycle(lr) for lr in (0.01, 0.03, 0.1)]
    for cycle in cycles:
        cycle.train(20)
    runs = (finished_run("lr 0.01", cycles[0]), finished_run("lr 0.03", cycles[1]))
    chart = LossChart(mode="epoch")
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.update_from(cycles[2], runs, "lr 0.1")
        await pilot.pause()
        inside, below = plot_rows(chart)
        glyphs = [entry.split()[0] for entry in chart.legend]
        assert len(set(glyphs)) == 3
        assert not any("lr 0." in row for row in inside)
        assert any(all(f"{g} " in row for g in glyphs) and "lr 0.01" in row for row in below)


async def test_one_sample_steps_taking_turns_stay_a_band_when_thinned():
    # forward, "Many passes": dog and cat take turns, 600 step losses on a chart 80 columns wide.
    session = LessonSession(find_lesson("forward"))
    session.open_at(7)
    session.finish_step()
    losses = np.array(session.cycle.state.step_losses)
    turns = np.abs(np.diff(losses[:20])).max()
    assert turns > 0.01  # early on, the two photos' losses differ: they take turns
    chart = LossChart(mode="step")
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.update_from(session.cycle)
        await pilot.pause()
        xs, ys = chart.shown["train"]
        assert len(ys) < len(losses)  # thinned
        head = np.array(ys[:4])
        assert head.max() - head.min() >= 0.9 * turns  # the band is as wide as the turns
        assert "band" in chart.legend_text


def test_the_envelope_keeps_the_highest_and_lowest_of_each_stretch():
    xs = np.arange(1, 1001)
    ys = np.where(xs % 2, 1.0, 0.2) * np.exp(-xs / 500)
    out_x, out_y = envelope(xs, ys, 100)
    assert len(out_y) == 100
    assert out_y[0] == ys[:20].max() and out_y[1] == ys[:20].min()
    assert out_x[0] == 1 and out_x[-1] == 1000
    assert envelope(xs[:50], ys[:50], 100)[1] is not None and len(envelope(xs[:50], ys[:50], 100)[1]) == 50


async def test_the_surface_does_not_rescale_between_steps_of_a_lesson():
    lesson = find_lesson("surface")
    session = LessonSession(lesson)
    chart = SurfaceChart(weight_layer=1)
    spans = []
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        while True:
            session.apply_entry_action()
            for _ in range(6):  # phase by phase, as a learner steps
                if session.action_done:
                    break
                if session.step.action.do == "cycle":
                    session.cycle.step()
                    session.phase_ran(session.cycle.state.last_phase)
                else:
                    session.finish_step()
                chart.update_from(session.cycle, session.runs, session.run_label)
                await pilot.pause()
                s = chart.surface
                spans.append((s.w1[0], s.w1[-1], s.w2[0], s.w2[-1]))
            if not session.next_step():
                break
    assert len(spans) > 8
    for (a0, a1, b0, b1), (c0, c1, d0, d1) in zip(spans, spans[1:], strict=False):
        assert c0 <= a0 and c1 >= a1 and d0 <= b0 and d1 >= b1  # only ever grows


async def test_chart_panel_keeps_the_loss_settings_made_before_it_mounted():
    panel = ChartPanel(kinds=("loss", "function"), initial="function")
    assert panel.change_loss_chart("toggle_log") == "loss chart: log scale"
    assert panel.kind == "loss"
    async with ChartApp(panel).run_test(size=(80, 24)) as pilot:
        panel.update_from(sine_cycle())
        await pilot.pause()
        assert panel.chart("loss").log_scale


@pytest.mark.parametrize("mode,log", [("step", False), ("epoch", True)])
def test_snapshot_of_the_loss_chart_controls(snap_compare, mode, log):
    cycles = [bowl_cycle(lr) for lr in (0.01, 0.1)]
    for cycle in cycles:
        cycle.train(30)
    chart = LossChart(mode=mode, log_scale=log)

    async def draw(pilot):
        chart.update_from(cycles[1], (finished_run("lr 0.01", cycles[0]),), "lr 0.1")
        await pilot.pause()

    assert snap_compare(ChartApp(chart), run_before=draw, terminal_size=(80, 24))
