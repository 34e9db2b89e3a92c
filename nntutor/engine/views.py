"""What the charts show, computed: loss curves, the network's function, decision
regions and the loss surface over two weights.

Numpy only. The chart widgets read these results and only format them; every
number a chart draws comes from here.

Weights are named the way the lessons count them: `layer` is 1-based and a
weight is `(i, j)` in `W[layer - 1]`, whose shape is (n_in, n_out), so `(i, j)`
joins input neuron i of the layer to its neuron j (both 0-based).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .distinct import distinct
from .errors import EngineError
from .network import Network
from .state import CycleState

Array = np.ndarray

# Grid evaluations are split into chunks of about this many numbers, so a big
# dataset never asks for a big temporary array.
_CHUNK_FLOATS = 1_000_000


def _state_of(source) -> CycleState:
    """A CycleState from a LearningCycle or a CycleState."""
    return source if isinstance(source, CycleState) else source.state


# -- loss curves ---------------------------------------------------------------


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
    steps = np.arange(1, len(raw) + 1)
    finite = np.isfinite(raw)
    steps, losses = steps[finite], raw[finite]
    thinned = False
    if max_points is not None and max_points >= 1 and len(losses) > max_points:
        steps, losses = _thin(steps, losses, max_points)
        thinned = True
    epochs, train, test = state.epoch_log.columns()
    keep, has_test = np.isfinite(train), np.isfinite(test)
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


def _thin(steps: Array, values: Array, max_points: int) -> tuple[Array, Array]:
    bins = np.array_split(np.arange(len(values)), max_points)
    xs = np.array([steps[b[-1]] for b in bins])
    ys = np.array([values[b].mean() for b in bins])
    return xs, ys


# -- the network's function over its inputs ------------------------------------------


@dataclass(frozen=True)
class FunctionCurve:
    x: Array  # (points,) evenly spaced inputs
    y: Array  # (points, n_out) the network's outputs there


def function_curve(network: Network, x_range: tuple[float, float], points: int = 100) -> FunctionCurve:
    """The outputs of a network with one input, at `points` inputs across `x_range`."""
    if network.sizes[0] != 1:
        raise EngineError(f"a function curve needs a network with 1 input; this one has {network.sizes[0]}")
    _check_range(x_range, "x_range")
    if points < 2:
        raise EngineError(f"a function curve needs at least 2 points, got {points}")
    x = np.linspace(float(x_range[0]), float(x_range[1]), points)
    return FunctionCurve(x, network.predict(x[:, None]))


@dataclass(frozen=True)
class DecisionGrid:
    """The network's answer at the centre of every cell of a grid over two inputs.

    `values[r, c]` belongs to the point `(xs[c], ys[r])`; rows go from the
    lowest y up. `kind` says what the values are: "class" (0, 1, ... from the
    largest output, or a single sigmoid output against 0.5) or "value" (the
    single raw output).
    """

    xs: Array  # (cols,)
    ys: Array  # (rows,)
    values: Array  # (rows, cols)
    kind: str  # "class" or "value"
    n_classes: int  # 0 for "value"


def decision_grid(
    network: Network,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    cols: int,
    rows: int,
    kind: str = "auto",
) -> DecisionGrid:
    """The predicted class (or raw output) of a two-input network over a grid.

    kind "auto": several outputs -> the index of the largest (argmax); one
    sigmoid output -> 1 where it is at least 0.5, else 0; any other single
    output -> its raw value. "class" or "value" force the choice ("value"
    needs one output).
    """
    if network.sizes[0] != 2:
        raise EngineError(f"decision regions need a network with 2 inputs; this one has {network.sizes[0]}")
    _check_range(x_range, "x_range")
    _check_range(y_range, "y_range")
    if cols < 1 or rows < 1:
        raise EngineError(f"a grid needs at least one column and one row, got {cols} x {rows}")
    if kind not in ("auto", "class", "value"):
        raise EngineError(f"kind must be 'auto', 'class' or 'value', got {kind!r}")
    xs = _centres(x_range, cols)
    ys = _centres(y_range, rows)
    gx, gy = np.meshgrid(xs, ys)  # (rows, cols) each
    points = np.stack([gx.ravel(), gy.ravel()], axis=1)  # (rows * cols, 2)
    out = network.predict(points)  # (rows * cols, n_out)
    n_out = out.shape[1]
    if kind == "auto":
        kind = "class" if n_out > 1 or network.activations[-1] == "sigmoid" else "value"
    if kind == "value":
        if n_out != 1:
            raise EngineError(f"raw values need a network with 1 output; this one has {n_out}")
        return DecisionGrid(xs, ys, out[:, 0].reshape(rows, cols), "value", 0)
    if n_out > 1:
        classes = np.argmax(out, axis=1)
    else:
        classes = (out[:, 0] >= 0.5).astype(np.int64)
    return DecisionGrid(xs, ys, classes.reshape(rows, cols), "class", max(n_out, 2))


def _centres(span: tuple[float, float], n: int) -> Array:
    lo, hi = float(span[0]), float(span[1])
    step = (hi - lo) / n
    return lo + step * (np.arange(n) + 0.5)


def _check_range(span, what: str) -> None:
    if len(span) != 2 or not all(np.isfinite(span)) or not span[0] < span[1]:
        raise EngineError(f"{what} must be two finite numbers, the first below the second, got {span!r}")


def input_ranges(x: Array, pad: float = 0.1) -> list[tuple[float, float]]:
    """Per input column, the span of the data widened by `pad` of itself on each side."""
    x = np.asarray(x, dtype=np.float64)
    spans = []
    for col in x.T:
        col = col[np.isfinite(col)]
        lo, hi = (float(col.min()), float(col.max())) if len(col) else (-1.0, 1.0)
        width = hi - lo if hi > lo else max(abs(lo), 1.0)
        spans.append((lo - pad * width, hi + pad * width))
    return spans


def value_levels(values: Array, levels: int, log: bool = False, span: tuple[float, float] | None = None) -> Array:
    """Each value's band, 0 (lowest) to levels - 1, by evenly spaced cuts of its span.

    With `log`, the cuts are even in log(value), which suits a loss that
    spans orders of magnitude; non-positive or non-finite values get band
    levels - 1 (or 0 for -inf). `span` (lowest, highest value) fixes the cuts
    instead of the values' own span, so pictures of other grids share one
    scale; values beyond it take the end bands.
    """
    v = np.asarray(values, dtype=np.float64)
    if log:
        with np.errstate(all="ignore"):
            v = np.where(v > 0, np.log(np.where(v > 0, v, 1.0)), -np.inf)
    finite = np.isfinite(v)
    if not finite.any():
        return np.zeros(v.shape, dtype=np.int64)
    lo, hi = float(v[finite].min()), float(v[finite].max())
    if span is not None:
        lo, hi = (float(np.log(span[0])), float(np.log(span[1]))) if log else span
    if hi <= lo:
        bands = np.zeros(v.shape, dtype=np.int64)
    else:
        scaled = np.where(finite, np.clip((v - lo) / (hi - lo), 0.0, 1.0), 0.0)
        bands = np.minimum((scaled * levels).astype(np.int64), levels - 1)
    bands = np.where(np.isposinf(v) | np.isnan(v), levels - 1, bands)
    return np.where(np.isneginf(v), 0, bands)


def level_edges(bands: Array) -> Array:
    """True where a cell's band differs from the next cell right or up: the level lines."""
    bands = np.asarray(bands)
    edges = np.zeros(bands.shape, dtype=bool)
    edges[:, :-1] |= bands[:, :-1] != bands[:, 1:]
    edges[:-1, :] |= bands[:-1, :] != bands[1:, :]
    return edges


def point_classes(targets: Array) -> Array:
    """The class of each sample from its targets: the largest of several columns, or one column against 0.5."""
    t = np.asarray(targets, dtype=np.float64)
    if t.ndim == 1:
        t = t[:, None]
    if t.shape[1] > 1:
        return np.argmax(t, axis=1)
    return (t[:, 0] >= 0.5).astype(np.int64)


# -- the loss surface over two weights ---------------------------------------------------


@dataclass(frozen=True)
class LossSurface:
    """The training loss as two weights vary and every other number stays put.

    `loss[r, c]` is the loss at w1 = `w1[c]`, w2 = `w2[r]`. `path` holds the
    (w1, w2) the weights took, oldest first and ending at `current`;
    `path_loss` is the surface's loss at each path point (the other weights
    at their current values, as drawn).
    """

    layer: int
    weights: tuple[tuple[int, int], tuple[int, int]]
    w1: Array  # (cols,)
    w2: Array  # (rows,)
    loss: Array  # (rows, cols)
    current: tuple[float, float]
    current_loss: float
    path: Array  # (k, 2)
    path_loss: Array  # (k,)

    @property
    def minimum(self) -> tuple[float, float, float]:
        """(w1, w2, loss) of the lowest finite grid point."""
        masked = np.where(np.isfinite(self.loss), self.loss, np.inf)
        r, c = np.unravel_index(np.argmin(masked), masked.shape)
        return float(self.w1[c]), float(self.w2[r]), float(self.loss[r, c])


def history_states(cycle) -> list[CycleState]:
    """The states a LearningCycle has been in, oldest first, ending with the current one."""
    return cycle.history_states()


def network_path(
    states: Iterable[CycleState], since: Network | None = None, max_points: int | None = None
) -> tuple[Network, ...]:
    """The networks a list of states went through, oldest first, each once.

    A trained state adds the networks its training passed through. With
    `since` (the run's first network), the path starts at the last state
    that had it, so a reset starts a new path. With `max_points`, a long
    path keeps that many networks, evenly spread, the last one included.
    """
    states = list(states)
    start = 0
    if since is not None:
        for n, state in enumerate(states):
            if state.network is since:
                start = n
    networks: list[Network] = []
    seen: set[int] = set()  # networks already on the path (phases without an update share one)
    for state in states[start:]:
        for net in (*state.trained_path, state.network):
            if id(net) not in seen:
                seen.add(id(net))
                networks.append(net)
    if max_points is not None and len(networks) > max(max_points, 2):
        keep = distinct(np.linspace(len(networks) - 1, 0, max(max_points, 2)).round().astype(int))
        networks = [networks[i] for i in keep]
    return tuple(networks)


def path_points(networks: Iterable[Network], layer: int, w1: tuple[int, int], w2: tuple[int, int]) -> Array:
    """The (w1, w2) values of layer `layer` along a list of networks, shape (k, 2); repeats dropped."""
    points: list[tuple[float, float]] = []
    for net in networks:
        W = net.W[layer - 1]
        point = (float(W[w1]), float(W[w2]))
        if not points or point != points[-1]:
            points.append(point)
    return np.array(points, dtype=np.float64).reshape(-1, 2)


def weight_path(
    states: Iterable[CycleState], layer: int, w1: tuple[int, int], w2: tuple[int, int], since: Network | None = None
) -> Array:
    """The (w1, w2) values along a list of states, shape (k, 2).

    Repeats (phases that did not update) are dropped. With `since` (the
    lesson's first network), the path starts at the last state that had it,
    so a reset starts a new path.
    """
    return path_points(network_path(states, since), layer, w1, w2)


def fits_weights(network: Network, layer: int, w1: tuple[int, int], w2: tuple[int, int]) -> bool:
    """True when `network` has both weights (an earlier run may have another shape)."""
    try:
        _check_weight(network, layer, w1)
        _check_weight(network, layer, w2)
    except EngineError:
        return False
    return True


def loss_surface(
    cycle,
    layer: int,
    w1: tuple[int, int],
    w2: tuple[int, int],
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
    resolution: int | tuple[int, int] = 25,
    states: Sequence[CycleState] | None = None,
    search: tuple[int, int] = (13, 6),
    path_points: int | None = None,
) -> LossSurface:
    """The loss on the whole training set over a grid of two weights of one layer.

    `cycle` is a LearningCycle (it supplies the network, data, loss and the
    history); `states` overrides the history the path is read from. Without
    `ranges`, the grid spans the path and the current point with a margin,
    widened until it holds the lowest point (when a few widenings find it).
    `resolution` is the number of grid points per weight (or (cols, rows)).
    `search` is the range search's coarse grid (points per weight) and most
    widenings; `path_points` thins the path to at most that many points (its
    ends kept). Every point costs a loss over the whole training set, so a
    caller with a time budget sizes all three (see nntutor.curriculum.cost).
    """
    network = cycle.network
    _check_weight(network, layer, w1)
    _check_weight(network, layer, w2)
    if tuple(w1) == tuple(w2):
        raise EngineError("the loss surface needs two different weights")
    w1, w2 = (w1[0], w1[1]), (w2[0], w2[1])  # callers may pass lists (lesson files do)
    cols, rows = (resolution, resolution) if isinstance(resolution, int) else resolution
    if cols < 2 or rows < 2:
        raise EngineError(f"the loss surface needs at least 2 points per weight, got {cols} x {rows}")
    if states is None:
        states = history_states(cycle)
    path = weight_path(states, layer, w1, w2, since=getattr(getattr(cycle, "initial", None), "network", None))
    W = network.W[layer - 1]
    current = (float(W[w1]), float(W[w2]))
    if not len(path) or tuple(path[-1]) != current:
        path = np.vstack([path, [current]])
    if path_points is not None and len(path) > max(path_points, 2):
        path = path[distinct(np.round(np.linspace(0, len(path) - 1, max(path_points, 2))).astype(int))]
    if ranges is None:
        ranges = _auto_ranges(cycle, layer, w1, w2, path, *search)
    _check_range(ranges[0], "the first weight's range")
    _check_range(ranges[1], "the second weight's range")
    g1 = np.linspace(float(ranges[0][0]), float(ranges[0][1]), cols)
    g2 = np.linspace(float(ranges[1][0]), float(ranges[1][1]), rows)
    m1, m2 = np.meshgrid(g1, g2)  # (rows, cols) each
    grid = _losses_at(cycle, layer, w1, w2, m1.ravel(), m2.ravel()).reshape(rows, cols)
    on_path = _losses_at(cycle, layer, w1, w2, path[:, 0], path[:, 1])
    return LossSurface(layer, (w1, w2), g1, g2, grid, current, float(on_path[-1]), path, on_path)


def _check_weight(network: Network, layer: int, w: tuple[int, int]) -> None:
    if not 1 <= layer <= network.depth:
        raise EngineError(f"layer {layer}: the network has layers 1 to {network.depth}")
    n_in, n_out = network.W[layer - 1].shape
    if len(w) != 2 or not (0 <= w[0] < n_in and 0 <= w[1] < n_out):
        raise EngineError(f"weight {tuple(w)!r} of layer {layer}: W has shape ({n_in}, {n_out})")


def _auto_ranges(cycle, layer: int, w1, w2, path: Array, coarse: int = 13, widenings: int = 6):
    """Ranges that hold the path with a margin and, where it can be found, the lowest point.

    A coarse grid is tried first; while its lowest point lies on an edge, the
    range is widened by its own width on that side (at most `widenings`
    times, so a loss that falls forever still gets a finite picture).
    """
    spans = []
    for col in path.T:
        lo, hi = float(col.min()), float(col.max())
        margin = max(0.5 * (hi - lo), 1.0)
        spans.append([lo - margin, hi + margin])
    for _ in range(widenings):
        g1 = np.linspace(spans[0][0], spans[0][1], coarse)
        g2 = np.linspace(spans[1][0], spans[1][1], coarse)
        m1, m2 = np.meshgrid(g1, g2)
        grid = _losses_at(cycle, layer, w1, w2, m1.ravel(), m2.ravel()).reshape(coarse, coarse)
        if not np.isfinite(grid).any():
            break
        r, c = np.unravel_index(np.argmin(np.where(np.isfinite(grid), grid, np.inf)), grid.shape)
        moved = False
        for axis, index in ((0, c), (1, r)):
            width = spans[axis][1] - spans[axis][0]
            if index == 0:
                spans[axis][0] -= width
                moved = True
            elif index == coarse - 1:
                spans[axis][1] += width
                moved = True
        if not moved:
            break
    return tuple(spans[0]), tuple(spans[1])


def _losses_at(cycle, layer: int, w1, w2, v1: Array, v2: Array) -> Array:
    """The training loss with W[w1] = v1[g] and W[w2] = v2[g], for every g at once.

    The layers below `layer` do not depend on the two weights, so their output
    is computed once; from `layer` up, every grid point is a leading axis:
    (G, batch, n) arrays through the same per-layer math as the network.
    """
    net: Network = cycle.network
    x, t = cycle.data.x_train, cycle.data.y_train
    loss_fn = cycle.loss_fn
    with np.errstate(all="ignore"):
        a_prev = x
        for k in range(1, layer):
            a_prev = net.forward_layer(k, a_prev)[1]
        W, b = net.W[layer - 1], net.b[layer - 1]
        z_base = a_prev @ W + b  # (batch, n_in) @ (n_in, n_out) -> (batch, n_out)
        # z changes only in the columns of the two weights:
        # z[:, j] += a_prev[:, i] * (new - old).
        d1 = np.asarray(v1, dtype=np.float64) - W[w1]
        d2 = np.asarray(v2, dtype=np.float64) - W[w2]
        widest = max(net.sizes)
        chunk = max(1, _CHUNK_FLOATS // max(1, len(x) * widest))
        out = np.empty(len(d1))
        for lo in range(0, len(d1), chunk):
            c1, c2 = d1[lo : lo + chunk], d2[lo : lo + chunk]
            z = np.broadcast_to(z_base, (len(c1),) + z_base.shape).copy()  # (G, batch, n_out)
            z[:, :, w1[1]] += c1[:, None] * a_prev[None, :, w1[0]]
            z[:, :, w2[1]] += c2[:, None] * a_prev[None, :, w2[0]]
            a = net.activation(layer).f(z)
            for k in range(layer + 1, net.depth + 1):
                a = net.forward_layer(k, a)[1]  # (G, batch, n_k-1) @ (n_k-1, n_k) -> (G, batch, n_k)
            out[lo : lo + chunk] = [loss_fn.value(y, t) for y in a]
    return out
