"""The status line: where the cycle stands, in one row that fits its width.

Every loss on it says which loss it is: this sample's, this batch's, the
whole training set's (a full batch), the last epoch's mean over the training
set, or the test set's. After training the epoch's mean is the main read-out;
the last batch's loss comes after it, and is the first thing dropped when the
row is narrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.widgets import Static

from nntutor.engine.accuracy import accuracy

from ..format import batch_loss_name, num, percent

SEPARATOR = "  "


@dataclass(frozen=True)
class Part:
    """One item of the status line. Lower `rank` stays longer; `short` is tried before dropping it."""

    text: str
    rank: int
    short: str | None = None


def batch_mode(cycle: Any) -> str:
    size, n = cycle.schedule.batch_size, cycle.schedule.n_samples
    if size >= n:
        return f"full batch ({n})"
    if size == 1:
        return "stochastic (1)"
    return f"minibatch {size}/{n}"


def loss_parts(cycle: Any) -> list[Part]:
    s = cycle.state
    parts: list[Part] = []
    name = batch_loss_name(cycle.schedule.batch_size, cycle.schedule.n_samples)
    full_batch = cycle.schedule.batch_size >= cycle.schedule.n_samples
    if s.loss is not None:  # a pass under way (or just ended): its own loss leads
        parts.append(Part(f"{name} {num(s.loss)}", 0))
        if s.just_updated:  # the first words dropped when the row is narrow
            parts.append(Part("(before the update)", 7))
    elif s.set_by_hand:  # the losses measured so far were on other weights
        parts.append(Part("loss ? (a weight was set by hand: run a pass)", 0, "loss ? (set by hand)"))
        return parts
    epoch_mean = None
    if s.epoch_log and not s.set_by_hand:
        record = s.epoch_log[-1]
        epoch_mean = record.train_loss
        rank = 0 if s.loss is None else 2
        if s.loss is None or not full_batch:
            parts.append(Part(f"train loss {num(epoch_mean)} (epoch mean)", rank, f"train loss {num(epoch_mean)}"))
        if record.test_loss is not None:
            parts.append(Part(f"test loss {num(record.test_loss)}", rank, f"test {num(record.test_loss)}"))
    if s.loss is None and s.step_losses:
        last = s.step_losses[-1]
        if epoch_mean is None:
            parts.append(Part(f"last {name} {num(last)}", 0))
        elif not full_batch:
            parts.append(Part(f"last {name} {num(last)}", 4))
    if not parts:
        parts.append(Part("loss -", 3))
    return parts


def accuracy_parts(cycle: Any) -> list[Part]:
    """For a classifier: the share of training (and test) samples the network now gets right."""
    result = accuracy(cycle.state.network, cycle.data)
    if result is None:
        return []
    parts = [Part(f"train acc {percent(result.train)}", 2)]
    if result.test is not None:
        parts.append(Part(f"test acc {percent(result.test)}", 2))
    return parts


def status_parts(cycle: Any, step_index: int, n_steps: int, extra: str = "") -> tuple[Part, ...]:
    s = cycle.state
    phase = "DIVERGED" if s.diverged else f"next: {cycle.next_phase}"
    parts = [Part(extra, 0)] if extra else []
    parts += [
        Part(phase, 6 if extra and not s.diverged else 0),  # while training, the next phase means little
        Part(f"epoch {s.epoch}", 3),
        Part(f"updates {s.steps_done}", 5, f"upd {s.steps_done}"),
        *loss_parts(cycle),
        *accuracy_parts(cycle),
        Part(f"lr {num(s.lr)}", 1),
        Part(batch_mode(cycle), 1, _short_mode(cycle)),
    ]
    return tuple(parts)


def _short_mode(cycle: Any) -> str:
    size, n = cycle.schedule.batch_size, cycle.schedule.n_samples
    return f"batch {min(size, n)}/{n}"


def fit(parts: tuple[Part, ...], width: int) -> str:
    """The parts joined; when too long, short forms first (highest rank first), then parts dropped,
    then the long forms given back (lowest rank first) where dropping made room."""
    shown: list[tuple[Part, str]] = [(part, part.text) for part in parts]
    ranks = sorted({p.rank for p in parts}, reverse=True)

    def text() -> str:
        return SEPARATOR.join(t for _, t in shown)

    for rank in ranks:
        if len(text()) <= width:
            break
        shown = [(part, part.short if part.rank == rank and part.short else t) for part, t in shown]
    for rank in ranks:
        if len(text()) <= width or rank == 0:
            break
        shown = [(part, t) for part, t in shown if part.rank != rank]
    for i in sorted(range(len(shown)), key=lambda i: shown[i][0].rank):
        part, short = shown[i]
        shown[i] = (part, part.text)
        if len(text()) > width:
            shown[i] = (part, short)
    line = text()
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


def status_text(cycle: Any, step_index: int, n_steps: int, extra: str = "", width: int = 1000) -> str:
    return fit(status_parts(cycle, step_index, n_steps, extra), width)


class StatusLine(Static):
    """Shows status parts fitted to its own width (again when resized)."""

    def __init__(self, **kwargs: Any):
        super().__init__("", markup=False, **kwargs)
        self._parts: tuple[Part, ...] = ()
        self._text = ""

    def show(self, parts: tuple[Part, ...] | str) -> None:
        self._parts = (Part(parts, 0),) if isinstance(parts, str) else parts
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.content_size.width or 80
        text = fit(self._parts, width)
        if text != self._text:
            self._text = text
            self.update(text, layout=False)
