"""Where the network panel puts things: each column's width and form, and which rows of it show.

Pure arithmetic on sizes, no Textual, so the panel's cost follows the screen:
nothing here walks every neuron or weight of a layer.

The panel's columns, left to right, are the inputs, then for each layer k
its weights W_k and its neurons, then the targets with the loss (the same
numbering as `selection.py`). Each column takes one of these forms:

    full    every item with all its numbers (a neuron: z a b δ db; a weight: W and dW)
    rows    one row an item (the number the last phase is about), the selected item in full
    strip   a heat strip, 3 characters wide: a sign and a shade an item

The column that holds the selection is always `rows` or `full`; the others
get the richest forms the width allows, the output layer first, then the
columns nearest the selection. `full` is chosen when a whole column fits in
the panel's height; otherwise a window of its items shows, kept around the
selection (or the item joined to it), with a marker line for what is above
and below.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..format import CELL, neuron_name, weight_name
from ..selection import Selection, column_of, loss_column, n_columns

NEURON_ROWS = ("z", "a", "b", "δ", "db")  # a neuron's numbers, in full
LABEL = 2  # width of a number's label (z, a, δ, db ...)
STRIP = 3  # width of a heat strip: sign and two shaded cells
GAP = 1  # blank columns between two columns


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the panel, before it is given a form."""

    index: int  # column number, as in selection.py
    kind: str  # "input", "weights", "neurons" or "targets"
    layer: int  # k of W_k or of layer k (0 for the inputs, depth for the targets)
    count: int  # items: inputs, weights, neurons or targets
    name_width: int  # the longest item name

    def width(self, form: str) -> int:
        if form == "strip":
            return STRIP
        if self.kind == "neurons":
            return self.name_width + 1 + LABEL + 1 + CELL
        return self.name_width + 1 + CELL  # "x1 0.0500", "w11 0.1500", "t1 0.0100"

    @property
    def forms(self) -> tuple[str, ...]:
        """The forms this column can take, poorest first."""
        if self.kind == "targets":
            return ("rows",)
        return ("strip", "rows")

    def item_height(self, form: str) -> int:
        """Rows one item takes when it is shown in full."""
        if form == "strip":
            return 1
        if self.kind == "neurons":
            return len(NEURON_ROWS)
        return 2 if self.kind == "weights" else 1


def column_specs(sizes: list[int]) -> list[ColumnSpec]:
    """The columns of a network with these layer sizes (the input included)."""
    depth = len(sizes) - 1
    specs = [ColumnSpec(0, "input", 0, sizes[0], len(neuron_name(0, sizes[0] - 1, depth)))]
    for k in range(1, depth + 1):
        n_in, n_out = sizes[k - 1], sizes[k]
        widest_weight = len("d" + weight_name(n_in - 1, n_out - 1))  # dw11, the gradient's name
        specs.append(ColumnSpec(2 * k - 1, "weights", k, n_in * n_out, widest_weight))
        widest_neuron = max(len(neuron_name(k, j, depth)) for j in {0, n_out - 1})
        specs.append(ColumnSpec(2 * k, "neurons", k, n_out, widest_neuron))
    specs.append(ColumnSpec(loss_column(sizes), "targets", depth, sizes[-1], max(len(f"t{sizes[-1]}"), 1)))
    assert len(specs) == n_columns(sizes)
    return specs


@dataclass(frozen=True)
class Placed:
    """A column given a form and a place: x is its first character in the panel."""

    spec: ColumnSpec
    form: str
    x: int
    width: int


@dataclass(frozen=True)
class Layout:
    columns: tuple[Placed, ...]
    hidden_left: int  # columns left out on the left (only when even the narrowest forms do not fit)
    hidden_right: int
    width: int  # characters used


def fit(specs: list[ColumnSpec], selected: int, width: int) -> Layout:
    """The richest forms that fit in `width` characters, the selected column always readable.

    The selected column is `rows`; the output layer next, then the others
    by their distance from the selection (nearest first), inputs and
    neurons before weights. If even the narrowest forms do not fit, the
    columns around the selection show and markers say how many are left out.
    """
    forms = {s.index: s.forms[0] for s in specs}
    forms[selected] = "rows"
    output = specs[-2].index

    def used(chosen: dict[int, str]) -> int:
        return sum(s.width(chosen[s.index]) for s in specs if s.index in chosen) + GAP * (len(chosen) - 1)

    if used(forms) > width:
        return _window_columns(specs, forms, selected, width)
    order = sorted(
        (s for s in specs if s.index != selected and len(s.forms) > 1),
        key=lambda s: (s.kind == "weights", s.index != output, abs(s.index - selected), -s.index),
    )
    for spec in order:
        trial = dict(forms)
        trial[spec.index] = spec.forms[-1]
        if used(trial) <= width:
            forms = trial
    return _place(specs, forms, 0, 0)


def _window_columns(specs: list[ColumnSpec], forms: dict[int, str], selected: int, width: int) -> Layout:
    """The columns next to the selection that fit, with a one-character marker on each cut side."""
    lo = hi = selected
    spent = specs[selected].width(forms[selected])
    grew = True
    while grew:
        grew = False
        for side in (1, -1):
            nxt = hi + 1 if side == 1 else lo - 1
            if not 0 <= nxt < len(specs):
                continue
            new_lo, new_hi = min(lo, nxt), max(hi, nxt)
            markers = (new_lo > 0) + (new_hi < len(specs) - 1)
            cost = spent + GAP + specs[nxt].width(forms[nxt])
            if cost + markers * (1 + GAP) <= width:
                lo, hi, spent, grew = new_lo, new_hi, cost, True
    kept = {i: forms[i] for i in range(lo, hi + 1)}
    return _place(specs, kept, lo, len(specs) - 1 - hi)


def _place(specs: list[ColumnSpec], forms: dict[int, str], hidden_left: int, hidden_right: int) -> Layout:
    x = 1 + GAP if hidden_left else 0
    placed = []
    for spec in specs:
        if spec.index not in forms:
            continue
        w = spec.width(forms[spec.index])
        placed.append(Placed(spec, forms[spec.index], x, w))
        x += w + GAP
    used = x - GAP + ((1 + GAP) if hidden_right else 0)
    return Layout(tuple(placed), hidden_left, hidden_right, used)


# -- rows: which items of a column show ---------------------------------------------


@dataclass(frozen=True)
class Window:
    """Items first..last-1 show; `above` and `below` items are hidden behind a marker line each."""

    first: int
    last: int
    above: int
    below: int


def window(count: int, unit: int, expanded: int | None, tall: int, rows: int, focus: int | None, top: int) -> Window:
    """Which items of a column fit in `rows` rows.

    Every item is `unit` rows high but item `expanded` (if any), which is
    `tall`. `focus` is kept in view; otherwise the window stays at `top`
    (the first item shown last time), so it moves only when it must.
    Costs O(rows), whatever `count` is.
    """

    def height(i: int) -> int:
        return tall if i == expanded else unit

    total = count * unit + (tall - unit if expanded is not None and 0 <= expanded < count else 0)
    if total <= rows or count == 0:
        return Window(0, count, 0, 0)
    first = max(0, min(top, count - 1))
    if focus is not None and focus < first:
        first = focus
    last = _fill(first, count, rows, height)
    if focus is not None and focus >= last:
        first = _back_from(focus, count, rows, height)
        last = _fill(first, count, rows, height)
    if last == count:  # at the end: use the room above rather than leave rows empty
        while first > 0 and _fits(first - 1, count, count, rows, height):
            first -= 1
    return Window(first, last, first, count - last)


def _fits(first: int, last: int, count: int, rows: int, height) -> bool:
    markers = (first > 0) + (last < count)
    used = 0
    for i in range(first, last):
        used += height(i)
        if used + markers > rows:
            return False
    return True


def _fill(first: int, count: int, rows: int, height) -> int:
    """The end of the longest run from `first` that fits with its markers (at least one item)."""
    space = rows - (first > 0)
    used, last = 0, first
    while last < count and used + height(last) <= space:
        used += height(last)
        last += 1
    while last < count and last > first + 1 and used + 1 > space:  # room for the marker below
        last -= 1
        used -= height(last)
    return max(last, min(first + 1, count))


def _back_from(focus: int, count: int, rows: int, height) -> int:
    """The earliest first item that still shows `focus` as the last item of the window."""
    first = focus
    while first > 0 and _fits(first - 1, focus + 1, count, rows, height):
        first -= 1
    return first


# -- what each column keeps in view ----------------------------------------------------


def focus_of(spec: ColumnSpec, selection: Selection, sizes: list[int]) -> tuple[int | None, bool]:
    """The item of this column to keep in view for `selection`, and whether it is the selection itself.

    A neuron keeps its incoming and outgoing weights in view, a weight the
    two neurons it joins, an output neuron its target.
    """
    kind = selection[0]
    col = column_of(selection) if kind != "loss" else loss_column(sizes)
    if spec.kind == "targets":
        if kind == "n" and selection[1] == len(sizes) - 1:
            return selection[2], False
        return None, False
    if col == spec.index:
        return _item_index(spec, selection, sizes), True
    if spec.kind == "weights":
        k = spec.layer
        if kind == "n" and selection[1] == k:
            return _item_index(spec, ("w", k, 0, selection[2]), sizes), False
        if (kind == "n" and selection[1] == k - 1) or (kind == "x" and k == 1):
            return _item_index(spec, ("w", k, selection[2], 0), sizes), False
        return None, False
    if kind == "w":
        k, i, j = selection[1:]
        if spec.layer == k - 1:
            return i, False
        if spec.layer == k:
            return j, False
    return None, False


def _item_index(spec: ColumnSpec, item: Selection, sizes: list[int]) -> int:
    if item[0] == "w":
        k, i, j = item[1:]
        return j * sizes[k - 1] + i  # weights are grouped by the neuron they feed
    if item[0] == "loss":
        return spec.count
    return item[2]


def item_at(spec: ColumnSpec, index: int, sizes: list[int]) -> Selection:
    """The selection naming item `index` of a column (the inverse of the numbering above)."""
    if spec.kind == "input":
        return ("x", 0, index)
    if spec.kind == "neurons":
        return ("n", spec.layer, index)
    if spec.kind == "weights":
        n_in = sizes[spec.layer - 1]
        return ("w", spec.layer, index % n_in, index // n_in)
    return ("loss",) if index == spec.count else ("t", index)
