"""What each neuron computes: its activation over the whole input space.

For two-input data, every hidden and output neuron's activation over a grid
of the input plane; for one-input data, over points along the input line.
One forward pass of the whole grid through the network gives every neuron's
picture at once (a few thousand rows through a small network: well under a
millisecond), so the pictures can follow training live.

Each picture carries the range its shades are scaled to. Squashing
activations have a fixed range (sigmoid and softmax 0..1, tanh -1..1), so a
picture's shade means the same value from one redraw to the next; relu and
linear have none, so they are scaled to what they reach over the grid (and
the picture says so).

This is Rohrer's point made visible: the hidden neurons make the pieces
(edges, ramps, bumps) that the output neuron adds up.
"""

from dataclasses import dataclass

import numpy as np

from .errors import EngineError
from .network import Network
from .views.function import cell_centres, input_ranges

Array = np.ndarray

FIXED_RANGES = {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}


@dataclass(frozen=True)
class InputGrid:
    """Where the pictures sample the inputs: `cols` x `rows` points of the plane, or `cols` along the line."""

    xs: Array  # (cols,) first input, left to right
    ys: Array | None  # (rows,) second input, top (largest) to bottom; None for one-input data
    points: Array  # (rows * cols, n_inputs), row-major from the top left

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.xs),) if self.ys is None else (len(self.ys), len(self.xs))


@dataclass(frozen=True)
class NeuronMap:
    layer: int  # 1-based, as the lessons count
    j: int  # 0-based neuron index within the layer
    activation: str
    values: Array  # (rows, cols) over the plane, or (cols,) along the line
    lo: float  # the value drawn lightest
    hi: float  # the value drawn darkest
    fixed: bool  # True: lo..hi is the activation's own range; False: fitted to this picture

    def levels(self, n: int) -> Array:
        """Each value's shade, 0 (lo) to n - 1 (hi); non-finite values get 0."""
        span = self.hi - self.lo
        with np.errstate(all="ignore"):
            scaled = (self.values - self.lo) / span if span > 0 else np.zeros_like(self.values)
        scaled = np.where(np.isfinite(scaled), scaled, 0.0)
        return np.clip((scaled * n).astype(np.int64), 0, n - 1)


def input_grid(x: Array, cols: int, rows: int = 1, pad: float = 0.1) -> InputGrid:
    """A grid over the span of the data `x` (n_samples, 1 or 2), widened by `pad` on each side."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] not in (1, 2):
        raise EngineError("neuron pictures need data with one or two inputs")
    if cols < 1 or rows < 1:
        raise EngineError(f"a grid needs at least one column and one row, got {cols} x {rows}")
    spans = input_ranges(x, pad)
    xs = cell_centres(spans[0], cols)
    if x.shape[1] == 1:
        return InputGrid(xs, None, xs[:, None])
    ys = cell_centres(spans[1], rows)[::-1]  # the top row is the largest second input
    gx, gy = np.meshgrid(xs, ys)  # (rows, cols) each
    return InputGrid(xs, ys, np.column_stack([gx.ravel(), gy.ravel()]))


def neuron_maps(network: Network, grid: InputGrid) -> list[NeuronMap]:
    """Every hidden and output neuron's activation over `grid`, layer by layer, in one forward pass."""
    if network.sizes[0] != grid.points.shape[1]:
        raise EngineError(f"the grid has {grid.points.shape[1]} inputs but the network takes {network.sizes[0]}")
    maps = []
    a = grid.points
    with np.errstate(all="ignore"):
        for layer in range(1, network.depth + 1):
            a = network.forward_layer(layer, a)[1]  # (points, n_k)
            name = network.activations[layer - 1]
            for j in range(a.shape[1]):
                values = a[:, j].reshape(grid.shape)
                lo, hi, fixed = _range(name, values)
                maps.append(NeuronMap(layer, j, name, values, lo, hi, fixed))
    return maps


def _range(activation: str, values: Array) -> tuple[float, float, bool]:
    if activation in FIXED_RANGES:
        lo, hi = FIXED_RANGES[activation]
        return lo, hi, True
    finite = values[np.isfinite(values)]
    if not len(finite):
        return 0.0, 1.0, False
    lo, hi = float(finite.min()), float(finite.max())
    if activation == "relu":
        lo = 0.0
    return lo, (hi if hi > lo else lo + 1.0), False
