"""The network's function over its inputs: a curve for one input, the decided
class (or raw output) over a grid of two, and the spans and classes those
pictures are drawn from.
"""

from dataclasses import dataclass

import numpy as np

from ..errors import EngineError
from ..network import Network

Array = np.ndarray


@dataclass(frozen=True)
class FunctionCurve:
    x: Array  # (points,) evenly spaced inputs
    y: Array  # (points, n_out) the network's outputs there


def function_curve(network: Network, x_range: tuple[float, float], points: int = 100) -> FunctionCurve:
    """The outputs of a network with one input, at `points` inputs across `x_range`."""
    if network.sizes[0] != 1:
        raise EngineError(f"a function curve needs a network with 1 input; this one has {network.sizes[0]}")
    check_range(x_range, "x_range")
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
    check_range(x_range, "x_range")
    check_range(y_range, "y_range")
    if cols < 1 or rows < 1:
        raise EngineError(f"a grid needs at least one column and one row, got {cols} x {rows}")
    if kind not in ("auto", "class", "value"):
        raise EngineError(f"kind must be 'auto', 'class' or 'value', got {kind!r}")
    xs = cell_centres(x_range, cols)
    ys = cell_centres(y_range, rows)
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


def cell_centres(span: tuple[float, float], n: int) -> Array:
    lo, hi = float(span[0]), float(span[1])
    step = (hi - lo) / n
    return lo + step * (np.arange(n) + 0.5)


def check_range(span, what: str) -> None:
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


def point_classes(targets: Array) -> Array:
    """The class of each sample from its targets: the largest of several columns, or one column against 0.5."""
    t = np.asarray(targets, dtype=np.float64)
    if t.ndim == 1:
        t = t[:, None]
    if t.shape[1] > 1:
        return np.argmax(t, axis=1)
    return (t[:, 0] >= 0.5).astype(np.int64)
