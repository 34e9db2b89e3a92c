"""Pictures of what each neuron computes: the numbers (engine) and the drawing (widget)."""

import numpy as np
import pytest

from nntutor.engine import Dataset, EngineError, Network, make_dataset
from nntutor.engine.neuron_maps import input_grid, neuron_maps
from nntutor.ui.widgets.neuron_maps import RAMP, render_maps


def test_every_neuron_picture_is_the_network_evaluated_at_the_grid_points():
    data = make_dataset("spiral", samples=60, noise=0.1)
    net = Network.from_seed([2, 4, 3, 1], ["tanh", "relu", "sigmoid"], seed=2)
    grid = input_grid(data.x_train, 7, 5)
    maps = neuron_maps(net, grid)
    assert [(m.layer, m.j) for m in maps] == [(1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (2, 1), (2, 2), (3, 0)]
    hidden1 = np.tanh(grid.points @ net.W[0] + net.b[0])
    np.testing.assert_allclose(maps[2].values, hidden1[:, 2].reshape(5, 7))
    np.testing.assert_allclose(maps[-1].values, net.predict(grid.points)[:, 0].reshape(5, 7))
    # The top row is the largest x2, the left column the smallest x1; the grid spans the data.
    assert grid.ys[0] > grid.ys[-1] and grid.xs[0] < grid.xs[-1]
    assert grid.xs[0] < data.x_train[:, 0].min() + 0.2 and grid.xs[-1] > data.x_train[:, 0].max() - 0.2


def test_squashing_neurons_keep_their_own_range_and_the_others_are_fitted():
    data = make_dataset("circle", samples=40)
    maps = neuron_maps(
        Network.from_seed([2, 2, 2, 1], ["tanh", "relu", "sigmoid"], seed=1), input_grid(data.x_train, 6, 6)
    )
    tanh, relu, sigmoid = maps[0], maps[2], maps[4]
    assert (tanh.lo, tanh.hi, tanh.fixed) == (-1.0, 1.0, True)
    assert (sigmoid.lo, sigmoid.hi, sigmoid.fixed) == (0.0, 1.0, True)
    assert relu.lo == 0.0 and relu.hi >= relu.values.max() and not relu.fixed


def test_one_input_data_gives_curves_along_the_line():
    data = make_dataset("sine", samples=30)
    grid = input_grid(data.x_train, 12)
    maps = neuron_maps(Network.from_seed([1, 3, 1], ["tanh", "linear"]), grid)
    assert grid.ys is None and maps[0].values.shape == (12,)


def test_more_than_two_inputs_is_refused():
    with pytest.raises(EngineError, match="one or two inputs"):
        input_grid(np.zeros((4, 3)), 5, 5)


def half_plane_network() -> Network:
    """One sigmoid neuron that is near 1 where x1 > 0 and near 0 where x1 < 0."""
    return Network((np.array([[20.0], [0.0]]),), (np.array([0.0]),), ("sigmoid",))


def test_the_picture_reads_without_colour_light_where_low_and_dark_where_high():
    x = np.array([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]])
    data = Dataset.from_arrays(x, [[0.0], [1.0], [0.0], [1.0]])
    text = render_maps(half_plane_network(), data, (1, 0), 60, 16, colour=False).plain
    rows = text.splitlines()
    assert rows[0].startswith("y1: sigmoid, layer 1")
    picture = [row[:20] for row in rows[1:8]]  # the large picture is 20 columns at this width
    for row in picture[1:-1]:  # the middle rows: no data points on them
        assert set(row[:6]) <= {RAMP[0]} and set(row[-6:]) == {RAMP[-1]}, picture
    assert "'·' low .. '█' high, sigmoid 0..1" in text
    assert "training points (class 1 / class 0)" in text


def test_training_and_test_points_fall_where_the_data_is():
    x = np.array([[-1.0, 1.0], [1.0, -1.0]])
    data = Dataset(x, np.array([[0.0], [1.0]]), np.array([[1.0, 1.0]]), np.array([[1.0]]), "classification")
    rows = render_maps(half_plane_network(), data, (1, 0), 60, 16, colour=False).plain.splitlines()[1:12]
    picture = [row[:20] for row in rows]
    marks = {(r, c): ch for r, row in enumerate(picture) for c, ch in enumerate(row) if ch in "○●◇◆"}
    top_left = min(marks, key=lambda rc: rc[0] + rc[1])
    assert marks[top_left] == "○"  # (-1, 1), class 0, training
    assert sorted(marks.values()) == sorted("○●◆")  # and the class 1 test point at (1, 1)


def test_every_neuron_has_a_small_picture_and_the_selected_one_is_marked():
    data = make_dataset("xor", samples=40)
    net = Network.from_seed([2, 4, 4, 1], ["tanh", "tanh", "sigmoid"])
    text = render_maps(net, data, (2, 1), 78, 17, colour=False).plain
    for name in ("h1.1", "h1.4", "h2.1", "h2.4", "y1"):
        assert name in text
    assert "▸h2.2" in text and text.startswith("h2.2: tanh, layer 2")


def test_readouts_are_data_losses_and_accuracies_on_the_whole_sets():
    from nntutor.engine import LOSSES
    from nntutor.engine.readouts import readouts

    x = np.array([[-1.0, 0.0], [1.0, 0.0], [2.0, 0.0], [-2.0, 0.0]])
    data = Dataset(x[:3], np.array([[0.0], [1.0], [0.0]]), x[3:], np.array([[0.0]]), "classification")
    r = readouts(half_plane_network(), data, LOSSES["binary_cross_entropy"])
    assert r.train_accuracy == pytest.approx(2 / 3) and r.test_accuracy == 1.0
    # (2, 0) is taken for class 1 with certainty: -log of the clipped 1e-12, the others near 0
    assert r.train_loss == pytest.approx(-np.log(1e-12) / 3, rel=1e-3) and r.test_loss < 1e-9


def test_the_large_pictures_title_is_never_cut_mid_word():
    data = make_dataset("spiral", samples=40)
    net = Network.from_seed([2, 6, 6, 1], ["tanh", "tanh", "sigmoid"])
    narrow = render_maps(net, data, (1, 0), 78, 11, colour=False).plain.splitlines()[0]
    assert narrow.startswith("h1.1: tanh ") and "layer " not in narrow.split("▸")[0]
    wide = render_maps(net, data, (1, 0), 78, 17, colour=False).plain.splitlines()[0]
    assert wide.startswith("h1.1: tanh, layer 1 ")
