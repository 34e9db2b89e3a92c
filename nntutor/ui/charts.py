"""Charts of a learning cycle, drawn with plotext: the loss, the network's
function or decision regions, and the loss surface of two weights.

Every chart has `update_from(cycle)`, to be called after a phase, a step
back or training progress. It only remembers the cycle and whether what the
chart shows changed (by the identity of the engine's immutable values); the
numbers are computed by `nntutor.engine.views` when the chart is next drawn,
at the chart's current size, and the built picture is kept until the data,
the size or the theme changes. So calling `update_from` after every key press
is cheap.

Glyphs, not colours, tell series and classes apart, so the charts read the
same with NO_COLOR (then no plotext colour is asked for at all).

Earlier runs of a lesson (kept by the session when a step starts a new run)
are drawn beside the current one: the loss chart gives each its own line
and the surface chart its own path, each in the run's glyph, with a legend
naming the runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from rich.text import Text
from textual.app import RenderResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher
from textual_plotext import PlotextPlot

from ..engine.errors import EngineError
from ..engine.views import (
    DecisionGrid,
    FunctionCurve,
    LossCurves,
    LossSurface,
    decision_grid,
    fits_weights,
    function_curve,
    input_ranges,
    level_edges,
    loss_curves,
    loss_surface,
    path_points,
    point_classes,
    value_levels,
)

from .format import weight_name

# Glyphs for decision regions or value bands (lowest first), for the data's
# classes, and for the loss surface's bands (lowest loss first).
REGION_GLYPHS = ("·", "░", "▒", "▓", ":", "=", "%", "&")
CLASS_GLYPHS = ("o", "x", "*", "#", "@", "$", "+", "~")
BAND_GLYPHS = ("·", ":", "░", "▒", "▓")
GLYPH_KEYS = {"train": "⠒", "test": "•"}
# Earlier runs, oldest first (the current run keeps the braille line and "o" path).
RUN_GLYPHS = ("+", "%", "=", "#", "&")  # not "*": the surface marks its lowest point with it
RUN_COLORS = ("magenta", "green", "yellow", "blue", "red")
REGION_COLORS = ("blue", "red", "green", "yellow", "magenta", "cyan", "white", "orange")
CLASS_COLORS = ("blue+", "red+", "green+", "yellow+", "magenta+", "cyan+", "white", "orange+")

# The plot frame and tick labels take about this much of the widget; the
# rest is the canvas that grids are sized to (corrected once measured).
_FRAME_COLS = 8
_FRAME_ROWS = 5


def _same(a: tuple, b: tuple | None) -> bool:
    """Two change keys are the same: engine values by identity, the rest by equality."""
    if b is None or len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, (int, float, str, bool, type(None))):
            if x != y:
                return False
        elif x is not y:
            return False
    return True


def _fmt(value: float) -> str:
    return f"{value:.4g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"


def nice_ticks(lo: float, hi: float, most: int) -> np.ndarray:
    """Round tick positions (multiples of 1, 2 or 5 x 10^k) inside [lo, hi], at most `most`, at least 2."""
    span = hi - lo
    if not (np.isfinite(span) and span > 0) or most < 2:
        return np.array([lo, hi])
    raw = span / (most - 1)
    power = 10.0 ** np.floor(np.log10(raw))
    for factor in (1, 2, 5, 10):
        step = factor * power
        ticks = np.arange(np.ceil(lo / step - 1e-9), np.floor(hi / step + 1e-9) + 1) * step
        if len(ticks) <= most:
            break
    if len(ticks) < 2:  # the span holds fewer than two round numbers: use its ends
        return np.array([lo, hi])
    return np.where(np.abs(ticks) < step * 1e-9, 0.0, ticks)


def _tick_labels(values: np.ndarray) -> list[str]:
    """Short labels for evenly spaced ticks: as many decimals as their spacing needs."""
    step = float(np.min(np.abs(np.diff(values)))) if len(values) > 1 else 0.0
    big = float(np.max(np.abs(values))) if len(values) else 0.0
    if step <= 0 or big >= 1e5 or big < 1e-3:
        return ["0" if v == 0 else f"{v:.3g}" for v in values]
    decimals = max(0, int(np.ceil(-np.log10(step) - 1e-9)))
    labels = []
    for v in values:
        text = f"{v:.{decimals}f}"
        labels.append("0" if float(text) == 0 else text)
    return labels


def _finite_xy(xs, ys) -> tuple[list[float], list[float]]:
    """The points whose x and y are finite numbers (plotext cannot draw the others)."""
    xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    keep = np.isfinite(xs) & np.isfinite(ys) & (np.abs(ys) < _HUGE)
    return xs[keep].tolist(), ys[keep].tolist()


# Values beyond this are not drawn on a linear axis (plotext's ticks break).
_HUGE = 1e12


class CycleChart(PlotextPlot):
    """A plotext chart drawn from a LearningCycle; subclasses say what and how."""

    DEFAULT_CSS = """
    CycleChart {
        width: 1fr;
        height: 1fr;
        min-height: 6;
        min-width: 20;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._cycle: Any = None
        self.runs: tuple = ()  # earlier runs (session Runs: label, state, networks), oldest first
        self.run_label = ""  # the current run's name
        self._key: tuple | None = None  # what the data was drawn from
        self._drawn_key: tuple | None = None
        self._drawn_size: tuple[int, int] | None = None
        self._cache: tuple[tuple, Text] | None = None
        self.title_text = ""  # the title as drawn
        self.legend_text = ""  # the legend line under the x axis, as drawn (if any)
        self.notice: str | None = None  # shown instead of a chart when there is nothing to draw
        self.builds = 0  # how many times the data was recomputed (for tests and benchmarks)
        self._frame = (_FRAME_COLS, _FRAME_ROWS)  # widget size minus canvas size, learnt when drawn
        self._grid_used: tuple[int, int] | None = None

    # -- the API the screens use ---------------------------------------------
    def update_from(self, cycle, runs: tuple = (), label: str = "") -> bool:
        """Take the cycle's present state (and the earlier runs); True when the chart will be redrawn."""
        key = self._full_key(cycle, runs, label)
        if _same(key, self._key):
            return False
        self._cycle, self._key = cycle, key
        self.runs, self.run_label = runs, label
        self.refresh()
        return True

    def _full_key(self, cycle, runs: tuple, label: str) -> tuple:
        # The data tells one lesson's cycle from another's; the runs tuple is
        # replaced (not changed) when a run ends.
        return (cycle.data,) + self.change_key(cycle) + (runs, label)

    def change_key(self, cycle) -> tuple:
        """The values whose change means the chart must be drawn again."""
        raise NotImplementedError

    def draw(self, cycle, width: int, height: int) -> None:
        """Compute with engine views and set up self.plt (already cleared)."""
        raise NotImplementedError

    @property
    def no_color(self) -> bool:
        try:
            return bool(self.app.no_color)
        except Exception:  # not mounted yet
            return False

    def color(self, name: str) -> str | None:
        return None if self.no_color else name

    def on_mount(self) -> None:
        super().on_mount()
        if self.no_color:
            self.theme = "clear"

    def invalidate(self) -> None:
        """Forget the drawn picture (after a setting of the chart changed)."""
        self._key = None if self._cycle is None else self._full_key(self._cycle, self.runs, self.run_label)
        self._drawn_key = None
        self.refresh()

    # -- drawing -----------------------------------------------------------------
    def render(self) -> RenderResult:
        size = (self.size.width, self.size.height)
        if self._cycle is not None and (self._drawn_key is not self._key or self._drawn_size != size):
            self._redraw(size)
        cache_key = (size, self.app.theme, self.theme, id(self._drawn_key))
        if self._cache is not None and self._cache[0] == cache_key:
            return self._cache[1]
        text = super().render()
        self._cache = (cache_key, text)
        return text

    def _redraw(self, size: tuple[int, int]) -> None:
        width, height = max(size[0], 1), max(size[1], 1)
        self._draw_once(width, height)
        if self._grid_used is not None:
            # Grids should give one cell per character. The frame's share of
            # the widget depends on the tick labels, so measure the canvas
            # plotext made and, if the grid missed it, draw once more.
            canvas = self._measure_canvas(width, height)
            if canvas is not None and canvas != self._grid_used:
                self._frame = (self._frame[0] + self._grid_used[0] - canvas[0],
                               self._frame[1] + self._grid_used[1] - canvas[1])
                self._draw_once(width, height)
        self.builds += 1
        self._drawn_key, self._drawn_size = self._key, size
        self._cache = None

    def _draw_once(self, width: int, height: int) -> None:
        plt = self.plt
        plt.clear_data()  # the data and the limits
        plt.monitor.axes_init()  # the scales and ticks (plotext has no public call for it)
        plt.title("")
        plt.xlabel("")
        self.legend_text = ""
        self.notice = None
        self._grid_used = None
        try:
            self.draw(self._cycle, width, height)
        except EngineError as exc:
            plt.clear_data()
            self.notice = str(exc)
        if self.notice:
            self.set_title(self.notice)

    def _measure_canvas(self, width: int, height: int) -> tuple[int, int] | None:
        self._plot.plotsize(width, height)
        self._plot._set_size(width, height)
        lines = Text.from_ansi(self._plot.build()).plain.splitlines()
        top = next((n for n, line in enumerate(lines) if "┌" in line and "┐" in line), None)
        bottom = next((n for n, line in enumerate(lines) if "└" in line and "┘" in line), None)
        if top is None or bottom is None:
            return None
        return lines[top].index("┐") - lines[top].index("┌") - 1, bottom - top - 1

    def grid_size(self, width: int, height: int) -> tuple[int, int]:
        """Columns and rows of a grid with one cell per character of the canvas."""
        self._grid_used = (max(4, width - self._frame[0]), max(2, height - self._frame[1]))
        return self._grid_used

    def set_ticks(self, x_span, y_span, y_log: bool = False, x_whole: bool = False) -> None:
        """Short tick labels (plotext's own grow very wide for large numbers).

        With `y_log`, the y values drawn are log10 of the real ones, and the
        labels show the real ones.
        """
        width, height = self.size.width or 40, self.size.height or 12
        nx = max(2, min(6, (width - self._frame[0]) // 9))
        ny = max(2, min(5, (height - self._frame[1]) // 2 + 1))
        xs = nice_ticks(float(x_span[0]), float(x_span[1]), nx)
        if x_whole:  # steps and epochs are whole numbers
            xs = np.unique(np.round(xs))
            self.plt.xticks(xs.tolist(), [str(int(v)) for v in xs])
        else:
            self.plt.xticks(xs.tolist(), _tick_labels(xs))
        if y_log:
            ys = nice_ticks(float(y_span[0]), float(y_span[1]), ny)
            if np.allclose(ys, np.round(ys)):  # whole powers of ten
                self.plt.yticks(ys.tolist(), [f"1e{int(v)}" if abs(v) > 3 else f"{10.0**v:g}" for v in ys])
            else:
                self.plt.yticks(ys.tolist(), [f"{v:.3g}" for v in 10.0**ys])
        else:
            ys = nice_ticks(float(y_span[0]), float(y_span[1]), ny)
            self.plt.yticks(ys.tolist(), _tick_labels(ys))

    def set_title(self, *texts: str) -> None:
        """The first of `texts` (longest first) that fits over the canvas, else the last one cut.

        plotext drops a title wider than its canvas, so it must be made to fit.
        """
        room = max(self.size.width - self._frame[0], 1) if self.size.width else 40
        self.title_text = next((t for t in texts if len(t) <= room), None)
        if self.title_text is None:
            self.title_text = texts[-1][: room - 1] + "…"
        self.plt.title(self.title_text)

    def set_legend(self, *texts: str) -> None:
        """A one-line legend under the x axis: the first of `texts` (longest first) that fits."""
        room = max(self.size.width - self._frame[0], 1) if self.size.width else 40
        self.legend_text = next((t for t in texts if len(t) <= room), texts[-1][: room - 1] + "…")
        self.plt.xlabel(self.legend_text)


class LossChart(CycleChart):
    """The training loss per step, or the train and test loss per epoch.

    mode "step" plots every step's batch loss; "epoch" plots each epoch's mean
    training loss and, when there is a test set, the test loss; "auto" picks
    "epoch" when a test loss exists and "step" otherwise. `log_scale` draws
    the losses on a log scale (when they are all above zero).
    """

    MODES = ("auto", "step", "epoch")

    def __init__(self, mode: str = "auto", log_scale: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        if mode not in self.MODES:
            raise ValueError(f"mode must be one of {', '.join(self.MODES)}, got {mode!r}")
        self.mode = mode
        self.log_scale = log_scale
        self.curves: LossCurves | None = None
        self.shown: dict[str, tuple[list[float], list[float]]] = {}  # label -> (x, y) as plotted
        self.shown_runs: dict[str, tuple[list[float], list[float]]] = {}  # earlier runs' legend label -> (x, y)
        self.legend: list[str] = []  # the legend's entries, glyph and label
        self.shown_mode: str | None = None
        self.shown_log = False  # whether the y axis was drawn on a log scale

    def set_mode(self, mode: str) -> None:
        if mode not in self.MODES:
            raise ValueError(f"mode must be one of {', '.join(self.MODES)}, got {mode!r}")
        self.mode = mode
        self.invalidate()

    def cycle_mode(self) -> str:
        """Switch to the next mode (auto -> step -> epoch -> auto); returns it."""
        self.set_mode(self.MODES[(self.MODES.index(self.mode) + 1) % len(self.MODES)])
        return self.mode

    def toggle_log(self) -> bool:
        self.log_scale = not self.log_scale
        self.invalidate()
        return self.log_scale

    def change_key(self, cycle) -> tuple:
        state = cycle.state
        return (state.step_losses, state.epoch_log, self.mode, self.log_scale)

    def draw(self, cycle, width: int, height: int) -> None:
        plt = self.plt
        curves = loss_curves(cycle, max_points=max(8, 2 * width))  # braille: 2 dots per column
        self.curves = curves
        mode = self.mode
        if mode == "auto":
            mode = "epoch" if len(curves.test) else "step"
        self.shown_mode = mode
        self.shown = {}
        self.shown_log = False
        if mode == "step":
            if len(curves.step_losses):
                self.shown["train"] = (curves.steps.tolist(), curves.step_losses.tolist())
        else:
            if len(curves.train):
                self.shown["train"] = (curves.epochs.tolist(), curves.train.tolist())
            if len(curves.test):
                self.shown["test"] = (curves.test_epochs.tolist(), curves.test.tolist())
        self.shown_runs = self._earlier_runs(mode, max(8, 2 * width), test="test" in self.shown)
        if not self.shown and not self.shown_runs:
            self.notice = "loss: no step taken yet" if mode == "step" else "loss: no epoch finished yet"
            return
        series = list(self.shown.values()) + list(self.shown_runs.values())
        every = np.concatenate([np.asarray(ys, dtype=np.float64) for _, ys in series])
        # A log scale when asked for, or when the loss spans too many
        # powers of ten for a linear one (a diverging run); only if all > 0.
        wide = every.max() > _HUGE or (every.min() > 0 and every.max() / every.min() > 1e6)
        log = (self.log_scale or wide) and curves.positive
        markers = {"train": "braille", "test": "•"}  # keep GLYPH_KEYS in step
        colors = {"train": "cyan+", "test": "orange+"}
        lines = [(label, xy, markers[label], colors[label], self._legend_name(label)) for label, xy in self.shown.items()]
        for n, (label, xy) in enumerate(self.shown_runs.items()):
            lines.append((label, xy, RUN_GLYPHS[n % len(RUN_GLYPHS)], RUN_COLORS[n % len(RUN_COLORS)], label))
        legend = bool(self.shown_runs)  # with earlier runs, a legend names every line
        self.legend = []
        for label, (xs, ys), marker, color, name in lines:
            xs, ys = _finite_xy(xs, np.log10(ys) if log else ys)
            if not xs:
                continue
            named = {"label": name} if legend else {}
            if legend:
                self.legend.append(f"{GLYPH_KEYS.get(label, marker)} {name}")
            if len(xs) == 1:  # one point: a visible dot, not an invisible line
                plt.scatter(xs, ys, marker="•" if marker == "braille" else marker, color=self.color(color), **named)
            else:
                plt.plot(xs, ys, marker=marker, color=self.color(color), **named)
        drawn = np.log10(every) if log else every[np.abs(every) < _HUGE]
        first = min(xs[0] for xs, _ in series)
        last_x = max(xs[-1] for xs, _ in series)
        if len(drawn):
            lo, hi = float(drawn.min()), float(drawn.max())
            if hi - lo < 1e-12:
                lo, hi = lo - 0.5 * (abs(lo) or 1.0), hi + 0.5 * (abs(hi) or 1.0)
            x_hi = last_x if last_x > first else first + 1
            plt.xlim(first, x_hi)
            plt.ylim(lo, hi)
            self.set_ticks((first, x_hi), (lo, hi), y_log=log, x_whole=True)
        self.shown_log = log
        unit = "step" if mode == "step" else "epoch"
        scale = " (log)" if log else ""
        if not self.shown:
            self.set_title(f"loss per {unit}{scale}: this run has none yet", f"{unit}{scale}: none yet this run")
            return
        # The title gives the latest values themselves, not the last point of
        # a curve thinned to fit the chart.
        state = cycle.state
        if mode == "step":
            latest = {"train": state.step_losses[-1]}
        else:
            latest = {"train": state.epoch_log[-1].train_loss, "test": state.epoch_log[-1].test_loss}
        if len(self.shown) > 1:  # the glyphs say which line is which
            last = " ".join(f"{GLYPH_KEYS[label]}{label} {_fmt(latest[label])}" for label in self.shown)
        else:
            last = _fmt(latest["train"])
        self.set_title(f"loss per {unit}{scale}: {last}", f"{unit}{scale}: {last}", last)

    def _legend_name(self, series: str) -> str:
        """The current run's line in the legend: the run's name (and train or test)."""
        name = self.run_label or "this run"
        return name if series == "train" and "test" not in self.shown else f"{name} {series}"

    def _earlier_runs(self, mode: str, max_points: int, test: bool) -> dict[str, tuple[list[float], list[float]]]:
        """One line per earlier run: its step losses, or per epoch its test loss (when this chart
        shows one and the run had it), else its training loss."""
        out: dict[str, tuple[list[float], list[float]]] = {}
        for run in self.runs:
            curves = loss_curves(run.state, max_points=max_points)
            label = run.label
            if mode == "step":
                xs, ys = curves.steps, curves.step_losses
            elif test and len(curves.test):
                xs, ys, label = curves.test_epochs, curves.test, f"{label} test"
            else:
                xs, ys = curves.epochs, curves.train
            if len(xs):
                while label in out:  # two runs of the same name
                    label += "'"
                out[label] = (xs.tolist(), ys.tolist())
        return out


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
            plt.scatter(data.x_train[:, 0].tolist(), data.y_train[:, j].tolist(), marker="o",
                        color=self.color("yellow+"))
            if len(data.x_test):
                plt.scatter(data.x_test[:, 0].tolist(), data.y_test[:, j].tolist(), marker="x",
                            color=self.color("orange+"))
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
        for level in np.unique(cells):
            mask = cells == level
            n = int(level) % len(REGION_GLYPHS)
            plt.scatter(gx[mask].tolist(), gy[mask].tolist(), marker=REGION_GLYPHS[n], color=self.color(REGION_COLORS[n]))
        if data.task == "classification":
            labels = point_classes(data.y_train)
            for c in np.unique(labels):
                mask = labels == c
                n = int(c) % len(CLASS_GLYPHS)
                plt.scatter(data.x_train[mask, 0].tolist(), data.x_train[mask, 1].tolist(), marker=CLASS_GLYPHS[n],
                            color=self.color(CLASS_COLORS[n]))
            points = ", ".join(f"{CLASS_GLYPHS[int(c) % len(CLASS_GLYPHS)]} {int(c)}" for c in np.unique(labels))
            legends = [f"{legends[0]}   training points by class: {points}",
                       f"{legends[0]}   points by class: {points}",
                       f"{legends[1]}   points: {points}", legends[1]]
        else:
            plt.scatter(data.x_train[:, 0].tolist(), data.x_train[:, 1].tolist(), marker="o", color=self.color("white"))
            legends = [f"{legends[0]}   o training points", f"{legends[1]}   o training points", legends[1]]
        # Limits at the outer cell centres put one cell on each character.
        plt.xlim(float(grid.xs[0]), float(grid.xs[-1]))
        plt.ylim(float(grid.ys[0]), float(grid.ys[-1]))
        self.set_ticks((grid.xs[0], grid.xs[-1]), (grid.ys[0], grid.ys[-1]))
        self.set_title(title, short_title)
        self.set_legend(*legends)


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
        self.surface = s = loss_surface(cycle, self.weight_layer, w1, w2, ranges=self.ranges, resolution=(cols, rows))
        bands = value_levels(s.loss, self.levels, log=True)
        if self.style == "contour":
            bands = np.where(level_edges(bands), bands, -1)
        gx, gy = np.meshgrid(s.w1, s.w2)
        for level in range(self.levels):
            mask = bands == level
            if mask.any():
                glyph = BAND_GLYPHS[min(level, len(BAND_GLYPHS) - 1)]
                plt.scatter(gx[mask].tolist(), gy[mask].tolist(), marker=glyph, color=self.color("blue"))
        mw1, mw2, _ = s.minimum
        plt.scatter([mw1], [mw2], marker="*", color=self.color("green+"))
        self.run_paths = {}
        for n, run in enumerate(self.runs):  # earlier runs' paths, where this surface has their weights
            if not run.networks or not fits_weights(run.networks[-1], self.weight_layer, w1, w2):
                continue
            points = path_points(run.networks, self.weight_layer, w1, w2)
            inside = ((points[:, 0] >= s.w1[0]) & (points[:, 0] <= s.w1[-1])
                      & (points[:, 1] >= s.w2[0]) & (points[:, 1] <= s.w2[-1]))
            points = points[inside]
            if len(points):
                glyph = RUN_GLYPHS[n % len(RUN_GLYPHS)]
                self.run_paths[run.label] = points
                draw = plt.plot if len(points) > 1 else plt.scatter
                draw(points[:, 0].tolist(), points[:, 1].tolist(), marker=glyph,
                     color=self.color(RUN_COLORS[n % len(RUN_COLORS)]), label=f"{run.label}")
        named = {"label": self.run_label or "this run"} if self.run_paths else {}
        if len(s.path) > 1:
            plt.plot(s.path[:, 0].tolist(), s.path[:, 1].tolist(), marker="o", color=self.color("yellow+"), **named)
        elif named:
            plt.scatter([s.current[0]], [s.current[1]], marker="o", color=self.color("yellow+"), **named)
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


# Which chart a lesson step's `show` hint asks for.
CHARTS: dict[str, type[CycleChart]] = {
    "loss": LossChart,
    "function": FunctionChart,
    "regions": FunctionChart,
    "surface": SurfaceChart,
}


class ChartPanel(Vertical):
    """One chart at a time, chosen by a lesson step's `show` hint ("loss",
    "function", "regions", "surface"); the others wait hidden.

    `update_from(cycle)` passes the cycle to every chart, which costs nothing
    for the hidden ones (they compute only when drawn). `show(kind)` switches;
    `next_chart()` steps through the kinds this panel holds (for a key).
    """

    DEFAULT_CSS = """
    ChartPanel {
        height: 1fr;
        width: 1fr;
    }
    ChartPanel > ContentSwitcher {
        height: 1fr;
    }
    """

    def __init__(self, kinds: tuple[str, ...] = ("loss", "function", "surface"), initial: str = "loss",
                 surface: dict | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kinds = tuple(dict.fromkeys("function" if k == "regions" else k for k in kinds))
        unknown = [k for k in self.kinds if k not in CHARTS]
        if unknown:
            raise ValueError(f"unknown chart kind {unknown[0]!r}; choose from {', '.join(CHARTS)}")
        self.kind = self._known(initial)
        self._surface_options = surface or {}
        self._cycle: Any = None

    def _known(self, kind: str) -> str:
        kind = "function" if kind == "regions" else kind
        return kind if kind in self.kinds else self.kinds[0]

    def compose(self):
        with ContentSwitcher(initial=f"chart-{self.kind}"):
            for kind in self.kinds:
                options = self._surface_options if kind == "surface" else {}
                yield CHARTS[kind](id=f"chart-{kind}", **options)

    def chart(self, kind: str | None = None) -> CycleChart:
        return self.query_one(f"#chart-{self._known(kind or self.kind)}", CycleChart)

    def show(self, kind: str) -> str:
        """Show the chart of `kind` (one this panel holds, else its first); returns the kind shown."""
        self.kind = self._known(kind)
        self.query_one(ContentSwitcher).current = f"chart-{self.kind}"
        return self.kind

    def next_chart(self) -> str:
        return self.show(self.kinds[(self.kinds.index(self.kind) + 1) % len(self.kinds)])

    def update_from(self, cycle, runs: tuple = (), label: str = "") -> bool:
        """Hand every chart the cycle, the earlier runs (oldest first) and the current run's name."""
        self._cycle = cycle
        changed = False
        for chart in self.query(CycleChart):
            changed = chart.update_from(cycle, runs, label) or changed
        return changed
