"""The detail panel: the arithmetic of the selected neuron, weight or loss, with the real numbers."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from nntutor.engine.explain import explain_input, explain_loss, explain_neuron, explain_weight
from nntutor.engine.rounding import layer_residues

from ..format import (
    explain_input_lines,
    explain_loss_lines,
    explain_neuron_lines,
    explain_weight_lines,
    loss_name,
    neuron_name,
    weight_name,
)
from ..selection import Selection


def detail_lines(cycle: Any, state: Any, selection: Selection, sample: int, before_update: Any) -> tuple[str, list]:
    """The title and (phase kind, line) pairs that explain `selection` in `state`."""
    net = state.network
    sizes, depth, loss = net.sizes, net.depth, cycle.loss_fn.name
    kind = selection[0]
    if kind == "x":
        i = selection[2]
        return f"input {neuron_name(0, i, depth)}", explain_input_lines(explain_input(state, i, sample))
    if kind == "w":
        k, i, j = selection[1:]
        title = f"weight {weight_name(i, j)} of layer {k}"
        return title, explain_weight_lines(
            explain_weight(state, k, i, j, before_update), sizes, depth, *_residues(state, before_update, k)
        )
    if kind == "n":
        k, j = selection[1:]
        e = explain_neuron(state, k, j, sample, loss, before_update)
        title = f"neuron {neuron_name(k, j, depth)} (layer {k}, {e.activation})"
        lines = explain_neuron_lines(e, depth, loss, *_residues(state, before_update, k))
        return title, lines
    return f"loss ({loss_name(loss)})", explain_loss_lines(explain_loss(state, loss, sample, before_update))


def _residues(state: Any, before_update: Any, k: int) -> tuple:
    """Layer k's rounding residues now, and in the state an applied update started from (None if none)."""
    before = None if before_update is None else layer_residues(before_update)[k - 1]
    return layer_residues(state)[k - 1], before


class DetailPanel(Static):
    """Lines of arithmetic; the lines of the phase just run are highlighted."""

    COMPONENT_CLASSES = {"detail--current", "detail--title"}

    def __init__(self, **kwargs: Any):
        super().__init__("", **kwargs)
        self._shown: tuple | None = None
        self._last: tuple | None = None

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def show(self, title: str, lines: list[tuple[str, str]], phase_kind: str | None, batch_note: str = "") -> None:
        key = (title, tuple(lines), phase_kind, batch_note, self.size)
        if key == self._shown:
            return
        self._shown = key
        self._last = (title, lines, phase_kind, batch_note)
        current = self.get_component_rich_style("detail--current", default=Style(bold=True))
        out = Text(no_wrap=False)
        height = self.content_size.height
        if height and len(lines) > height:
            # Too many lines for the panel: keep the lines of the phase just run in view.
            marks = [n for n, (kind, _) in enumerate(lines) if kind == phase_kind]
            last = marks[-1] if marks else height - 1
            start = max(0, min(last - height + 1, len(lines) - height))
            if start:
                lines = [("", "⋮ " + lines[start][1])] + lines[start + 1 :]
        for kind, line in lines:
            if out:
                out.append("\n")
            mark = "▸ " if kind == phase_kind else "  "
            out.append(mark + line, current if kind == phase_kind else Style())
        self.border_title = title + (f" · {batch_note}" if batch_note else "")
        # The panel's height is fixed by the stylesheet at every size, so new lines never resize it:
        # no layout pass (it cost the playground, with its neuron pictures beside, most of a key's redraw).
        self.update(out, layout=False)
