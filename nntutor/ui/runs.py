"""The runs a lesson keeps to compare on its charts, and how many networks each keeps of its way.

A run is one training from a start: when a new one begins, the one before is
kept (the latest MAX_RUNS) with its losses and, only where a chart can draw it
(the loss surface), the networks along its descent.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

from nntutor.engine.bulk_train import TRAIN_PATH_POINTS
from nntutor.engine.views import network_path

MAX_RUNS = 5  # earlier runs kept for the charts (the latest ones)
RUN_PATH_POINTS = 400  # networks kept of an earlier run's path, for the surface chart


def chart_kinds(lesson: Any) -> tuple[str, ...]:
    """The charts the lesson screen offers for `lesson`: loss and function always, the loss surface and
    the curve only when one of its steps shows them."""
    shown = {step.show for step in lesson.steps}
    return ("loss", "function") + tuple(kind for kind in ("surface", "curve") if kind in shown)


def draws_descent(lesson: Any) -> bool:
    """Whether a chart of `lesson` can draw the way the weights went: the loss surface (the playground,
    whose lesson shows none, has no such chart)."""
    return "surface" in chart_kinds(lesson)


def path_points_for(lesson: Any) -> int:
    """How many networks a training of `lesson` keeps along its way: none when no chart can draw them."""
    return TRAIN_PATH_POINTS if draws_descent(lesson) else 0


def run_path_points_for(lesson: Any) -> int:
    """How many networks a kept run of `lesson` keeps along its way: none when no chart can draw them."""
    return RUN_PATH_POINTS if draws_descent(lesson) else 0


@dataclass(frozen=True)
class Run:
    """A finished run: its name, its last state (the losses) and the networks it passed through."""

    label: str
    state: Any  # engine CycleState (its pass cleared: the losses and rates the charts read)
    networks: tuple  # engine Networks along the run, oldest first (thinned)
    ended: Any = None  # a weak reference to the run's very last state, while undo can still reach it

    def ended_with(self, state: Any) -> bool:
        """Whether `state` is the very state this run ended in (not a copy with the same numbers)."""
        return self.ended is not None and self.ended() is state


def keep_run(runs: tuple[Run, ...], label: str, cycle: Any, path_points: int = RUN_PATH_POINTS) -> tuple[Run, ...]:
    """`runs` with the run `cycle` ends added as `label` (the latest MAX_RUNS); `runs` itself if nothing was learnt.

    Lessons and the playground both keep a run this way when a new one starts.
    The run keeps about `path_points` networks along its way, or none (0).
    """
    state = cycle.state
    if not state.step_losses:  # nothing learnt: nothing to compare
        return runs
    since = cycle.initial.network
    networks = network_path(cycle.history_states(), since=since, max_points=path_points) if path_points else ()
    # The charts read a run's losses and rates; the last pass's per-sample
    # values and the up to 800 networks of its trained path (already thinned
    # into `networks`) would only hold memory while the run is kept.
    return (runs + (Run(label, state.cleared_pass(), networks, weakref.ref(state)),))[-MAX_RUNS:]


RATES = re.compile(r"\blr [0-9][0-9.e+-]*(?:→[0-9][0-9.e+-]*)*")


def run_name(label: str, state: Any) -> str:
    """`label` naming the learning rates the run used (e.g. "lr 0.05→0.5, batch full").

    A lesson names a run by the rate it starts with; the learner's + and -
    (or a later step) may change it, and a legend must not name a rate the
    run never used. A label with no rate gets one once the rate has changed.
    """
    rates = "lr " + "→".join(f"{rate:g}" for rate in state.rates_used())
    if RATES.search(label):
        return RATES.sub(rates, label, count=1)
    return f"{label}, {rates}" if state.lr_changes else label


def first_run_label(lesson: Any) -> str:
    """The first run's name: the lesson's own values of what its first new run changes (else "start")."""
    nxt = next((step.action for step in lesson.steps if step.action.starts_run), None)
    if nxt is None:
        return "start"
    a, b = lesson.network, nxt.network
    parts = [
        f"{key} {getattr(a, key):g}" if key == "lr" else f"{key} {getattr(a, key)}"
        for key in ("lr", "batch", "seed")
        if getattr(a, key) != getattr(b, key)
    ]
    if a.loss != b.loss:
        parts.append(a.loss.replace("_", " "))
    if a.layers != b.layers:
        parts.append("-".join(map(str, a.layers)))
    if a.activations != b.activations:
        parts.append("/".join(a.activations))
    if lesson.data.dataset != nxt.data.dataset and lesson.data.dataset:
        parts.append(lesson.data.dataset)
    else:
        mine, theirs = dict(lesson.data.options), dict(nxt.data.options)
        for key in sorted(set(mine) | set(theirs)):
            if mine.get(key) != theirs.get(key):
                if key == "standardize":
                    parts.append("standardized" if mine.get(key) else "raw")
                elif key in mine:
                    parts.append(f"{key} {mine[key]}")
    label = ", ".join(parts) or "start"
    return label if len(label) <= 40 else "start"
