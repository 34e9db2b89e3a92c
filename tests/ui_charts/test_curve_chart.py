"""The loss as a curve of one parameter: engine numbers, and a chart that shows each number only
once the phase that computes it has run."""

import numpy as np
import pytest
from test_charts import ChartApp

from nntutor.curriculum.loader import find_lesson
from nntutor.engine.curve import parameter_curve
from nntutor.ui.charts import CurveChart
from nntutor.ui.session import LessonSession


def crowd():
    """The derivative lesson's neuron: one photo, x = 0, so the guess is the bias b = 350."""
    return LessonSession(find_lesson("derivative")).cycle


def test_the_curve_is_the_crowd_parabola_and_its_slope_is_the_backward_gradient():
    cycle = crowd()
    cycle.run_until("backward 1")
    state = cycle.state
    curve = parameter_curve(state, cycle.data.x_train, cycle.data.y_train, "squared_error", "b", 1, (0,))
    assert curve.current == 350 and curve.current_loss == pytest.approx(22500)
    assert curve.losses == pytest.approx((curve.values - 500) ** 2)
    assert curve.slope == pytest.approx(float(state.db[0][0]), rel=1e-6) == pytest.approx(-300)
    assert curve.values[0] < 350 < 500 < curve.values[-1]  # the point and the bottom both in view
    assert curve.lowest[0] == pytest.approx(500, abs=(curve.values[1] - curve.values[0]))


def test_a_weight_of_the_bowl_gives_the_gradient_the_network_computes():
    session = LessonSession(find_lesson("learning-rate"))
    cycle = session.cycle
    cycle.run_until("backward 1")
    curve = parameter_curve(cycle.state, cycle.data.x_train, cycle.data.y_train, "squared_error", "W", 1, (1, 0))
    assert curve.slope == pytest.approx(float(cycle.state.dW[0][1, 0]), rel=1e-5)
    assert not curve.whole_set and curve.samples == len(cycle.data.x_train)  # the full batch drawn


async def test_the_chart_shows_loss_and_slope_only_after_their_phases():
    cycle = crowd()
    chart = CurveChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        cycle.run_until("sample")
        chart.update_from(cycle)
        await pilot.pause()
        assert "L ? at" in chart.title_text and "slope ?" in chart.title_text
        assert "tangent after backward" in chart.legend_text
        text = chart.render().plain
        assert "22500" not in text and "-300" not in text
        cycle.run_until("backward 1")
        chart.update_from(cycle)
        await pilot.pause()
        assert "slope -300" in chart.title_text and "L 22500 at" in chart.title_text
        assert "this sample" in chart.title_text
        assert "-" in chart.render().plain.split("┌")[1]  # the tangent is drawn
        span = (chart.curve.values[0], chart.curve.values[-1])
        cycle.run_until("update")
        chart.update_from(cycle)
        await pilot.pause()
        assert chart.curve.current == pytest.approx(425)
        assert (chart.curve.values[0], chart.curve.values[-1]) == span  # the curve stays put
        # the gradients held are 350's: the slope at 425 (the next quiz's answer) waits for backward
        assert "slope ?" in chart.title_text and "-150" not in chart.render().plain
        cycle.run_until("backward 1")
        chart.update_from(cycle)
        await pilot.pause()
        assert "slope -150" in chart.title_text


async def test_the_chart_follows_the_selection_once_the_learner_moves_it():
    session = LessonSession(find_lesson("backprop"))
    cycle = session.cycle
    chart = CurveChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        chart.select(("n", 1, 0))  # where the selection starts: the default parameter stays
        chart.update_from(cycle)
        await pilot.pause()
        assert chart.title_text.count("y1") == 1  # the first output's bias
        chart.select(("w", 2, 1, 0))
        chart.update_from(cycle)
        await pilot.pause()
        assert "W2 w21" in chart.title_text
        assert chart.curve.current == pytest.approx(float(cycle.network.W[1][1, 0]))
        assert np.all(np.isfinite(chart.curve.losses))


async def test_the_curve_chart_survives_the_batch_going_away():
    # a batch of 20 drawn, then stepped back: the same network with no batch. The change key then
    # compares None with an array, which must not ask numpy for the truth value of 20 comparisons
    cycle = LessonSession(find_lesson("learning-rate")).cycle
    chart = CurveChart()
    async with ChartApp(chart).run_test(size=(80, 24)) as pilot:
        cycle.run_until("sample")
        chart.update_from(cycle)
        await pilot.pause()
        assert not chart.curve.whole_set
        cycle.undo()
        assert chart.update_from(cycle) is True
        await pilot.pause()
        assert chart.curve.whole_set
