"""The loss as a curve of the selected weight or bias, with the current point and its tangent."""

from __future__ import annotations

import numpy as np

from ..engine.curve import ParameterCurve, parameter_curve
from ..engine.errors import EngineError
from .chart_base import CycleChart, _finite_xy, _fmt
from .format import weight_name
from .ticks import row_ticks


def parameter_of(selection: tuple) -> tuple[str, int, tuple[int, ...]] | None:
    """The parameter a network-panel selection stands for: a weight, or a neuron's bias (None for the rest)."""
    if selection[0] == "w":
        return "W", selection[1], (selection[2], selection[3])
    if selection[0] == "n":
        return "b", selection[1], (selection[2],)
    return None


def parameter_label(name: str, layer: int, index: tuple[int, ...], depth: int) -> str:
    """As the network panel names it: w11 (with its layer in deeper networks), or b of h1 / y1."""
    if name == "W":
        return (f"W{layer} " if depth > 1 else "") + weight_name(*index)
    who = f"y{index[0] + 1}" if layer == depth else (f"h{index[0] + 1}" if depth == 2 else f"h{layer}.{index[0] + 1}")
    return f"b of {who}"


class CurveChart(CycleChart):
    """The loss over one parameter, all others held still: the curve, "@" where the network stands,
    the tangent there (its slope is the gradient), and "*" at the lowest point drawn.

    The parameter follows the network panel's selection once the learner
    moves it (a weight, or a neuron's bias); before that it is the lesson's
    first surface weight, else the first output's bias. Within one lesson
    the range only grows, so the point moves along a curve that stays put
    as the learner steps.

    Numbers wait for the phase that computes them, as in the panels: the
    loss at the point once the loss phase has run (or, between passes, the
    training set's), the tangent and its slope once the backward pass has
    computed this parameter's gradient for the weights now (an update makes
    it stale). So no quiz finds its answer here.
    """

    def __init__(self, parameter: tuple[str, int, tuple[int, ...]] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.parameter = parameter  # (name, layer, index); None: the first output's bias
        self._selection: tuple | None = None
        self.curve: ParameterCurve | None = None
        self._kept: tuple | None = None  # (data, parameter, range) the range belongs to

    def select(self, selection: tuple) -> None:
        """Follow the network panel's selection once the learner moves it (the first one only sets where it is)."""
        seen, self._selection = self._selection, selection
        parameter = parameter_of(selection)
        if seen is not None and selection != seen and parameter is not None and parameter != self.parameter:
            self.parameter = parameter
            self.invalidate()

    def change_key(self, cycle) -> tuple:
        state = cycle.state  # the loss and the gradients decide what the title may show
        return (state.network, state.x, state.loss, state.dW, state.db, str(self.parameter))

    def _chosen(self, network) -> tuple[str, int, tuple[int, ...]]:
        name, layer, index = self.parameter or ("b", network.depth, (0,))
        shape = (network.W if name == "W" else network.b)[layer - 1].shape if layer <= network.depth else ()
        if len(index) != len(shape) or any(i >= n for i, n in zip(index, shape, strict=True)):
            return "b", network.depth, (0,)
        return name, layer, index

    def draw(self, cycle, width: int, height: int) -> None:
        plt = self.plt
        state, data = cycle.state, cycle.data
        self.curve = None
        if state.diverged:
            self.notice = "training diverged: no curve to draw; reset or step back"
            return
        name, layer, index = self._chosen(state.network)
        key = (data, name, layer, index)
        kept = (
            self._kept[1]
            if self._kept is not None and self._kept[0][0] is data and self._kept[0][1:] == key[1:]
            else None
        )
        curve = parameter_curve(state, data.x_train, data.y_train, cycle.loss_fn.name, name, layer, index, kept)
        if kept is None or not kept[0] <= curve.current <= kept[1]:
            fitted = parameter_curve(state, data.x_train, data.y_train, cycle.loss_fn.name, name, layer, index)
            span = (float(fitted.values[0]), float(fitted.values[-1]))
            if kept is not None:
                span = (min(span[0], kept[0]), max(span[1], kept[1]))
            curve = parameter_curve(state, data.x_train, data.y_train, cycle.loss_fn.name, name, layer, index, span)
            kept = span
        self._kept = (key, kept)
        self.curve = curve
        finite = np.isfinite(curve.losses)
        if not finite.any():
            raise EngineError("the loss is not finite anywhere on this range: no curve to draw")
        xs, ys = _finite_xy(curve.values, curve.losses)
        plt.plot(xs, ys, marker="braille", color=self.color("cyan+"))
        lo, hi = float(np.min(ys)), float(np.max(ys))
        if hi - lo < 1e-12:
            lo, hi = lo - 1.0, hi + 1.0
        rows = self.grid_rows(width, height)  # the canvas's rows (measured once drawn)
        lo, hi, y_ticks = row_ticks(lo, hi, rows, max(2, min(5, rows // 4 + 1)))
        state_grads = state.dW if name == "W" else state.db
        # After an update the gradients still held are the old weights': the
        # slope at the new point is not known until the next backward pass.
        has_slope = state_grads[layer - 1] is not None and not state.just_updated
        has_loss = state.loss is not None or state.x is None
        if has_slope:
            tx, ty = curve.tangent((kept[1] - kept[0]) / 6)
            line_x = np.linspace(tx[0], tx[1], 24)
            line_y = np.interp(line_x, tx, ty)
            inside = (line_y >= lo) & (line_y <= hi)
            if inside.any():
                plt.scatter(line_x[inside].tolist(), line_y[inside].tolist(), marker="-", color=self.color("yellow+"))
        plt.scatter([curve.lowest[0]], [curve.lowest[1]], marker="*", color=self.color("green+"))
        plt.scatter([curve.current], [curve.current_loss], marker="@", color=self.color("red+"))
        plt.xlim(*kept)
        plt.ylim(lo, hi)
        self.set_ticks(kept, (lo, hi), y_ticks=y_ticks)
        label = parameter_label(name, layer, index, state.network.depth)
        over = "training set" if curve.whole_set else ("this sample" if curve.samples == 1 else "this batch")
        loss = _fmt(curve.current_loss) if has_loss else "?"  # "?" as the panels write what is not computed yet
        slope = _fmt(curve.slope) if has_slope else "?"
        now = _fmt(curve.current)
        self.set_title(
            f"loss of {over} over {label}: L {loss} at {now}, slope {slope}",
            f"{over}: L {loss} at {label} = {now}, slope {slope}",
            f"L {loss} at {now}, slope {slope}",
        )
        tangent = f"- tangent (slope {slope})" if has_slope else "tangent after backward"
        self.set_legend(
            f"⠒ loss  @ now  {tangent}  * lowest   arrow keys: another parameter",
            f"@ now  {tangent}  * lowest",
            "@ now  * lowest",
        )
