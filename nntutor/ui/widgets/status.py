"""The status line: where the cycle stands, in one row."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from ..format import num


def batch_mode(cycle: Any) -> str:
    size, n = cycle.schedule.batch_size, cycle.schedule.n_samples
    if size >= n:
        return f"full batch ({n})"
    if size == 1:
        return "stochastic (1)"
    return f"minibatch {size}/{n}"


def status_text(cycle: Any, step_index: int, n_steps: int, extra: str = "") -> str:
    s = cycle.state
    phase = "DIVERGED" if s.diverged else f"next: {cycle.next_phase}"
    loss = num(s.loss) if s.loss is not None else (num(s.step_losses[-1]) if s.step_losses else "-")
    parts = [
        phase,
        f"epoch {s.epoch}",
        f"updates {s.steps_done}",
        f"loss {loss}",
        f"lr {num(s.lr)}",
        batch_mode(cycle),
    ]
    if extra:
        parts.insert(0, extra)
    return "  ".join(parts)


class StatusLine(Static):
    def __init__(self, **kwargs: Any):
        super().__init__("", markup=False, **kwargs)
        self._text = ""

    def show(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update(text, layout=False)
