"""Pictures of what each neuron computes: a small one per neuron, the selected one large.

The engine (engine/neuron_maps.py) computes every neuron's activation over the
input plane (or line); this widget only draws it. Over the plane each cell
is a shade from a density ramp, light to dark for low to high, so a picture
reads in any terminal, without colour and in a plain-text capture; on the
large picture colour, when the terminal has it, repeats the shade (blue low,
orange high); the small ones stay plain, which keeps a redraw cheap. Over
the line each picture is the neuron's curve, drawn with half blocks (two
dots per cell) for twice the height. The large picture carries the training
points (and the test points) so a neuron's boundary can be read against the
data it has to separate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from nntutor.engine.neuron_maps import InputGrid, NeuronMap, input_grid, neuron_maps
from nntutor.engine.views import point_classes

from ..format import neuron_name, num
from .strip_cache import StripCache

RAMP = " ·:░▒▓█"  # light (the lowest value) to dark (the highest)
GAP = 2  # columns between pictures
LARGE_MIN = (16, 8)
TRAIN_MARKS = ("○", "●")  # class 0, class 1 (or the selected output's class, and any other)
TEST_MARKS = ("◇", "◆")
CURVE_MARK = {(True, False): "▀", (False, True): "▄", (True, True): "█"}


# Colour repeats the shade in three bands (blue low, grey middle, orange high): few colours make
# long runs of one style, which keeps a redraw cheap (every run is one span for Textual to convert).
_LOW, _MID, _HIGH = Style(color="#4682dc"), Style(color="#969696"), Style(color="#f09628", bold=True)
SHADES = [_LOW, _LOW, _LOW, _MID, _HIGH, _HIGH, _HIGH]
PLAIN = Style()
MARK = Style(bold=True)


class Canvas:
    """A grid of (character, style) cells: the panel's rows before they become strips."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.chars = [[" "] * width for _ in range(height)]
        self.styles: list[list[Style]] = [[PLAIN] * width for _ in range(height)]

    def put(self, row: int, col: int, char: str, style: Style = PLAIN) -> None:
        if 0 <= row < self.height and 0 <= col < self.width:
            self.chars[row][col] = char
            self.styles[row][col] = style

    def write(self, row: int, col: int, text: str, style: Style = PLAIN) -> None:
        for k, char in enumerate(text[: max(0, self.width - col)]):
            self.put(row, col + k, char, style)

    @property
    def plain(self) -> str:
        """The pictures as plain text, a line a row (what a screen without colour shows)."""
        return "\n".join("".join(chars) for chars in self.chars)

    def runs(self, row: int) -> list[tuple[str, Style]]:
        """Row `row` as runs of one style: each run is one segment for the terminal."""
        chars, styles = self.chars[row], self.styles[row]
        runs = []
        start = 0
        for c in range(1, self.width + 1):
            if c == self.width or styles[c] is not styles[start]:
                runs.append(("".join(chars[start:c]), styles[start]))
                start = c
        return runs

    def strip(self, row: int, style_of: Callable[[Style], Style]) -> Strip:
        """Row `row` as one strip of segments, each run's style passed through `style_of`."""
        segments = [Segment(text, style_of(style)) for text, style in self.runs(row)]
        return Strip(segments, self.width)  # every character drawn is one cell wide

    def changed_rows(self, other: Canvas | None) -> list[int] | None:
        """The rows that differ from `other`; None when it has another size (all of them)."""
        if other is None or (other.width, other.height) != (self.width, self.height):
            return None
        return [r for r in range(self.height) if self.chars[r] != other.chars[r] or self.styles[r] != other.styles[r]]


def draw_plane(canvas: Canvas, top: int, left: int, picture: NeuronMap, colour: bool) -> None:
    levels = picture.levels(len(RAMP)).tolist()
    for r, row in enumerate(levels):
        if not 0 <= top + r < canvas.height:
            continue
        chars, styles = canvas.chars[top + r], canvas.styles[top + r]
        width = max(0, min(len(row), canvas.width - left))
        chars[left : left + width] = [RAMP[level] for level in row[:width]]
        styles[left : left + width] = [SHADES[level] if colour else PLAIN for level in row[:width]]


def draw_curve(canvas: Canvas, top: int, left: int, picture: NeuronMap, rows: int) -> None:
    """The neuron's value along the input line, two dots per cell, joined where it jumps; · marks 0."""
    dots = 2 * rows
    levels = picture.levels(dots)  # 0 (lo) .. dots - 1 (hi)
    if picture.lo < 0 < picture.hi:
        zero = min(int(-picture.lo / (picture.hi - picture.lo) * dots), dots - 1)
        for c in range(len(levels)):
            canvas.put(top + rows - 1 - zero // 2, left + c, "·")
    previous = None
    for c, level in enumerate(levels):
        lo, hi = (level, level) if previous is None else (min(level, previous + 1), max(level, previous - 1))
        lo, hi = min(lo, level), max(hi, level)
        previous = level
        cells: dict[int, tuple[bool, bool]] = {}
        for dot in range(lo, hi + 1):
            row = rows - 1 - dot // 2
            upper, lower = cells.get(row, (False, False))
            cells[row] = (upper or dot % 2 == 1, lower or dot % 2 == 0)
        for row, halves in cells.items():
            canvas.put(top + row, left + c, CURVE_MARK[halves], MARK)


def draw_targets(
    canvas: Canvas, top: int, left: int, grid: InputGrid, data: Any, picture: NeuronMap, rows: int
) -> None:
    """One-input data: the training targets (∘) on the output's curve picture."""
    cols = len(grid.xs)
    step = (grid.xs[-1] - grid.xs[0]) / max(cols - 1, 1)
    span = picture.hi - picture.lo
    for x, t in zip(data.x_train[:, 0], data.y_train[:, 0], strict=True):
        c = int(np.rint((x - grid.xs[0]) / (step or 1)))
        dot = int((t - picture.lo) / span * 2 * rows) if span > 0 else 0
        if 0 <= dot < 2 * rows:
            canvas.put(top + rows - 1 - dot // 2, left + c, "∘", MARK)


def _small_size(count: int, width: int, height: int) -> tuple[int, int, int]:
    """The largest small-picture size (columns, rows) that fits `count` pictures, and pictures per row."""
    for w, h in ((10, 5), (8, 4), (8, 3), (6, 3), (5, 2)):
        per_row = max(1, (width + GAP) // (w + GAP))
        if -(-count // per_row) * (h + 1) <= height:
            return w, h, per_row
    return 5, 2, max(1, (width + GAP) // (5 + GAP))


class NeuronMapsPanel(StripCache, can_focus=False):
    """Every hidden and output neuron's picture, the selected one large, with a legend.

    A Line API widget: a redraw builds the canvas, and only its rows that changed
    are refreshed, each turned straight into one strip of segments (a Static would
    convert the whole panel's text to content and then to strips on every redraw,
    which cost more than drawing the pictures).
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._key: tuple | None = None
        self._last: tuple | None = None
        self._canvas: Canvas | None = None

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def show(self, network: Any, data: Any, selected: tuple[int, int] | None) -> None:
        """Draw `network`'s neurons over the inputs of `data`; `selected` is (layer, j) or None."""
        self._last = (network, data, selected)
        width, height = self.content_size.width, self.content_size.height
        key = (id(network), id(data), selected, width, height, self.app.no_color)
        if key == self._key or width < 20 or height < 4:
            return
        self._key = key
        canvas = render_maps(network, data, selected, width, height, colour=not self.app.no_color)
        changed = canvas.changed_rows(self._canvas)
        self._canvas = canvas
        if changed is None:
            self.forget_rows()
            self.refresh()  # the panel takes the room the layout gives it (1fr): its pictures never resize it
            return
        self.forget_rows(changed)
        for first, count in _row_spans(changed):
            self.refresh(Region(0, first, width, count))

    def build_strip(self, y: int) -> Strip:
        canvas, width = self._canvas, self.content_size.width
        if canvas is None or y >= canvas.height:
            return Strip.blank(width, self.rich_style)
        return canvas.strip(y, self._style).crop(0, width)

    def _style(self, style: Style) -> Style:
        """`style` over the panel's colours, cached in _styles (rich_style is computed again on every call)."""
        combined = self._styles.get(style)
        if combined is None:
            combined = self._styles[style] = self.rich_style + style
        return combined


def _row_spans(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, count) runs of consecutive rows: one refresh region each."""
    spans: list[tuple[int, int]] = []
    for row in rows:
        if spans and spans[-1][0] + spans[-1][1] == row:
            spans[-1] = (spans[-1][0], spans[-1][1] + 1)
        else:
            spans.append((row, 1))
    return spans


def render_maps(
    network: Any, data: Any, selected: tuple[int, int] | None, width: int, height: int, colour: bool = True
) -> Canvas:
    """The whole panel: the large picture on the left, the small ones beside it, the legend below."""
    canvas = Canvas(width, height)
    if data.n_inputs not in (1, 2):
        canvas.write(0, 0, f"Neuron pictures need one or two inputs; this data has {data.n_inputs}.")
        return canvas
    depth = network.depth
    legend_rows = 2
    large_w = max(LARGE_MIN[0], min(width // 3, 2 * (height - legend_rows - 1)))
    large_h = max(LARGE_MIN[1], height - legend_rows - 1)
    if data.n_inputs == 2:
        large_h = min(large_h, large_w // 2 + 1)  # cells are about twice as tall as wide
    x_all = np.concatenate([data.x_train, data.x_test]) if len(data.x_test) else data.x_train
    left0 = large_w + GAP + 1
    count = sum(network.sizes[1:])
    small_w, small_h, per_row = _small_size(count, width - left0, height - legend_rows)
    large_grid = input_grid(x_all, large_w, large_h)
    small_grid = input_grid(x_all, small_w, small_h)
    pictures = neuron_maps(network, small_grid)
    if selected is None or not 1 <= selected[0] <= depth or selected[1] >= network.sizes[selected[0]]:
        selected = (depth, 0)
    big = next(m for m in neuron_maps(network, large_grid) if (m.layer, m.j) == selected)
    shows_targets = data.n_inputs == 1 and big.layer == depth
    if shows_targets:  # the output's scale takes in the targets it should meet
        t = data.y_train[:, big.j]
        big = replace(big, lo=min(big.lo, float(t.min())), hi=max(big.hi, float(t.max())))

    # The large picture, with the data on it.
    name = neuron_name(big.layer, big.j, depth)
    title = f"{name}: {big.activation}, layer {big.layer}"
    if len(title) > large_w + GAP:  # at 80 columns "h1.1: tanh, layer 1" lost its 1; the name says the layer
        title = f"{name}: {big.activation}"
    canvas.write(0, 0, title[: large_w + GAP], MARK)
    if data.n_inputs == 2:
        draw_plane(canvas, 1, 0, big, colour)
        _draw_points(canvas, 1, 0, large_grid, data, big, depth)
    else:
        draw_curve(canvas, 1, 0, big, large_h)
        if shows_targets:
            draw_targets(canvas, 1, 0, large_grid, data, big, large_h)

    # The small pictures, row after row beside it.
    for n, picture in enumerate(pictures):
        r, c = divmod(n, per_row)
        top, left = r * (small_h + 1), left0 + c * (small_w + GAP)
        if top + small_h + 1 > height - legend_rows:
            canvas.write(top, left, f"+{len(pictures) - n} more")
            break
        label = neuron_name(picture.layer, picture.j, depth)
        is_selected = (picture.layer, picture.j) == selected
        canvas.write(top, left, (f"▸{label}" if is_selected else f" {label}")[:small_w], MARK if is_selected else PLAIN)
        if data.n_inputs == 2:
            draw_plane(canvas, top + 1, left, picture, colour=False)  # shades alone: cheaper to redraw
        else:
            draw_curve(canvas, top + 1, left, picture, small_h)

    _legend(canvas, height - legend_rows, big, data, depth)
    return canvas


def _draw_points(canvas: Canvas, top: int, left: int, grid: InputGrid, data: Any, big: NeuronMap, depth: int) -> None:
    """Training points (○ ●) and test points (◇ ◆) where they fall on the large picture."""
    if data.task != "classification":
        return
    ys = grid.ys
    assert ys is not None, "points are drawn on a two-input picture only"
    cols, rows = len(grid.xs), len(ys)
    x_lo, x_step = grid.xs[0], (grid.xs[-1] - grid.xs[0]) / max(cols - 1, 1)
    y_hi, y_step = ys[0], (ys[0] - ys[-1]) / max(rows - 1, 1)
    for x, t, marks in ((data.x_train, data.y_train, TRAIN_MARKS), (data.x_test, data.y_test, TEST_MARKS)):
        if not len(x):
            continue
        classes = point_classes(t)
        if t.shape[1] > 1:  # several outputs: the selected output's class against the others
            classes = (classes == (big.j if big.layer == depth else 0)).astype(np.int64)
        c = np.rint((x[:, 0] - x_lo) / (x_step or 1)).astype(np.int64)
        r = np.rint((y_hi - x[:, 1]) / (y_step or 1)).astype(np.int64)
        for ri, ci, k in zip(r, c, classes, strict=True):
            canvas.put(top + int(ri), left + int(ci), marks[int(k)], MARK)


def _legend(canvas: Canvas, row: int, big: NeuronMap, data: Any, depth: int) -> None:
    scale = f"{num(big.lo)}..{num(big.hi)}" + ("" if big.fixed else " (fitted)")
    if data.n_inputs == 2:
        canvas.write(row, 0, f"shade: '{RAMP[1]}' low .. '{RAMP[-1]}' high, {big.activation} {scale}; x1 across, x2 up")
        if data.task == "classification":
            multi = data.y_train.shape[1] > 1
            which = "this class / other" if multi else "class 1 / class 0"
            canvas.write(
                row + 1,
                0,
                f"{TRAIN_MARKS[1]} {TRAIN_MARKS[0]} training points ({which})   "
                f"{TEST_MARKS[1]} {TEST_MARKS[0]} test points",
            )
    else:
        canvas.write(row, 0, f"each picture: the neuron's value (up) along x1 (across), {big.activation} {scale}")
        canvas.write(row + 1, 0, "· marks the value 0" + ("; ∘ the training targets" if big.layer == depth else ""))
