"""The network panel: layers as columns of neurons, weights between them, drawn line by line.

A Line API widget (Textual's `render_line`): each redraw formats only the
rows the panel shows, and after a phase or a move of the selection only the
cells whose text changed are refreshed, so the work and the bytes written
follow the screen, not the network. `net_layout` decides each column's form
and window, `net_lines` what each visible row says.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.geometry import Region, Size
from textual.strip import Strip

from ..selection import column_of, loss_column
from .net_layout import Layout, column_specs, fit
from .net_lines import HEADER, MORE, SELECTED, Line, NetView, column_lines
from .strip_cache import StripCache

__all__ = ["NetView", "NetworkPanel"]


def _blank_safe(style: str) -> bool:
    """True if spaces in this style look like plain spaces (no underline, no reversed colours)."""
    return HEADER not in style and SELECTED not in style


class NetworkPanel(StripCache, can_focus=False):
    """Every layer of the network side by side, each a window of its items around the selection."""

    COMPONENT_CLASSES = {
        "net--header",
        "net--changed",
        "net--pending",
        "net--selected",
        "net--more",
        "net--positive",
        "net--negative",
    }
    # Highlights use text styles as well as colour, so they survive NO_COLOR;
    # heat strips carry a sign character for the same reason.
    DEFAULT_CSS = """
    NetworkPanel > .net--header { text-style: bold underline; }
    NetworkPanel > .net--changed { text-style: bold; color: $warning; }
    NetworkPanel > .net--pending { color: $text-disabled; }
    NetworkPanel > .net--selected { text-style: reverse; }
    NetworkPanel > .net--more { color: $text-muted; text-style: italic; }
    NetworkPanel > .net--positive { color: $primary; }
    NetworkPanel > .net--negative { color: $error; }
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.shape: tuple | None = None
        self.sizes: list[int] = []
        self.activations: tuple[str, ...] = ()
        self.specs: list = []
        self.view: NetView | None = None
        self.layout_shown: Layout | None = None
        self._tops: dict[int, int] = {}  # column -> first item shown, so a window moves only when it must
        self._cells: list[list[Line]] = []  # row -> the line of each placed column

    # -- what to draw ----------------------------------------------------------------
    def set_network(self, sizes: list[int], activations: tuple[str, ...], loss: str) -> None:
        """Take a network shape (only a new shape resets the layout)."""
        shape = (tuple(sizes), tuple(activations), loss)
        if shape == self.shape:
            return
        self.shape = shape
        self.sizes, self.activations = list(sizes), tuple(activations)
        self.specs = column_specs(self.sizes)
        self._tops = {}
        self.layout_shown = None
        # Where the panel's height is its content's (wide and tall screens), the height follows the shape;
        # elsewhere the layout gives it its room, and a layout pass of the whole screen would be wasted.
        height = self.styles.height
        self.refresh(layout=height is None or height.is_auto)

    def show(self, view: NetView) -> int:
        """Draw `view`; returns how many regions of the panel were marked for repainting."""
        self.view = view
        return self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    # -- layout and diff ---------------------------------------------------------------
    def _redraw(self) -> int:
        view = self.view
        width, height = self.content_size
        if view is None or not self.specs or width <= 0 or height <= 0:
            return 0
        sel = view.selection
        selected = column_of(sel) if sel[0] != "loss" else loss_column(self.sizes)
        layout = fit(self.specs, selected, width)
        columns = []
        for placed in layout.columns:
            lines, first = column_lines(
                placed, view, self.sizes, self.activations, height, self._tops.get(placed.spec.index, 0)
            )
            self._tops[placed.spec.index] = first
            columns.append(lines)
        blank: Line = ()
        cells = [[lines[y] if y < len(lines) else blank for lines in columns] for y in range(height)]
        if layout != self.layout_shown or len(cells) != len(self._cells):
            self.layout_shown = layout
            self._cells = cells
            self.forget_rows()
            self.refresh()
            return len(layout.columns) * height
        # One region a line, from the first changed column to the last: Textual writes each dirty
        # region on its own, so two regions on one line would write the line twice.
        spans = []
        for y in range(height):
            changed = [
                placed for placed, old, new in zip(layout.columns, self._cells[y], cells[y], strict=True) if old != new
            ]
            spans.append((changed[0].x, changed[-1].x + changed[-1].width) if changed else None)
            if changed:
                self.forget_rows([y])
        regions = []
        y = 0
        while y < height:  # lines in a row with the same span make one region
            span = spans[y]
            end = y + 1
            while end < height and spans[end] == span:
                end += 1
            if span is not None:
                regions.append(Region(span[0], y, span[1] - span[0], end - y))
            y = end
        self._cells = cells
        if regions:
            self.refresh(*regions)
        return len(regions)

    # -- the Line API -------------------------------------------------------------------
    def build_strip(self, y: int) -> Strip:
        layout = self.layout_shown
        base = self._style("")
        width = self.content_size.width
        if layout is None or y >= len(self._cells):
            return Strip.blank(width, base)
        runs: list[list[str]] = []  # [text, style]
        x = 0

        def add(text: str, style: str) -> None:
            if runs and runs[-1][1] == style:
                runs[-1][0] += text
            else:
                runs.append([text, style])

        if y == 0 and layout.hidden_left:
            add("◀", MORE)
            x = 1
        for placed, line in zip(layout.columns, self._cells[y], strict=True):
            if not line:  # a column with nothing on this row: its room becomes part of the next gap
                continue
            gap = " " * (placed.x - x)
            for n, (text, style) in enumerate(line):
                if n == 0 and gap:
                    # Spaces look the same in any colour: the gap joins whichever neighbour keeps the
                    # fewest style changes (never an underlined or reversed one).
                    if runs and _blank_safe(runs[-1][1]):
                        runs[-1][0] += gap
                    elif _blank_safe(style):
                        text = gap + text
                    else:
                        add(gap, "")
                add(text, style)
            x = placed.x + sum(len(text) for text, _ in line)
        if y == 0 and layout.hidden_right:
            add(" " * max(layout.width - 1 - x, 0) + "▶", MORE)
            x = max(layout.width, x + 1)
        if x < width:
            add(" " * (width - x), runs[-1][1] if runs and _blank_safe(runs[-1][1]) else "")
        segments = [Segment(text, self._style(style)) for text, style in runs]
        # Every character the panel draws is one cell wide, so the length is known.
        return Strip(segments, max(x, width)).crop(0, width)

    def _style(self, names: str | None) -> Any:
        """The Rich style for space-separated component names ("" is the panel's own), cached in _styles.

        Kept until the styles change: Textual recomputes `rich_style` and
        clears its component cache on every refresh, which would cost more
        than the rest of a redraw.
        """
        names = names or ""
        style = self._styles.get(names)
        if style is None:
            style = self._styles[names] = self.get_component_rich_style(*names.split()) if names else self.rich_style
        return style

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The rows the network would fill with every item in full (a parent's max-height cuts it)."""
        if not self.specs:
            return 1
        body = max(spec.count * spec.item_height("full") + (2 if spec.kind == "targets" else 0) for spec in self.specs)
        return 1 + body
