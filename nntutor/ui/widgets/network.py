"""The network panel: layers as columns of neurons, weights between them.

Each column is one small widget. A phase changes a few columns (forward 2
changes layer 2's neurons, backward 2 its neurons and its weights), and only
the columns whose numbers, highlight or selection changed are redrawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer
from textual.geometry import Region
from textual.widgets import Static

from ..format import cell, neuron_name, weight_name
from ..selection import Selection, column_items, loss_column, n_columns

# Cap on weights drawn in one column: beyond it a window follows the selection.
MAX_WEIGHTS_SHOWN = 48


@dataclass(frozen=True)
class NetView:
    """What the panel draws: the state, the phase just run, the selection and the sample shown."""

    state: Any  # engine CycleState
    phase: Any  # engine Phase just run, or None
    selection: Selection
    sample: int = 0


class NetColumn(Static):
    """One column: the inputs, a layer's weights, or a layer's neurons."""

    COMPONENT_CLASSES = {"net--header", "net--changed", "net--selected", "net--pending", "net--label"}

    def __init__(self, column: int, sizes: list[int], activations: tuple[str, ...], loss: str):
        if column == 0:
            kind = "input"
        elif column == loss_column(sizes):
            kind = "targets"
        else:
            kind = "weights" if column % 2 else "neurons"
        super().__init__("", classes=f"net-column -{kind}")
        self.column = column
        self.sizes = sizes
        self.activations = activations
        self.loss = loss
        self.net_layer = (column + 1) // 2
        self._key: tuple | None = None
        self.item_lines: dict[Selection, tuple[int, int]] = {}  # item -> (first line, line count)

    # -- the part of the view this column depends on --------------------------
    def key(self, view: NetView) -> tuple:
        s = view.state
        k = self.net_layer
        sel = view.selection if _in_column(view.selection, self.column, self.sizes) else None
        if self.column == 0:
            data: tuple = (s.x,)
            lit = view.phase is not None and view.phase.kind == "sample"
        elif self.column == loss_column(self.sizes):
            data = (s.t, s.loss)
            lit = None if view.phase is None else view.phase.kind in ("sample", "loss") and view.phase.kind
        elif self.column % 2:
            data = (s.network.W[k - 1], s.dW[k - 1])
            lit = view.phase is not None and (view.phase.kind == "update" or view.phase == ("backward", k))
            lit = (lit, view.phase.kind if lit else None)
        else:
            data = (s.z[k - 1], s.a[k - 1], s.network.b[k - 1], s.delta[k - 1], s.db[k - 1])
            p = view.phase
            lit = None if p is None else (p.kind if (p.layer == k or p.kind in ("update", "loss", "sample")) else None)
        by_sample = self.column % 2 == 0 or self.column == loss_column(self.sizes)
        return (data, lit, sel, view.sample if by_sample else 0)

    def show(self, view: NetView) -> bool:
        """Redraw if this column's part of the view changed; True if it did."""
        key = self.key(view)
        old = self._key
        if old is not None and _same(old, key):
            return False
        self._key = key
        self.update(self.render_text(view), layout=old is None)
        return True

    # -- drawing ---------------------------------------------------------------
    def render_text(self, view: NetView) -> Text:
        styles = {name: self.get_component_rich_style(name, default=Style()) for name in self.COMPONENT_CLASSES}
        out = Text(no_wrap=True, overflow="crop")
        self.item_lines = {}
        lines = 0

        def line(parts: list[tuple[str, str | None]], item: Selection | None = None) -> None:
            nonlocal lines
            if lines:
                out.append("\n")
            selected = item is not None and item == view.selection
            for text, style in parts:
                st = styles[style] if style else Style()
                if selected:
                    st = st + styles["net--selected"]
                out.append(text, st)
            lines += 1

        def start(item: Selection) -> int:
            return lines

        s = view.state
        depth = len(self.sizes) - 1
        sample = view.sample
        p = view.phase
        if self.column == 0:
            line([("input", "net--header")])
            lit = "net--changed" if p is not None and p.kind == "sample" else None
            for item in column_items(0, self.sizes):
                i = item[2]
                first = start(item)
                value = None if s.x is None else float(s.x[sample, i])
                line([(f"{neuron_name(0, i, depth):<3}", "net--label"), (cell(value), lit)], item)
                self.item_lines[item] = (first, 1)
            return out

        if self.column == loss_column(self.sizes):
            line([("target", "net--header")])
            lit = "net--changed" if p is not None and p.kind == "sample" else None
            for j in range(self.sizes[-1]):
                value = None if s.t is None else float(s.t[sample, j])
                line([(f"t{j + 1:<2}", "net--label"), (cell(value), lit if value is not None else "net--pending")])
            line([("", None)])
            item = ("loss",)
            first = start(item)
            lit = "net--changed" if p is not None and p.kind == "loss" else None
            line([("L  ", "net--header"), (cell(s.loss), lit if s.loss is not None else "net--pending")], item)
            self.item_lines[item] = (first, 1)
            return out

        k = self.net_layer
        if self.column % 2:
            W, dW = s.network.W[k - 1], s.dW[k - 1]
            line([(f"W{k}", "net--header"), (" dW" if dW is not None else "", "net--header")])
            lit_w = "net--changed" if p is not None and p.kind == "update" else None
            lit_g = "net--changed" if p is not None and p == ("backward", k) else None
            items = _window(column_items(self.column, self.sizes), view.selection)
            if items[0] != column_items(self.column, self.sizes)[0]:
                line([("  ...", "net--label")])
            for item in items:
                i, j = item[2], item[3]
                first = start(item)
                line([(f"{weight_name(i, j):<5}", "net--label"), (cell(float(W[i, j])), lit_w)], item)
                grad = None if dW is None else float(dW[i, j])
                line([("  dW ", "net--label"), (cell(grad), lit_g if grad is not None else "net--pending")], item)
                self.item_lines[item] = (first, 2)
            total = len(column_items(self.column, self.sizes))
            if items[-1] != column_items(self.column, self.sizes)[-1]:
                line([(f"  ... {total} in all", "net--label")])
            return out

        act = self.activations[k - 1]
        title = "output" if k == depth else f"layer {k}"
        line([(f"{title} ", "net--header"), (act[:7], "net--label")])
        fwd = "net--changed" if p is not None and p == ("forward", k) else None
        bwd = "net--changed" if p is not None and p == ("backward", k) else None
        upd = "net--changed" if p is not None and p.kind == "update" else None
        z, a, delta, db = s.z[k - 1], s.a[k - 1], s.delta[k - 1], s.db[k - 1]

        def val(arr, j, by_sample=True):
            if arr is None:
                return None
            return float(arr[sample, j]) if by_sample else float(arr[j])

        for j in range(self.sizes[k]):
            item = ("n", k, j)
            first = start(item)
            name = neuron_name(k, j, depth)
            rows = [
                ("z ", val(z, j), fwd),
                ("a ", val(a, j), fwd),
                ("b ", float(s.network.b[k - 1][j]), upd),
                ("δ ", val(delta, j), bwd),
                ("db", val(db, j, False), bwd),
            ]
            rows = [
                (label + " ", value, lit) for label, value, lit in rows
            ]
            for r, (label, value, lit) in enumerate(rows):
                head = f"{name:<4}" if r == 0 else "    "
                line([(head, "net--label" if r else None), (f"{label}", "net--label"),
                      (cell(value), lit if value is not None else "net--pending")], item)
            self.item_lines[item] = (first, len(rows))
        return out


def _in_column(sel: Selection, column: int, sizes: list[int]) -> bool:
    if sel[0] == "loss":
        return column == loss_column(sizes)
    if sel[0] == "x":
        return column == 0
    return column == (2 * sel[1] - 1 if sel[0] == "w" else 2 * sel[1])


def _window(items: list[Selection], selection: Selection) -> list[Selection]:
    if len(items) <= MAX_WEIGHTS_SHOWN:
        return items
    centre = items.index(selection) if selection in items else 0
    lo = max(0, min(centre - MAX_WEIGHTS_SHOWN // 2, len(items) - MAX_WEIGHTS_SHOWN))
    return items[lo: lo + MAX_WEIGHTS_SHOWN]


def _same(a: Any, b: Any) -> bool:
    """Equal keys: arrays by identity (a phase makes new arrays, never changes old ones), the rest by value."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if hasattr(a, "shape") or hasattr(b, "shape"):
        return a is b
    return a == b


class NetworkPanel(ScrollableContainer):
    """The columns side by side, scrolled so that the selection stays in view."""

    can_focus = False

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.shape: tuple | None = None
        self.columns: list[NetColumn] = []

    def compose(self) -> ComposeResult:
        yield Horizontal(id="net-columns")

    def set_network(self, sizes: list[int], activations: tuple[str, ...], loss: str) -> None:
        """Build the columns for a network shape (only when the shape changes)."""
        shape = (tuple(sizes), tuple(activations), loss)
        if shape == self.shape:
            return
        self.shape = shape
        row = self.query_one("#net-columns", Horizontal)
        row.remove_children()
        self.columns = [NetColumn(c, list(sizes), tuple(activations), loss) for c in range(n_columns(list(sizes)))]
        row.mount_all(self.columns)

    def show(self, view: NetView) -> int:
        """Redraw the columns whose part of the view changed; returns how many were redrawn."""
        changed = sum(column.show(view) for column in self.columns)
        if changed:
            self.call_after_refresh(self.scroll_to_selection, view.selection)
        return changed

    def scroll_to_selection(self, selection: Selection) -> None:
        for column in self.columns:
            place = column.item_lines.get(selection)
            if place is None:
                continue
            region = column.virtual_region
            first, count = place
            self.scroll_to_region(
                Region(region.x, region.y + first, region.width, count), animate=False, immediate=True
            )
            return
