"""Walking a lesson headless: every step's action, every quiz's live answer.

Tests use it to prove each fixed answer equals what the engine computes;
``nntutor validate`` uses it to report quizzes that can never be asked or
whose numbers are wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nntutor.engine import EngineError

from .model import Lesson
from .problems import Problem
from .quiz import Quiz
from .steps import perform

# The walk never steps back, so it keeps no undo history beyond the one state
# the engine always keeps (a lesson of 60 cycle steps on 8 layers of 64 and
# 5000 samples held a state a phase: 4.3 GB).
WALK_HISTORY_BYTES = 0


@dataclass(frozen=True)
class QuizPoint:
    """A quiz at the moment it is asked: the phase about to run and the answers."""

    where: str  # steps[i].quizzes[j]
    quiz: Quiz
    phase: str  # the cycle's next phase when asked
    expected: float | str  # what the quiz will accept (live value when it has a check)
    live: float | str | None  # read from the network; None without a check


@dataclass
class Walk:
    lesson: Lesson
    points: list[QuizPoint] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cycle: Any = None  # the cycle after the last step


def walk_lesson(lesson: Lesson) -> Walk:
    """Do every step of ``lesson`` headless, asking each quiz at its moment."""
    file = str(lesson.path or lesson.id)
    walk = Walk(lesson)
    try:
        cycle = lesson.build_cycle(history_budget=WALK_HISTORY_BYTES)
    except EngineError as exc:
        walk.problems.append(Problem(file, "network", str(exc)))
        return walk
    for i, step in enumerate(lesson.steps):
        asked: set[str] = set()

        def ask(quiz: Quiz, cycle: Any, i: int = i, asked: set[str] = asked) -> None:
            j = lesson.steps[i].quizzes.index(quiz)
            asked.add(quiz.id)
            _visit(walk, f"steps[{i}].quizzes[{j}]", quiz, cycle, file)

        try:
            cycle = perform(step, cycle, ask, history_budget=WALK_HISTORY_BYTES)
        except EngineError as exc:
            walk.problems.append(Problem(file, f"steps[{i}]", str(exc)))
            break
        for j, quiz in enumerate(step.quizzes):
            if quiz.id not in asked:
                walk.problems.append(
                    Problem(
                        file,
                        f"steps[{i}].quizzes[{j}].reveal",
                        f'phase "{quiz.reveal}" does not run during this step, so the quiz is never asked',
                    )
                )
        if cycle.diverged:
            walk.problems.append(Problem(file, f"steps[{i}]", f"the network diverges here: {cycle.diverged}"))
            break
    walk.cycle = cycle
    return walk


def _visit(walk: Walk, where: str, quiz: Quiz, cycle: Any, file: str) -> None:
    phase = str(cycle.next_phase)
    if quiz.path is None:
        walk.points.append(QuizPoint(where, quiz, phase, quiz.expected(cycle), None))
        return
    try:
        live = quiz.expected(cycle)
    except LookupError as exc:
        walk.problems.append(Problem(file, f"{where}.check", exc.args[0]))
        return
    walk.points.append(QuizPoint(where, quiz, phase, live, live))
    if quiz.answer is None:
        return
    agree = quiz.close_enough(float(quiz.answer), float(live)) if quiz.kind == "number" else quiz.answer == live
    if not agree:
        after = f' after "{quiz.reveal}"' if quiz.reveal else ""
        walk.problems.append(
            Problem(
                file,
                f"{where}.answer",
                f"the file says {_show(quiz.answer)} but the network gives {_show(live)} for {quiz.path}{after}",
            )
        )


def _show(value: float | str) -> str:
    return f"{value:.10g}" if isinstance(value, float) else f'"{value}"'
