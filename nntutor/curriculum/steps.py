"""Doing what a lesson step says, with quizzes asked at the right moment.

Used by the headless walker and by the UI alike, so that both agree on when
a quiz is due: a quiz with a ``reveal`` phase is asked just before that phase
runs; a quiz without one is asked when the step begins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .build import build_cycle
from .model import Step
from .quiz import Quiz

Ask = Callable[[Quiz, Any], None]


def perform(step: Step, cycle: Any, ask: Ask | None = None, *, history_budget: int | None = None) -> Any:
    """Run ``step``'s action on ``cycle``; return the cycle to use from now on.

    The returned cycle is a new one only when the step starts a new run (a
    ``set`` that changes the network, the data, the batch size or asks for a
    reset); the caller may keep the old one to compare runs. A new cycle's
    undo history is bounded by ``history_budget`` bytes (default: the engine's).
    """
    ask = ask or (lambda quiz, cycle: None)
    for quiz in step.quizzes_before(None):
        ask(quiz, cycle)
    action = step.action
    if action.do == "cycle":
        until = action.until or "update"
        for _ in range(len(cycle.phases)):
            phase = str(cycle.next_phase)
            for quiz in step.quizzes_before(phase):
                ask(quiz, cycle)
            if cycle.step() is None or phase == until:
                break
    elif action.do == "train":
        for quiz in step.quizzes_before("train"):
            ask(quiz, cycle)
        cycle.train(action.epochs or 1)
    elif action.do == "set":
        if action.new_run is not None:
            cycle = build_cycle(*action.new_run, history_budget=history_budget)
        else:
            if action.lr is not None:
                cycle.set_lr(action.lr)
            if action.l2 is not None:
                cycle.set_l2(action.l2)
    elif action.do == "reset":
        cycle.reset()
    elif action.do == "nudge":
        path = action.parameter
        assert path is not None and path.layer is not None, "the schema gives every nudge step a W or b path"
        old = path.read(cycle.state)
        if action.to is not None:
            value = action.to
        else:
            assert action.by is not None, "the schema gives every nudge step by or to"
            value = old + action.by
        cycle.set_parameter(path.name, path.layer, path.index, value)
    # "read" changes nothing; nor does "playground" here: the network the learner
    # builds there is not in the file, so a walk goes on with the lesson's own.
    return cycle
