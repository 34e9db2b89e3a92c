"""The loss surface over two weights of one layer, every other number held where it is.

Weights are named the way the lessons count them: `layer` is 1-based and a
weight is `(i, j)` in `W[layer - 1]`, whose shape is (n_in, n_out), so `(i, j)`
joins input neuron i of the layer to its neuron j (both 0-based).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..distinct import distinct
from ..errors import EngineError
from ..network import Network
from ..state import CycleState
from .function import check_range
from .paths import history_states, weight_path

Array = np.ndarray


# Grid evaluations are split into chunks of about this many numbers, so a big
# dataset never asks for a big temporary array.
_CHUNK_FLOATS = 1_000_000


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
    check_range(ranges[0], "the first weight's range")
    check_range(ranges[1], "the second weight's range")
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
