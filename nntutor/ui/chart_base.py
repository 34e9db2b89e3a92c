"""The base of every chart: a plotext plot drawn from a learning cycle.

Every chart has `update_from(cycle)`, to be called after a phase, a step
back or training progress. It only remembers the cycle and whether what the
chart shows changed (by the identity of the engine's immutable values); the
numbers are computed by `nntutor.engine.views` when the chart is next drawn,
at the chart's current size, and the built picture is kept until the data,
the size or the theme changes. So calling `update_from` after every key press
is cheap.

Glyphs, not colours, tell series and classes apart, so the charts read the
same with NO_COLOR (then no plotext colour is asked for at all).
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from ..engine.distinct import distinct
from ..engine.errors import EngineError
from .ansi_picture import picture_text
from .format import num
from .line_cells import cell_positions, line_cells

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
# plotext's frame around the canvas (plotext 5.3): the y tick labels and 2 columns (the border on
# each side); 3 rows (both borders, the x tick labels) and one each for a title and an x label.
_BORDER_COLS = 2
_BORDER_ROWS = 3


def _same(a: tuple, b: tuple | None) -> bool:
    """Two change keys are the same: engine values by identity, the rest by equality."""
    if b is None or len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if isinstance(x, (int, float, str, bool, type(None))):
            # Compared by value only against a value of the same type: an
            # array in the other key's place would make `!=` an array.
            if type(x) is not type(y) or x != y:
                return False
        elif x is not y:
            return False
    return True


def _fmt(value: float) -> str:
    """A number in a chart's title or legend, as the panels write it (22500, not 2.25e+04)."""
    return num(value) if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"


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
        self._cache: tuple[tuple, RenderResult] | None = None
        self.title_text = ""  # the title as drawn
        self.legend_text = ""  # the legend line under the x axis, as drawn (if any)
        self.notice: str | None = None  # shown instead of a chart when there is nothing to draw
        self.builds = 0  # how many times the data was recomputed (for tests and benchmarks)
        self._frame = (_FRAME_COLS, _FRAME_ROWS)  # widget size minus canvas size, learnt when drawn
        self._grid_used: tuple[int, int] | None = None
        self._rows_only = False  # only the grid's rows were asked for (grid_rows)
        self._y_labels: list[str] = []  # the y tick labels as set (they make the frame's width)
        self._cells_canvas: tuple[int, int] | None = None  # the canvas lines were drawn for (plot_line)
        self._lines_by_plotext = False  # plot_line leaves its lines to plotext (its canvas was missed)

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
        built = None
        if self._cycle is not None and (self._drawn_key is not self._key or self._drawn_size != size):
            built = self._redraw(size)
        cache_key = (size, self.app.theme, self.theme, id(self._drawn_key))
        if self._cache is not None and self._cache[0] == cache_key:
            return self._cache[1]
        text = built if built is not None else self._build_picture()
        self._cache = (cache_key, text)
        return text

    def _redraw(self, size: tuple[int, int]) -> Text | None:
        """Set up plotext for `size`; returns the picture when measuring the grid already built it."""
        width, height = max(size[0], 1), max(size[1], 1)
        self._draw_once(width, height)
        if self._frame_changed():
            # The labels just set make another frame than the grid was sized to (the first drawing at
            # a size, or numbers of another width): the grid is computed again for the canvas plotext
            # will make, before plotext builds the picture (the build costs more than the numbers).
            self._draw_once(width, height)
        built = None
        if self._grid_used is not None:
            # Grids should give one cell per character. The frame's share of
            # the widget depends on the tick labels, so measure the canvas
            # plotext made and, if the grid missed it, draw once more. The
            # picture measured is the one shown when the grid fits: a plotext
            # build is most of a chart's cost, so it is not made twice.
            # A chart that asked for its rows alone (grid_rows) is drawn once more only when they missed:
            # its columns follow the y labels' width, which changes with the numbers, and the learnt
            # frame serves the next drawing.
            built = self._build_picture()
            canvas = _canvas_size(built.plain)
            lines_missed = self._cells_canvas not in (None, canvas)  # lines drawn for another canvas
            if canvas is not None and (canvas != self._grid_used or lines_missed):
                missed = canvas[1] != self._grid_used[1] or not self._rows_only or lines_missed
                self._frame = (
                    self._frame[0] + self._grid_used[0] - canvas[0],
                    self._frame[1] + self._grid_used[1] - canvas[1],
                )
                if missed:
                    # Lines drawn for a canvas that was not the picture's are drawn by plotext this time.
                    self._lines_by_plotext = lines_missed
                    self._draw_once(width, height)
                    self._lines_by_plotext = False
                    built = None
        self.builds += 1
        self._drawn_key, self._drawn_size = self._key, size
        self._cache = None
        return built

    def _build_picture(self) -> Text:
        """plotext's picture at the widget's size, as textual-plotext's render makes it, but decoded by
        picture_text (rich's Text.from_ansi took as long as plotext's build). It calls two private
        methods of textual-plotext 1.0's render; a textual-plotext without them gets its own render,
        and tests/ui_charts/test_ansi_picture.py compares the two pictures."""
        plot = self.plt
        try:
            set_size, theme_name = plot._set_size, self._get_plotext_theme_name
        except AttributeError:
            return cast(Text, super().render())
        plot.plotsize(self.size.width, self.size.height)
        set_size(self.size.width, self.size.height)  # as textual-plotext does (its issue 5)
        plot.theme(theme_name(self.app.theme))
        return picture_text(plot.build())

    def _draw_once(self, width: int, height: int) -> None:
        plt = self.plt
        plt.clear_data()  # the data and the limits
        # The scales and ticks: plotext has no public call for it, and textual-plotext's
        # typed Plot does not declare plotext's internal `monitor`.
        plt.monitor.axes_init()  # type: ignore[attr-defined]
        plt.title("")
        plt.xlabel("")
        self.title_text = ""
        self.legend_text = ""
        self.notice = None
        self._grid_used = None
        self._rows_only = False
        self._y_labels = []
        self._cells_canvas = None
        try:
            self.draw(self._cycle, width, height)
        except EngineError as exc:
            plt.clear_data()
            self.notice = str(exc)
        if self.notice:
            self.set_title(self.notice)

    def _frame_changed(self) -> bool:
        """Whether the frame plotext will draw around the labels just set differs from the one the
        grid was sized to (columns only where the grid needs them); if so, that frame is learnt."""
        if self._grid_used is None or not self._y_labels:
            return False
        cols, rows = _frame_around(self._y_labels, bool(self.title_text) + bool(self.legend_text))
        changed = rows != self._frame[1] or (cols != self._frame[0] and not self._rows_only)
        if changed:
            self._frame = (cols, rows)
        return changed

    def grid_size(self, width: int, height: int) -> tuple[int, int]:
        """Columns and rows of a grid with one cell per character of the canvas."""
        self._grid_used = (max(4, width - self._frame[0]), max(2, height - self._frame[1]))
        self._rows_only = False
        return self._grid_used

    def plot_line(self, xs: list[float], ys: list[float], marker: str, color: str | None, limits, width: int) -> None:
        """plt.plot(xs, ys) drawn as plotext would, from the cells line_cells computes: plotext's own
        joining of the points took most of a line chart's redraw. For a chart `width` wide whose
        rows are sized (grid_rows) and y ticks set (set_ticks), with the limits set on both axes,
        ((x_lo, x_hi), (y_lo, y_hi)); else plotext draws it."""
        if limits is None or self._grid_used is None or not self._y_labels or self._lines_by_plotext:
            self.plt.plot(xs, ys, marker=marker, color=color)
            return
        # The canvas plotext will make: its rows as sized, its columns what the y labels leave
        # (_redraw draws again if the picture's canvas is another).
        canvas = (max(1, width - _frame_around(self._y_labels, 0)[0]), self._grid_used[1])
        (x_lim, y_lim), braille = limits, marker == "braille"
        cols, rows, chars = line_cells(np.asarray(xs), np.asarray(ys), x_lim, y_lim, canvas, braille)
        if not len(cols):  # nothing on the canvas: plotext's own way (it then draws no ticks)
            self.plt.plot(xs, ys, marker=marker, color=color)
            return
        self._cells_canvas = canvas
        cell_xs, cell_ys = cell_positions(cols, x_lim, canvas[0]), cell_positions(rows, y_lim, canvas[1])
        # plotext documents a list of markers, one a point; textual-plotext's typing says one str.
        markers: Any = chars if chars is not None else marker
        self.plt.scatter(cell_xs, cell_ys, marker=markers, color=color)

    def grid_rows(self, width: int, height: int) -> int:
        """The canvas's rows, for a chart whose columns need not match the canvas (a line chart)."""
        rows = self.grid_size(width, height)[1]
        self._rows_only = True
        return rows

    def set_ticks(self, x_span, y_span, y_log: bool = False, x_whole: bool = False, y_ticks=None) -> None:
        """Short tick labels (plotext's own grow very wide for large numbers).

        With `y_log`, the y values drawn are log10 of the real ones, and the
        labels show the real ones. `y_ticks` are the y ticks to label (else
        round ones inside `y_span`).
        """
        width = self.size.width or 40
        nx = max(2, min(6, (width - self._frame[0]) // 9))
        xs = nice_ticks(float(x_span[0]), float(x_span[1]), nx)
        if x_whole:  # steps and epochs are whole numbers
            xs = distinct(np.round(xs))
            self.plt.xticks(xs.tolist(), [str(int(v)) for v in xs])
        else:
            self.plt.xticks(xs.tolist(), _tick_labels(xs))
        ys, labels = self._y_ticks(y_span, y_log, y_ticks)
        self.plt.yticks(ys.tolist(), labels)
        self._y_labels = labels

    def _y_ticks(self, y_span, y_log: bool = False, y_ticks=None) -> tuple[np.ndarray, list[str]]:
        """The y ticks set_ticks puts inside ``y_span`` (or at ``y_ticks``), and their labels."""
        height = self.size.height or 12
        ny = max(2, min(5, (height - self._frame[1]) // 2 + 1))
        given = None if y_ticks is None else np.asarray(y_ticks, dtype=np.float64)
        ys = nice_ticks(float(y_span[0]), float(y_span[1]), ny) if given is None else given
        if not y_log:
            return ys, _tick_labels(ys)
        if np.allclose(ys, np.round(ys)):  # whole powers of ten
            return ys, [f"1e{int(v)}" if abs(v) > 3 else f"{10.0**v:g}" for v in ys]
        return ys, [f"{v:.3g}" for v in 10.0**ys]

    def expect_y_span(self, y_span) -> None:
        """Learn the frame before a grid is sized, for a chart with a title and a legend whose y axis
        will span ``y_span``: a chart that knows it from the rows alone computes its grid once."""
        self._frame = _frame_around(self._y_ticks(y_span)[1], 2)

    def set_title(self, *texts: str) -> None:
        """The first of `texts` (longest first) that fits over the canvas, else the last one cut.

        plotext drops a title wider than its canvas, so it must be made to fit.
        """
        room = max(self.size.width - self._frame[0], 1) if self.size.width else 40
        fitting = next((t for t in texts if len(t) <= room), None)
        self.title_text = fitting if fitting is not None else texts[-1][: room - 1] + "…"
        self.plt.title(self.title_text)

    def set_legend(self, *texts: str) -> None:
        """A one-line legend under the x axis: the first of `texts` (longest first) that fits."""
        room = max(self.size.width - self._frame[0], 1) if self.size.width else 40
        self.legend_text = next((t for t in texts if len(t) <= room), texts[-1][: room - 1] + "…")
        self.plt.xlabel(self.legend_text)


def _frame_around(y_labels: list[str], text_rows: int) -> tuple[int, int]:
    """The columns and rows plotext's frame takes around the canvas, with ``text_rows`` of title and legend."""
    return max(map(len, y_labels)) + _BORDER_COLS, _BORDER_ROWS + text_rows


def _canvas_size(picture: str) -> tuple[int, int] | None:
    """Columns and rows inside the plot frame (┌┐ └┘) of a plotext picture, None without one."""
    lines = picture.splitlines()
    top = next((n for n, line in enumerate(lines) if "┌" in line and "┐" in line), None)
    bottom = next((n for n, line in enumerate(lines) if "└" in line and "┘" in line), None)
    if top is None or bottom is None:
        return None
    return lines[top].index("┐") - lines[top].index("┌") - 1, bottom - top - 1
