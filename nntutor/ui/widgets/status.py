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


def batch_mode(cycle: Any) -> Part:
    """How many samples one step uses; the short form says the same in fewer letters."""
    size, n = cycle.schedule.batch_size, cycle.schedule.n_samples
    if size >= n:
        return Part(f"full batch ({n})", 1, "full batch")
    if size == 1:
        return Part("stochastic (1)", 1, "stochastic")
    return Part(f"minibatches of {size}", 1, f"batches of {size}")


def place_part(cycle: Any) -> Part:
    """The epoch, and which of its batches the pass on screen uses (the engine decides which)."""
    place = cycle.schedule.place_on_screen(cycle.state)
    if place.batch is None or place.batches == 1:
        return Part(f"epoch {place.epoch}", 2, f"ep {place.epoch}")
    where = f"batch {place.batch}/{place.batches}"
    return Part(f"epoch {place.epoch} {where}", 2, f"ep {place.epoch} {where}")


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
        rank = 0 if s.loss is None else 4  # during a pass, the pass's own loss leads
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
    parts = [Part(f"train acc {percent(result.train)}", 3, f"acc {percent(result.train)}")]
    if result.test is not None:
        parts.append(Part(f"test acc {percent(result.test)}", 3))
    return parts


def status_parts(cycle: Any, step_index: int, n_steps: int, extra: str = "") -> tuple[Part, ...]:
    s = cycle.state
    phase = "DIVERGED" if s.diverged else f"next: {cycle.next_phase}"
    parts = [Part(extra, 0)] if extra else []
    parts += [
        Part(phase, 6 if extra and not s.diverged else 0),  # while training, the next phase means little
        place_part(cycle),
        Part(f"updates {s.steps_done}", 3, f"upd {s.steps_done}"),
        *loss_parts(cycle),
        *accuracy_parts(cycle),
        Part(f"lr {num(s.lr)}", 1),
        batch_mode(cycle),
    ]
    return tuple(parts)


def fit(parts: tuple[Part, ...], width: int) -> str:
    """The parts joined; when too long, short forms first (highest rank first), then parts dropped
    one by one, then the long forms given back (lowest rank first) where dropping made room."""
    shown: list[tuple[Part, str]] = [(part, part.text) for part in parts]
    ranks = sorted({p.rank for p in parts}, reverse=True)

    def text() -> str:
        return SEPARATOR.join(t for _, t in shown)

    for rank in ranks:
        if len(text()) <= width:
            break
        shown = [(part, part.short if part.rank == rank and part.short else t) for part, t in shown]
    # Then drop parts one at a time, the least important first (the rightmost of a rank first),
    # so that a part goes only when the row really has no room for it.
    for part in sorted(parts, key=lambda p: (-p.rank, -parts.index(p))):
        if len(text()) <= width or part.rank == 0:
            break
        shown = [(p, t) for p, t in shown if p is not part]
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
