"""The numbers the charts draw: loss curves, function curves, decision grids, loss surfaces."""

import subprocess
import sys

import numpy as np
import pytest
from worked_example import worked_cycle

from nntutor.engine import EngineError, LearningCycle, Network, make_dataset
from nntutor.engine.views import (
    decision_grid,
    function_curve,
    history_states,
    input_ranges,
    level_edges,
    loss_curves,
    loss_surface,
    point_classes,
    value_levels,
    weight_path,
)


def bowl_cycle(lr=0.1, start=(0.0, 0.0), samples=40):
    data = make_dataset("bowl", samples=samples, seed=1)
    net = Network((np.array([[start[0]], [start[1]]]),), (np.array([0.0]),), ("linear",))
    return LearningCycle(net, data, "squared_error", lr)


# -- loss curves -----------------------------------------------------------------


def test_loss_curves_start_empty():
    curves = loss_curves(bowl_cycle())
    assert curves.total_steps == 0
    assert len(curves.steps) == len(curves.step_losses) == len(curves.epochs) == len(curves.test) == 0


def test_loss_curves_hold_every_step_loss_and_epoch():
    cycle = worked_cycle()
    cycle.finish_pass()
    curves = loss_curves(cycle)
    assert curves.steps.tolist() == [1]
    assert curves.step_losses[0] == pytest.approx(0.298371109, abs=1e-9)
    assert curves.epochs.tolist() == [1]
    assert curves.train[0] == pytest.approx(0.298371109, abs=1e-9)
    cycle.train(3)
    curves = loss_curves(cycle.state)  # a CycleState works as well as the cycle
    assert curves.steps.tolist() == [1, 2, 3, 4]
    assert curves.step_losses.tolist() == list(cycle.state.step_losses)
    assert curves.train.tolist() == [r.train_loss for r in cycle.state.epoch_log]
    assert np.all(np.diff(curves.step_losses) < 0)


def test_loss_curves_include_test_losses_per_epoch():
    data = make_dataset("sine", samples=50, seed=2, test_fraction=0.2)
    cycle = LearningCycle(
        Network.from_seed([1, 6, 1], ["tanh", "linear"], seed=3), data, "squared_error", 0.1, batch=10
    )
    cycle.train(4)
    curves = loss_curves(cycle)
    assert curves.epochs.tolist() == curves.test_epochs.tolist() == [1, 2, 3, 4]
    assert curves.test.tolist() == [r.test_loss for r in cycle.state.epoch_log]
    assert len(curves.steps) == 4 * 4  # 40 training samples in batches of 10
    assert curves.positive


def test_loss_curves_thin_long_runs_to_bin_means():
    cycle = bowl_cycle()
    cycle.train(100)
    curves = loss_curves(cycle, max_points=10)
    assert curves.thinned and curves.total_steps == 100
    assert len(curves.steps) == len(curves.epochs) == 10
    assert curves.steps[-1] == 100
    assert curves.step_losses[0] == pytest.approx(np.mean(cycle.state.step_losses[:10]))


def test_loss_curves_leave_out_non_finite_losses():
    cycle = bowl_cycle(lr=50.0)  # far too large: diverges
    cycle.train(500)
    assert cycle.diverged
    curves = loss_curves(cycle)
    assert np.all(np.isfinite(curves.step_losses))
    assert curves.total_steps >= len(curves.steps)


# -- function curve ----------------------------------------------------------------


def test_function_curve_is_the_networks_prediction():
    net = Network.from_seed([1, 4, 1], ["tanh", "linear"], seed=5)
    curve = function_curve(net, (-1.0, 1.0), points=21)
    assert curve.x[0] == -1.0 and curve.x[-1] == 1.0 and len(curve.x) == 21
    assert curve.y.shape == (21, 1)
    np.testing.assert_allclose(curve.y, net.predict(curve.x[:, None]))


def test_function_curve_of_a_line_is_straight():
    net = Network((np.array([[2.0]]),), (np.array([1.0]),), ("linear",))
    curve = function_curve(net, (0.0, 3.0), points=4)
    assert curve.y[:, 0].tolist() == [1.0, 3.0, 5.0, 7.0]


def test_function_curve_rejects_two_inputs_and_bad_ranges():
    with pytest.raises(EngineError, match="1 input"):
        function_curve(Network.from_seed([2, 1], ["linear"]), (0, 1))
    with pytest.raises(EngineError, match="x_range"):
        function_curve(Network.from_seed([1, 1], ["linear"]), (1, 0))


# -- decision grid -------------------------------------------------------------------


def test_trained_xor_net_classifies_the_corners():
    data = make_dataset("xor", samples=200, seed=0)
    cycle = LearningCycle(Network.from_seed([2, 8, 1], ["tanh", "sigmoid"], seed=0), data, "binary_cross_entropy", 1.0)
    cycle.train(2000)
    grid = decision_grid(cycle.network, (-1, 1), (-1, 1), cols=4, rows=4)
    assert grid.kind == "class" and grid.n_classes == 2
    # values[r, c] is at (xs[c], ys[r]), rows from the lowest y up:
    # class 1 where exactly one of x, y is positive.
    assert grid.values[0, 0] == 0  # (-, -)
    assert grid.values[0, 3] == 1  # (+, -)
    assert grid.values[3, 0] == 1  # (-, +)
    assert grid.values[3, 3] == 0  # (+, +)
    np.testing.assert_allclose(grid.xs, [-0.75, -0.25, 0.25, 0.75])


def test_decision_grid_takes_the_largest_of_several_outputs():
    # Output j is large where input j is large: class = which input is bigger.
    net = Network((np.eye(2) * 5,), (np.zeros(2),), ("softmax",))
    grid = decision_grid(net, (0, 1), (0, 1), cols=2, rows=2)
    assert grid.n_classes == 2
    assert grid.values[0, 1] == 0  # x = 0.75 > y = 0.25
    assert grid.values[1, 0] == 1  # y = 0.75 > x = 0.25


def test_decision_grid_thresholds_one_sigmoid_output_at_half():
    net = Network((np.array([[1.0], [0.0]]),), (np.array([0.0]),), ("sigmoid",))  # 0.5 exactly at x = 0
    grid = decision_grid(net, (-1, 1), (-1, 1), cols=4, rows=1)
    assert grid.values.tolist() == [[0, 0, 1, 1]]


def test_decision_grid_gives_raw_values_of_a_linear_output():
    net = Network((np.array([[4.0], [3.0]]),), (np.array([0.0]),), ("linear",))
    grid = decision_grid(net, (0, 2), (0, 2), cols=2, rows=2)
    assert grid.kind == "value" and grid.n_classes == 0
    np.testing.assert_allclose(
        grid.values, [[4 * 0.5 + 3 * 0.5, 4 * 1.5 + 3 * 0.5], [4 * 0.5 + 3 * 1.5, 4 * 1.5 + 3 * 1.5]]
    )


def test_decision_grid_needs_two_inputs():
    with pytest.raises(EngineError, match="2 inputs"):
        decision_grid(Network.from_seed([1, 1], ["linear"]), (0, 1), (0, 1), 3, 3)


def test_input_ranges_pad_the_data():
    assert input_ranges(np.array([[0.0, -1.0], [10.0, 1.0]]), pad=0.1) == [(-1.0, 11.0), (-1.2, 1.2)]


def test_value_levels_cut_the_span_evenly():
    assert value_levels(np.array([0.0, 0.5, 1.0, 2.0]), 4).tolist() == [0, 1, 2, 3]
    assert value_levels(np.array([1.0, 10.0, 100.0, 1000.0]), 3, log=True).tolist() == [0, 1, 2, 2]
    assert value_levels(np.array([1.0, np.nan, np.inf]), 3).tolist() == [0, 2, 2]
    assert value_levels(np.array([2.0, 2.0]), 3).tolist() == [0, 0]


# -- loss surface ----------------------------------------------------------------------


def test_bowl_surface_has_its_minimum_at_4_3():
    cycle = bowl_cycle()
    surface = loss_surface(cycle, 1, (0, 0), (1, 0), ranges=((0, 8), (0, 6)), resolution=41)
    w1, w2, lowest = surface.minimum
    assert (w1, w2) == pytest.approx((4.0, 3.0))
    assert lowest == pytest.approx(0.0, abs=1e-12)
    assert surface.loss.shape == (41, 41)
    # Loss at (w1, w2) = (0, 0) is the mean squared target.
    assert surface.loss[0, 0] == pytest.approx(np.mean(cycle.data.y_train**2))


def test_surface_matches_the_engine_loss_at_every_point():
    data = make_dataset("xor", samples=30, seed=4)
    net = Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=2)
    cycle = LearningCycle(net, data, "binary_cross_entropy", 0.5)
    surface = loss_surface(cycle, 1, (0, 1), (1, 2), ranges=((-2, 2), (-1, 1)), resolution=(5, 4))
    assert surface.loss.shape == (4, 5)
    for r, v2 in enumerate(surface.w2):
        for c, v1 in enumerate(surface.w1):
            W = [w.copy() for w in net.W]
            W[0][0, 1], W[0][1, 2] = v1, v2
            moved = Network(tuple(W), net.b, net.activations)
            assert surface.loss[r, c] == pytest.approx(cycle.dataset_loss(data.x_train, data.y_train, moved))


def test_surface_of_an_output_layer_weight_with_softmax():
    data = make_dataset("blobs3", samples=30, seed=4)
    net = Network.from_seed([2, 4, 3], ["relu", "softmax"], seed=1)
    cycle = LearningCycle(net, data, "cross_entropy", 0.5)
    surface = loss_surface(cycle, 2, (0, 0), (3, 2), resolution=6)
    W = [w.copy() for w in net.W]
    W[1][0, 0], W[1][3, 2] = surface.w1[2], surface.w2[4]
    moved = Network(tuple(W), net.b, net.activations)
    assert surface.loss[4, 2] == pytest.approx(cycle.dataset_loss(data.x_train, data.y_train, moved))


def test_descent_path_follows_the_updates_and_ends_at_the_weights():
    cycle = bowl_cycle()
    for _ in range(15):
        cycle.finish_pass()
    surface = loss_surface(cycle, 1, (0, 0), (1, 0), ranges=((0, 8), (0, 6)), resolution=9)
    W = cycle.network.W[0]
    assert len(surface.path) == 16  # the start and one point per update
    assert tuple(surface.path[0]) == (0.0, 0.0)
    assert tuple(surface.path[-1]) == surface.current == (W[0, 0], W[1, 0])
    assert np.all(np.diff(surface.path_loss) < 0)  # a small rate descends the bowl
    assert surface.current_loss == pytest.approx(cycle.dataset_loss(cycle.data.x_train, cycle.data.y_train))


def test_path_forgets_undone_steps_and_restarts_after_reset():
    cycle = bowl_cycle()
    for _ in range(5):
        cycle.finish_pass()
    for _ in range(cycle.phases.__len__()):
        cycle.undo()  # one whole pass back
    states = history_states(cycle)
    assert len(weight_path(states, 1, (0, 0), (1, 0))) == 5
    cycle.reset()
    cycle.finish_pass()
    path = weight_path(history_states(cycle), 1, (0, 0), (1, 0), since=cycle.initial.network)
    assert len(path) == 2 and tuple(path[0]) == (0.0, 0.0)


def test_auto_range_covers_the_path():
    cycle = bowl_cycle(start=(1.0, -1.0))
    cycle.train(20)
    surface = loss_surface(cycle, 1, (0, 0), (1, 0), resolution=5)
    for (lo, hi), col in zip(
        ((surface.w1[0], surface.w1[-1]), (surface.w2[0], surface.w2[-1])), surface.path.T, strict=True
    ):
        assert lo < col.min() and col.max() < hi


def test_surface_rejects_bad_weights():
    cycle = bowl_cycle()
    with pytest.raises(EngineError, match="shape"):
        loss_surface(cycle, 1, (0, 0), (2, 0))
    with pytest.raises(EngineError, match="layers 1 to 1"):
        loss_surface(cycle, 2, (0, 0), (1, 0))
    with pytest.raises(EngineError, match="two different"):
        loss_surface(cycle, 1, (0, 0), (0, 0))


def test_views_import_no_ui_library():
    code = (
        "import sys, nntutor.engine.views; print(sorted(m for m in ('textual', 'rich', 'plotext') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_level_edges_mark_band_borders():
    bands = np.array([[0, 0, 1], [0, 0, 1], [2, 2, 2]])
    assert level_edges(bands).tolist() == [[False, True, False], [True, True, True], [False, False, False]]


def test_point_classes_read_targets():
    assert point_classes(np.array([[0.0], [1.0], [0.7]])).tolist() == [0, 1, 1]
    assert point_classes(np.array([[0, 0, 1], [1, 0, 0]])).tolist() == [2, 0]


def test_auto_range_widens_to_hold_the_bowls_bottom():
    cycle = bowl_cycle(start=(0.5, -0.5))
    surface = loss_surface(cycle, 1, (0, 0), (1, 0), resolution=41)
    w1, w2, _ = surface.minimum
    step1, step2 = surface.w1[1] - surface.w1[0], surface.w2[1] - surface.w2[0]
    assert abs(w1 - 4) <= step1 and abs(w2 - 3) <= step2
    assert surface.w1[0] < 0.5 < surface.w1[-1] and surface.w2[0] < -0.5 < surface.w2[-1]


def test_the_descent_path_follows_training_step_by_step():
    from nntutor.engine import LearningCycle, Network, make_dataset
    from nntutor.engine.views import history_states, weight_path

    data = make_dataset("bowl", samples=20, seed=0)
    net = Network((np.array([[0.0], [0.0]]),), (np.array([0.0]),), ("linear",))
    cycle = LearningCycle(net, data, "squared_error", lr=0.1)
    cycle.train(30)
    cycle.run_until("loss")  # later phases carry the same trained path
    path = weight_path(history_states(cycle), 1, (0, 0), (1, 0))
    assert len(path) == 31  # the start and each of the 30 updates, once each
    assert tuple(path[0]) == (0.0, 0.0)
    assert np.all(np.diff(path[:, 0]) > 0)  # w1 walks steadily toward 4
    np.testing.assert_allclose(path[-1], [cycle.network.W[0][0, 0], cycle.network.W[0][1, 0]])
