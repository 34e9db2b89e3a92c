"""What each visible row of a network column says: text runs with style names.

Only the items a column's window shows are formatted, so the work follows
the panel's size, not the network's. A line is a tuple of (text, style)
runs whose texts fill exactly the column's width; a style is a space-separated
list of the panel's component classes ("" for plain text).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from nntutor.engine.rounding import layer_residues

from ..format import cell, neuron_name, weight_name
from ..selection import Selection
from .net_layout import NEURON_ROWS, STRIP, Placed, Window, focus_of, window

Run = tuple[str, str]
Line = tuple[Run, ...]

SHADES = " ░▒▓█"  # a strip cell's shade, by the size of its number against the largest in the column

# Names and labels are drawn in the panel's own style, like the numbers: a line then needs a new
# style only where something is highlighted, and each change of style costs a colour code
# (about 40 bytes of truecolor) in every line a phase rewrites.
HEADER, CHANGED, PENDING, SELECTED, MORE = ("net--header", "net--changed", "net--pending", "net--selected", "net--more")
POSITIVE, NEGATIVE = "net--positive", "net--negative"


@dataclass(frozen=True)
class NetView:
    """What the panel draws: the state, the phase just run, the selection and the sample shown."""

    state: Any  # engine CycleState
    phase: Any  # engine Phase just run, or None
    selection: Selection
    sample: int = 0


def column_lines(
    placed: Placed, view: NetView, sizes: list[int], activations: tuple[str, ...], rows: int, top: int
) -> tuple[list[Line], int]:
    """The header and the visible rows of one column, and the first item shown (kept for next time)."""
    spec = placed.spec
    writer = _WRITERS[spec.kind](placed, view, sizes, activations)
    lines = [_fit(((writer.header(), HEADER),), placed.width)]
    body = max(rows - 1, 0)
    focus, is_selection = focus_of(spec, view.selection, sizes)
    count = spec.count
    if spec.kind == "targets":
        return lines + writer.body(body), 0
    full = spec.item_height("full")
    if placed.form != "strip" and count * full <= body:
        expanded_all, unit, expanded = True, full, None
    else:
        expanded_all, unit = False, 1
        expanded = focus if is_selection and placed.form != "strip" else None
    win = window(count, unit, expanded, full, body, focus, top)
    if win.above:
        lines.append(_more("↑", win.above, placed))
    for i in range(win.first, win.last):
        lines.extend(writer.item(i, expanded_all or i == expanded))
    if win.below:
        lines.append(_more("↓", win.below, placed))
    return [_fit(line, placed.width) for line in lines[: body + 1]], win.first


def _more(arrow: str, hidden: int, placed: Placed) -> Line:
    text = f"{arrow}{hidden}" if placed.form == "strip" else f"{arrow} {hidden} more"
    return ((text, MORE),)


def _fit(line: Line, width: int) -> Line:
    """The runs cut or padded to exactly `width` characters."""
    out: list[Run] = []
    left = width
    for text, style in line:
        if left <= 0:
            break
        text = text[:left]
        left -= len(text)
        out.append((text, style))
    if left > 0:
        out.append((" " * left, ""))
    return tuple(out)


def _style(*names: str | None) -> str:
    return " ".join(n for n in names if n)


def _value(arr: Any, sample: int, j: int, by_sample: bool = True) -> float | None:
    if arr is None:
        return None
    return float(arr[sample, j]) if by_sample else float(arr[j])


class _Writer:
    """Lines of one column kind. Subclasses: header(), item(i, full) and, for the targets, body(rows)."""

    def __init__(self, placed: Placed, view: NetView, sizes: list[int], activations: tuple[str, ...]):
        self.placed = placed
        self.spec = placed.spec
        self.view = view
        self.state = view.state
        self.phase = view.phase
        self.sizes = sizes
        self.depth = len(sizes) - 1
        self.activations = activations
        self.sample = view.sample
        self.nw = self.spec.name_width
        self.k = self.spec.layer
        self._scales: dict[str, float] = {}  # a strip's largest size per quantity, found once a redraw

    def scale(self, quantity: str, values: Any, by_sample: bool = True) -> float:
        if quantity not in self._scales:
            self._scales[quantity] = _scale(values, self.sample, by_sample)
        return self._scales[quantity]

    def selected(self, item: Selection) -> str | None:
        return SELECTED if item == self.view.selection else None

    def number(self, value: float | None, lit: str | None, sel: str | None, residue: bool = False) -> Run:
        return cell(value, residue), _style(lit if value is not None else PENDING, sel)

    def residue(self, quantity: str, index: tuple[int, ...]) -> bool:
        """A rounding residue where the true value is 0 (engine.rounding): written ≈0."""
        return layer_residues(self.state)[self.k - 1].at(quantity, index)

    def strip_cell(self, value: float | None, scale: float, lit: str | None, sel: str | None) -> Line:
        """One heat-strip cell: a sign and two shaded characters (readable without colour)."""
        if value is None:
            return ((" ··"[:STRIP], _style(PENDING, sel)),)
        if not math.isfinite(value):
            return (("!!!"[:STRIP], _style(CHANGED, sel)),)
        if value == 0:
            return (("  0"[:STRIP], _style(lit, sel)),)
        level = min(len(SHADES) - 1, max(1, math.ceil(abs(value) / scale * (len(SHADES) - 1)))) if scale else 1
        sign = "-" if value < 0 else "+"
        return ((sign + SHADES[level] * (STRIP - 1), _style(lit or (NEGATIVE if value < 0 else POSITIVE), sel)),)


def _scale(values: Any, sample: int, by_sample: bool = True) -> float:
    """The largest finite size among a column's numbers (for shading), 0 if none."""
    if values is None:
        return 0.0
    row = values[sample] if by_sample else values
    finite = np.abs(row[np.isfinite(row)])  # a layer's numbers: at most max_neurons squared
    return float(finite.max()) if finite.size else 0.0


class _Inputs(_Writer):
    def header(self) -> str:
        return "in" if self.placed.form == "strip" else "input"

    def item(self, i: int, full: bool) -> list[Line]:
        s = self.state
        item = ("x", 0, i)
        sel = self.selected(item)
        lit = CHANGED if self.phase is not None and self.phase.kind == "sample" else None
        value = _value(s.x, self.sample, i)
        if self.placed.form == "strip":
            return [self.strip_cell(value, self.scale("x", s.x), lit, sel)]
        name = neuron_name(0, i, self.depth)
        return [((f"{name:<{self.nw}} ", _style(sel)), self.number(value, lit, sel))]


class _Neurons(_Writer):
    """Layer k's neurons: z a b δ db in full; in rows, the number the last phase is about."""

    def __init__(self, *args: Any):
        super().__init__(*args)
        k, p, s = self.k, self.phase, self.state
        self.lit = {
            "z": CHANGED if p is not None and p == ("forward", k) else None,
            "b": CHANGED if p is not None and p.kind == "update" else None,
            "δ": CHANGED if p is not None and p == ("backward", k) else None,
        }
        self.lit["a"], self.lit["db"] = self.lit["z"], self.lit["δ"]
        self.arrays = {"z": s.z[k - 1], "a": s.a[k - 1], "δ": s.delta[k - 1], "db": s.db[k - 1]}
        if p is not None and p.kind == "update":
            self.quantity = "b"
        elif p is not None and p.kind == "backward" and s.delta[k - 1] is not None:
            self.quantity = "δ"
        else:
            self.quantity = "a"

    def header(self) -> str:
        act = self.activations[self.k - 1]
        output = self.k == self.depth
        if self.placed.form == "strip":
            return "out" if output else f"L{self.k}"
        title = "output" if output else f"layer {self.k}"
        for text in (f"{title} {act}", f"{'out' if output else f'L{self.k}'} {act}"):
            if len(text) <= self.placed.width:
                return text
        return title

    def value(self, label: str, j: int) -> float | None:
        if label == "b":
            return float(self.state.network.b[self.k - 1][j])
        return _value(self.arrays[label], self.sample, j, by_sample=label != "db")

    def item(self, j: int, full: bool) -> list[Line]:
        item = ("n", self.k, j)
        sel = self.selected(item)
        q = self.quantity
        if self.placed.form == "strip":
            values = self.state.network.b[self.k - 1] if q == "b" else self.arrays[q]
            return [self.strip_cell(self.value(q, j), self.scale(q, values, q not in ("b", "db")), self.lit[q], sel)]
        name = neuron_name(self.k, j, self.depth)
        labels = NEURON_ROWS if full else (q,)
        lines: list[Line] = []
        for r, label in enumerate(labels):
            head = name if r == 0 else ""
            lines.append(
                (
                    (f"{head:<{self.nw}} {label:<2} ", _style(sel)),
                    self.number(self.value(label, j), self.lit[label], sel, self._residue(label, j)),
                )
            )
        return lines

    def _residue(self, label: str, j: int) -> bool:
        quantity = {"z": "z", "δ": "delta", "db": "db", "b": "b"}.get(label)
        if quantity is None:
            return False
        return self.residue(quantity, (j,) if quantity in ("db", "b") else (self.sample, j))


class _Weights(_Writer):
    """W_k: in full each weight and its gradient; in rows, W (or dW during the backward pass)."""

    def __init__(self, *args: Any):
        super().__init__(*args)
        k, p, s = self.k, self.phase, self.state
        self.W, self.dW = s.network.W[k - 1], s.dW[k - 1]
        self.lit_w = CHANGED if p is not None and p.kind == "update" else None
        self.lit_g = CHANGED if p is not None and p == ("backward", k) else None
        self.gradients = p is not None and p.kind == "backward" and self.dW is not None
        self.n_in = self.sizes[k - 1]

    def header(self) -> str:
        return f"W{self.k}"

    def item(self, index: int, full: bool) -> list[Line]:
        """w11 with its value; dw11 (dL/dw11) with its gradient below it, or alone in rows while gradients run."""
        i, j = index % self.n_in, index // self.n_in
        sel = self.selected(("w", self.k, i, j))
        if self.placed.form == "strip":
            values = self.dW if self.gradients else self.W
            lit = self.lit_g if self.gradients else self.lit_w
            scale = self.scale("dW" if self.gradients else "W", values, by_sample=False)
            return [self.strip_cell(float(values[i, j]), scale, lit, sel)]
        name = weight_name(i, j)
        lines: list[Line] = []
        if full or not self.gradients:
            weight = self.number(float(self.W[i, j]), self.lit_w, sel, self.residue("W", (i, j)))
            lines.append(((f"{name:<{self.nw}} ", _style(sel)), weight))
        if full or self.gradients:
            grad = None if self.dW is None else float(self.dW[i, j])
            lines.append(
                (
                    (f"{'d' + name:<{self.nw}} ", _style(sel)),
                    self.number(grad, self.lit_g, sel, self.residue("dW", (i, j))),
                )
            )
        return lines


class _Targets(_Writer):
    """The targets of the sample shown, and the loss on the last row (always in view)."""

    def header(self) -> str:
        return "target"

    def body(self, rows: int) -> list[Line]:
        s = self.state
        p = self.phase
        count = self.spec.count
        loss_sel = self.selected(("loss",))
        lit_t = CHANGED if p is not None and p.kind == "sample" else None
        lit_l = CHANGED if p is not None and p.kind == "loss" else None
        loss = (f"{'L':<{self.nw}} ", _style(HEADER, loss_sel)), self.number(s.loss, lit_l, loss_sel)
        spacer = count + 2 <= rows
        room = max(rows - 1 - spacer, 1)
        focus, _ = focus_of(self.spec, self.view.selection, self.sizes)
        win: Window = window(count, 1, None, 1, room, focus, 0)
        lines: list[Line] = []
        if win.above:
            lines.append(_more("↑", win.above, self.placed))
        for j in range(win.first, win.last):
            value = _value(s.t, self.sample, j)
            lines.append(((f"{'t' + str(j + 1):<{self.nw}} ", ""), self.number(value, lit_t, None)))
        if win.below:
            lines.append(_more("↓", win.below, self.placed))
        lines = lines[: max(rows - 1, 0)]
        if spacer:
            lines.append((("", ""),))
        lines.append(loss)
        return [_fit(line, self.placed.width) for line in lines[-rows:]] if rows > 0 else []


_WRITERS = {"input": _Inputs, "neurons": _Neurons, "weights": _Weights, "targets": _Targets}
