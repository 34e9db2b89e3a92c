"""Charts over a plane: what the network computes over its inputs, and the loss over two weights."""

from __future__ import annotations

import numpy as np

from ..curriculum.cost import SurfacePlan, surface_plan, surface_point_seconds
from ..engine.distinct import distinct
from ..engine.errors import EngineError
from ..engine.views import (
    DecisionGrid,
    FunctionCurve,
    LossSurface,
    decision_grid,
    fits_weights,
    function_curve,
    history_states,
    input_ranges,
    level_edges,
    loss_surface,
    path_points,
    point_classes,
    value_levels,
    weight_path,
)
from ..engine.views.function import cell_centres
from .chart_base import (
    BAND_GLYPHS,
    CLASS_COLORS,
    CLASS_GLYPHS,
    REGION_COLORS,
    REGION_GLYPHS,
    RUN_COLORS,
    RUN_GLYPHS,
    CycleChart,
    _finite_xy,
    _fmt,
)
from .format import weight_name


class FunctionChart(CycleChart):
    """What the network computes over its inputs, with the data over it.

    One input: the network's output as a line, the training samples as "o"
    and test samples as "x". Two inputs: the predicted class (or output band)
    of every grid cell as a light glyph, and the training samples marked by
    their class. More inputs: a notice.
    """

    def __init__(self, points: int = 80, **kwargs) -> None:
        super().__init__(**kwargs)
        self.points = points
        self.curve: FunctionCurve | None = None
        self.grid: DecisionGrid | None = None
        self.ranges: list[tuple[float, float]] = []

    def change_key(self, cycle) -> tuple:
        return (cycle.state.network, cycle.data)

    def draw(self, cycle, width: int, height: int) -> None:
        net, data = cycle.state.network, cycle.data
        self.curve = self.grid = None
        n_in = net.sizes[0]
        x_all = np.concatenate([data.x_train, data.x_test]) if len(data.x_test) else data.x_train
        self.ranges = input_ranges(x_all)
        if n_in == 1:
            self._draw_1d(net, data)
        elif n_in == 2:
            # The y axis spans the outer rows' centres: its labels, and so the frame, follow from the rows.
            self.expect_y_span(cell_centres(self.ranges[1], self.grid_size(width, height)[1])[[0, -1]])
            self._draw_2d(net, data, *self.grid_size(width, height))
        else:
            self.notice = f"no picture of a function of {n_in} inputs"

    def _draw_1d(self, net, data) -> None:
        plt = self.plt
        self.curve = curve = function_curve(net, self.ranges[0], self.points)
        ys_drawn = []
        for j in range(curve.y.shape[1]):
            x, y = _finite_xy(curve.x, curve.y[:, j])
            plt.plot(x, y, marker="braille", color=self.color("cyan+"))
            plt.scatter(
                data.x_train[:, 0].tolist(), data.y_train[:, j].tolist(), marker="o", color=self.color("yellow+")
            )
            if len(data.x_test):
                plt.scatter(
                    data.x_test[:, 0].tolist(), data.y_test[:, j].tolist(), marker="x", color=self.color("orange+")
                )
            ys_drawn += y + data.y_train[:, j].tolist() + data.y_test[:, j].tolist()
        lo, hi = min(ys_drawn), max(ys_drawn)
        if hi - lo < 1e-12:
            lo, hi = lo - 1.0, hi + 1.0
        plt.xlim(*self.ranges[0])
        plt.ylim(lo, hi)
        self.set_ticks(self.ranges[0], (lo, hi))
        test = ", test x" if len(data.x_test) else ""
        self.set_title(f"network: line; samples o{test}", f"line: network, o{test}")

    def _draw_2d(self, net, data, cols: int, rows: int) -> None:
        plt = self.plt
        (x0, x1), (y0, y1) = self.ranges
        self.grid = grid = decision_grid(net, (x0, x1), (y0, y1), cols, rows)
        gx, gy = np.meshgrid(grid.xs, grid.ys)
        if grid.kind == "class":
            cells = grid.values
            areas = ", ".join(f"{REGION_GLYPHS[c % len(REGION_GLYPHS)]} {c}" for c in range(grid.n_classes))
            title = "decision regions: the class the network predicts at each spot"
            short_title = "decision regions"
            legends = [f"area = predicted class: {areas}", f"area: {areas}"]
        else:
            cells = value_levels(grid.values, 5)
            lo, hi = float(np.nanmin(grid.values)), float(np.nanmax(grid.values))
            bands = f"{_fmt(lo)} {' '.join(REGION_GLYPHS[:5])} {_fmt(hi)}"
            title = "the network's output at each spot"
            short_title = "output"
            legends = [f"area = output, low to high: {bands}", f"area: {bands}"]
        for level in distinct(cells):
            mask = cells == level
            n = int(level) % len(REGION_GLYPHS)
            plt.scatter(
                gx[mask].tolist(), gy[mask].tolist(), marker=REGION_GLYPHS[n], color=self.color(REGION_COLORS[n])
            )
        if data.task == "classification":
            labels = point_classes(data.y_train)
            for c in distinct(labels):
                mask = labels == c
                n = int(c) % len(CLASS_GLYPHS)
                plt.scatter(
                    data.x_train[mask, 0].tolist(),
                    data.x_train[mask, 1].tolist(),
                    marker=CLASS_GLYPHS[n],
                    color=self.color(CLASS_COLORS[n]),
                )
            points = ", ".join(f"{CLASS_GLYPHS[int(c) % len(CLASS_GLYPHS)]} {int(c)}" for c in distinct(labels))
            legends = [
                f"{legends[0]}   training points by class: {points}",
                f"{legends[0]}   points by class: {points}",
                f"{legends[1]}   points: {points}",
                legends[1],
            ]
        else:
            plt.scatter(data.x_train[:, 0].tolist(), data.x_train[:, 1].tolist(), marker="o", color=self.color("white"))
            legends = [f"{legends[0]}   o training points", f"{legends[1]}   o training points", legends[1]]
        # Limits at the outer cell centres put one cell on each character.
        plt.xlim(float(grid.xs[0]), float(grid.xs[-1]))
        plt.ylim(float(grid.ys[0]), float(grid.ys[-1]))
        self.set_ticks((grid.xs[0], grid.xs[-1]), (grid.ys[0], grid.ys[-1]))
        self.set_title(title, short_title)
        self.set_legend(*legends)


# The lightest band starts this many powers of ten below the highest loss drawn, wherever the grid's
# lowest point falls.
SHADING_DECADES = 2


class SurfaceChart(CycleChart):
    """The loss over two weights of one layer, with the path descent took.

    Bands of the loss (on a log scale) are drawn lightest at the lowest loss
    ("heat"), or only their borders ("contour"); the path is "o", the
    weights now "@" and the lowest grid point "*". Without `weights`, the
    first two weights into neuron 0 of `weight_layer` are used. Without `ranges`,
    the grid spans the path with a margin.
    """

    STYLES = ("heat", "contour")

    def __init__(
        self,
        weight_layer: int = 1,
        weights: tuple[tuple[int, int], tuple[int, int]] | None = None,
        ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
        style: str = "heat",
        levels: int = 5,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        if style not in self.STYLES:
            raise ValueError(f"style must be one of {', '.join(self.STYLES)}, got {style!r}")
        self.weight_layer = weight_layer
        self.weights = weights
        self.ranges = ranges
        self.style = style
        self.levels = levels
        self.surface: LossSurface | None = None
        self.coarse = False  # computed on fewer points than the canvas has characters (a big lesson)
        self._kept_key: tuple | None = None  # the lesson data and weights the kept ranges belong to
        self._kept_ranges: tuple | None = None
        self._kept_shading: tuple | None = None  # (key, (lowest, highest loss)): the shading's scale
        self.shading: tuple[float, float] | None = None  # the losses the lightest and darkest bands start at
        self.run_paths: dict[str, np.ndarray] = {}  # earlier runs' paths as drawn, by label

    def configure(self, layer: int | None = None, weights=None, ranges=None, style: str | None = None) -> None:
        """Change which weights are shown (and how); redraws at the next frame."""
        if layer is not None:
            self.weight_layer = layer
        if weights is not None:
            self.weights = weights
        if ranges is not None:
            self.ranges = ranges
        if style is not None:
            self.style = style
        self.invalidate()

    def change_key(self, cycle) -> tuple:
        # The path changes only when the network does (an update, an undo
        # or redo of one, a reset), so the network's identity is enough.
        return (cycle.state.network, self.weight_layer, self.style, str(self.weights), str(self.ranges))

    def plan(self, cycle, cols: int, rows: int) -> SurfacePlan:
        """How finely to compute for a ``cols`` x ``rows`` canvas within the surface's time budget.

        Every point is a loss over the whole training set, so a big network
        or dataset gets a grid of a few characters a cell (drawn as blocks)
        rather than a redraw of seconds; the lesson check refuses what even
        the coarsest plan cannot draw in time.
        """
        point = surface_point_seconds(tuple(cycle.network.sizes), len(cycle.data.x_train), self.weight_layer)
        path_length = len(cycle.history_states()) + len(cycle.state.trained_path) + 1
        return surface_plan(cols, rows, point, path_length)

    def _surface(self, cycle, w1, w2, plan: SurfacePlan) -> LossSurface:
        """The surface over the lesson's ranges, else over ranges that only ever grow within one lesson.

        Fitting the ranges afresh to every step's path would rescale the
        picture between steps, and the bowl would seem to move under a
        learner comparing them; a grown range keeps every earlier view inside.
        """
        layer = self.weight_layer

        def compute(ranges=None, resolution=(plan.cols, plan.rows)) -> LossSurface:
            return loss_surface(
                cycle,
                layer,
                w1,
                w2,
                ranges=ranges,
                resolution=resolution,
                search=plan.search,
                path_points=plan.path_points,
            )

        if self.ranges is not None:
            return compute(self.ranges)
        key = (cycle.data, layer, w1, w2)
        kept = self._kept_ranges if self._kept_key is not None and _same_key(self._kept_key, key) else None
        if kept is None:
            s = compute()
            self._kept_key, self._kept_ranges = key, _span(s)
            return s
        # The path is read from the history (no loss computed), so the grid is computed once
        # whether the kept ranges hold the path or must grow to the fitted ones.
        path = weight_path(
            history_states(cycle), layer, w1, w2, since=getattr(getattr(cycle, "initial", None), "network", None)
        )
        W = cycle.network.W[layer - 1]
        if _inside(np.vstack([path.reshape(-1, 2), [[W[w1], W[w2]]]]), kept):
            return compute(kept)
        fitted = _span(compute(resolution=(2, 2)))  # the range search alone
        grown = tuple((min(a[0], b[0]), max(a[1], b[1])) for a, b in zip(kept, fitted, strict=True))
        self._kept_key, self._kept_ranges = key, grown
        return compute(grown)

    def _shading_span(self, cycle, w1, w2, loss: np.ndarray) -> tuple[float, float] | None:
        """The losses the shading's bands run between, kept for one lesson's weights and only widened.

        Cut afresh from each grid, the bands followed the grid's lowest point: near an exact fit that
        is a loss anywhere from 1e-1 to 1e-6 depending on where the rows fall (the chart's height), and
        the bowl widened and narrowed between redraws of the same network. Losses more than
        SHADING_DECADES below the highest share the lightest band.
        """
        values = loss[np.isfinite(loss) & (loss > 0)]
        if not len(values):
            return None
        hi = float(values.max())
        lo = max(float(values.min()), hi * 10.0**-SHADING_DECADES)
        key = (cycle.data, self.weight_layer, w1, w2)
        if self._kept_shading is not None and _same_key(self._kept_shading[0], key):
            kept_lo, kept_hi = self._kept_shading[1]
            lo, hi = min(lo, kept_lo), max(hi, kept_hi)
        self._kept_shading = (key, (lo, hi))
        return lo, hi

    def chosen_weights(self, network) -> tuple[tuple[int, int], tuple[int, int]]:
        if self.weights is not None:
            return self.weights
        n_in, n_out = network.W[self.weight_layer - 1].shape if 1 <= self.weight_layer <= network.depth else (0, 0)
        if n_in >= 2:
            return (0, 0), (1, 0)
        if n_out >= 2:
            return (0, 0), (0, 1)
        raise EngineError(f"layer {self.weight_layer} has fewer than two weights: no surface to draw")

    def draw(self, cycle, width: int, height: int) -> None:
        plt = self.plt
        w1, w2 = self.chosen_weights(cycle.state.network)
        self.surface = None
        if cycle.state.diverged:
            self.notice = "training diverged: no surface to draw; reset or step back"
            return
        cols, rows = self.grid_size(width, height)
        plan = self.plan(cycle, cols, rows)
        self.surface = s = self._surface(cycle, w1, w2, plan)
        self.shading = self._shading_span(cycle, w1, w2, s.loss)
        bands = value_levels(s.loss, self.levels, log=True, span=self.shading)
        xs, ys = s.w1, s.w2
        self.coarse = (plan.cols, plan.rows) != (cols, rows)
        if self.coarse:  # each computed point drawn as a block of characters
            bands = bands[np.ix_(_nearest(plan.rows, rows), _nearest(plan.cols, cols))]
            xs, ys = np.linspace(s.w1[0], s.w1[-1], cols), np.linspace(s.w2[0], s.w2[-1], rows)
        if self.style == "contour":
            bands = np.where(level_edges(bands), bands, -1)
        gx, gy = np.meshgrid(xs, ys)
        for level in range(self.levels):
            mask = bands == level
            if mask.any():
                glyph = BAND_GLYPHS[min(level, len(BAND_GLYPHS) - 1)]
                plt.scatter(gx[mask].tolist(), gy[mask].tolist(), marker=glyph, color=self.color("blue"))
        self.run_paths = {}
        legend = []
        for n, run in enumerate(self.runs):  # earlier runs' paths, where this surface has their weights
            if not run.networks or not fits_weights(run.networks[-1], self.weight_layer, w1, w2):
                continue
            points = path_points(run.networks, self.weight_layer, w1, w2)
            inside = (
                (points[:, 0] >= s.w1[0])
                & (points[:, 0] <= s.w1[-1])
                & (points[:, 1] >= s.w2[0])
                & (points[:, 1] <= s.w2[-1])
            )
            points = points[inside]
            if len(points):
                glyph = RUN_GLYPHS[n % len(RUN_GLYPHS)]
                self.run_paths[run.label] = points
                legend.append(f"{glyph} {run.label}")
                draw = plt.plot if len(points) > 1 else plt.scatter
                draw(
                    points[:, 0].tolist(),
                    points[:, 1].tolist(),
                    marker=glyph,
                    color=self.color(RUN_COLORS[n % len(RUN_COLORS)]),
                )
        if len(s.path) > 1:
            plt.plot(s.path[:, 0].tolist(), s.path[:, 1].tolist(), marker="o", color=self.color("yellow+"))
        elif self.run_paths:
            plt.scatter([s.current[0]], [s.current[1]], marker="o", color=self.color("yellow+"))
        # The legend goes under the x axis, outside the plot, where it hides no path.
        now = "@ now  * lowest" + (f"  (grid {s.loss.shape[1]}x{s.loss.shape[0]})" if self.coarse else "")
        if self.run_paths:
            legend.append(f"o {self.run_label or 'this run'}")
            self.set_legend(f"{'  '.join(legend)}  {now}", "  ".join(legend))
        else:
            self.set_legend(f"o path  {now}", now)
        mw1, mw2, _ = s.minimum  # over the trails (drawn after them), under @ only
        plt.scatter([mw1], [mw2], marker="*", color=self.color("green+"))
        plt.scatter([s.current[0]], [s.current[1]], marker="@", color=self.color("red+"))
        plt.xlim(float(s.w1[0]), float(s.w1[-1]))
        plt.ylim(float(s.w2[0]), float(s.w2[-1]))
        self.set_ticks((s.w1[0], s.w1[-1]), (s.w2[0], s.w2[-1]))
        layer = f"layer {self.weight_layer} " if self.weight_layer > 1 else ""
        name = lambda w: layer + weight_name(*w)  # noqa: E731  (as the network panel names it)
        at = f"@ ({_fmt(s.current[0])}, {_fmt(s.current[1])})"
        self.set_title(
            f"{name(w1)}→ {name(w2)}↑ loss {_fmt(s.current_loss)} {at}",
            f"loss {_fmt(s.current_loss)} {at}",
            f"loss {_fmt(s.current_loss)}",
        )


def _same_key(a: tuple, b: tuple) -> bool:
    """The same weights of the same data (a new run of a lesson builds new, equal data)."""
    if a[1:] != b[1:]:
        return False
    return a[0] is b[0] or (np.array_equal(a[0].x_train, b[0].x_train) and np.array_equal(a[0].y_train, b[0].y_train))


def _span(s: LossSurface) -> tuple[tuple[float, float], tuple[float, float]]:
    return (float(s.w1[0]), float(s.w1[-1])), (float(s.w2[0]), float(s.w2[-1]))


def _nearest(points: int, cells: int) -> np.ndarray:
    """For each of ``cells`` characters, the index of the nearest of ``points`` evenly spaced points."""
    return np.round(np.linspace(0, points - 1, cells)).astype(int)


def _inside(path: np.ndarray, ranges) -> bool:
    (x0, x1), (y0, y1) = ranges
    return bool(np.all((path[:, 0] >= x0) & (path[:, 0] <= x1) & (path[:, 1] >= y0) & (path[:, 1] <= y1)))
