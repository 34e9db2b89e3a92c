"""What the learner has selected in the network panel, and how the arrow keys move it.

The panel has columns, left to right: the inputs, then for each layer k its
weights W_k and its neurons. A selection is one of

    ("x", 0, i)        input i
    ("w", k, i, j)     weight W_k[i, j], from neuron i below to neuron j of layer k
    ("n", k, j)        neuron j of layer k
    ("loss",)          the loss, in the targets column right of the outputs
"""

from __future__ import annotations

Selection = tuple


def column_of(sel: Selection) -> int:
    if sel[0] == "x":
        return 0
    if sel[0] == "w":
        return 2 * sel[1] - 1
    if sel[0] == "n":
        return 2 * sel[1]
    return -1  # loss: the last column, resolved by the caller


def loss_column(sizes: list[int]) -> int:
    return 2 * (len(sizes) - 1) + 1


def column_items(column: int, sizes: list[int]) -> list[Selection]:
    """The selectable items of a column, top to bottom (weights grouped by the neuron they feed)."""
    if column == 0:
        return [("x", 0, i) for i in range(sizes[0])]
    if column == loss_column(sizes):
        return [("loss",)]
    if column % 2:
        k = (column + 1) // 2
        return [("w", k, i, j) for j in range(sizes[k]) for i in range(sizes[k - 1])]
    k = column // 2
    return [("n", k, j) for j in range(sizes[k])]


def n_columns(sizes: list[int]) -> int:
    """Inputs, then weights and neurons for each layer, then the targets and loss."""
    return 2 * (len(sizes) - 1) + 2


def first(sizes: list[int]) -> Selection:
    return ("n", 1, 0)


def clamp(sel: Selection, sizes: list[int]) -> Selection:
    """The selection if it still exists in a network of these sizes, else the first neuron."""
    col = column_of(sel) if sel[0] != "loss" else loss_column(sizes)
    if 0 <= col < n_columns(sizes) and sel in column_items(col, sizes):
        return sel
    return first(sizes)


def move(sel: Selection, direction: str, sizes: list[int]) -> Selection:
    """The selection after one arrow press: up/down within a column, left/right across columns.

    Moving sideways follows the connections: from a neuron right onto its
    first outgoing weight, left onto its first incoming one; from a weight
    right to the neuron it feeds, left to the neuron it comes from.
    """
    depth = len(sizes) - 1
    col = column_of(sel) if sel[0] != "loss" else loss_column(sizes)
    items = column_items(col, sizes)
    if direction in ("up", "down"):
        index = items.index(sel) + (1 if direction == "down" else -1)
        return items[max(0, min(index, len(items) - 1))]
    kind = sel[0]
    if direction == "right":
        if kind == "x":
            return ("w", 1, sel[2], 0)
        if kind == "w":
            return ("n", sel[1], sel[3])
        if kind == "n" and sel[1] < depth:
            return ("w", sel[1] + 1, sel[2], 0)
        if kind == "n":
            return ("loss",)
        return sel
    if direction == "left":
        if kind == "w":
            return ("x", 0, sel[2]) if sel[1] == 1 else ("n", sel[1] - 1, sel[2])
        if kind == "n":
            return ("w", sel[1], 0, sel[2])
        if kind == "loss":
            return ("n", depth, 0)
        return sel
    return sel
