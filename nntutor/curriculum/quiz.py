"""Quizzes: a question asked before a phase runs, and the check of the answer.

A quiz's right answer is either fixed in the lesson file or read from the
live network through a quantity path, just after its ``reveal`` phase would
run (the cycle is previewed, never advanced, so asking changes nothing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .paths import QuantityPath

DIRECTIONS = ("up", "down", "no change")
DEFAULT_RELATIVE_TOLERANCE = 0.01

_DIRECTION_WORDS = {
    "up": ("u", "up", "+", "increase", "increases", "higher", "rise", "rises", "grow", "grows"),
    "down": ("d", "down", "-", "decrease", "decreases", "lower", "fall", "falls", "shrink", "shrinks"),
    "no change": ("n", "no change", "nochange", "none", "same", "0", "=", "unchanged", "stays", "no"),
}


@dataclass(frozen=True)
class QuizResult:
    """How an answer fared. ``given`` is the answer as understood, None if unreadable."""

    correct: bool
    expected: float | str
    explanation: str
    given: float | str | None = None
    message: str = ""


@dataclass(frozen=True)
class Quiz:
    id: str
    kind: str  # number | choice | direction
    question: str
    answer: float | str | None = None  # fixed: a number, the correct choice text, or a direction
    path: QuantityPath | None = None  # the file's `check`: read the live value here
    tolerance: float | None = None
    relative_tolerance: float | None = None
    reveal: str | None = None  # phase text, or "train"; None: asked and answered as things are now
    train_epochs: int = 0  # for reveal = "train": the epochs its step trains
    hint: str = ""
    explanation: str = ""
    choices: tuple[str, ...] = ()

    def expected(self, cycle: Any) -> float | str:
        """The right answer for this cycle: the live value when the quiz has a path.

        Raises LookupError, saying why, when the live value is missing or not
        finite (a network that diverged has no loss to ask about).
        """
        if self.path is None:
            assert self.answer is not None
            return self.answer
        when = f'after "{self.reveal}" runs' if self.reveal else "when the step begins"
        after = self._read(self.revealed_state(cycle), when)
        if self.kind == "direction":
            return _direction(self._read(cycle.state, f'before "{self.reveal}" runs'), after)
        return after

    def _read(self, state: Any, when: str) -> float:
        assert self.path is not None
        try:
            return self.path.read(state)
        except LookupError as exc:
            raise LookupError(f"{exc.args[0]} {when}") from None

    def revealed_state(self, cycle: Any) -> Any:
        """The cycle's state once the reveal phase has run, leaving ``cycle`` as it was."""
        if self.reveal is None:
            return cycle.state
        if self.reveal == "train":
            return cycle.preview_train(self.train_epochs)
        return cycle.preview(self.reveal)

    def check(self, response: Any, cycle: Any = None, expected: float | str | None = None) -> QuizResult:
        """Judge a learner's response (typed text, or a 0-based choice index as int).

        ``expected``: the right answer already read with ``expected(cycle)``
        (a live value is read once per asking, not once per attempt).
        """
        if expected is None:
            expected = self.expected(cycle) if self.path is not None else self.answer
        assert expected is not None
        given = self.parse_response(response)
        if given is None:
            return QuizResult(False, expected, self.explanation, None, _unreadable(self.kind, response))
        if self.kind == "number":
            correct = self.close_enough(float(given), float(expected))
        else:
            correct = given == expected
        return QuizResult(correct, expected, self.explanation, given)

    def close_enough(self, given: float, expected: float) -> bool:
        if self.tolerance is not None:
            return abs(given - expected) <= self.tolerance + 1e-12 * abs(expected)
        rel = self.relative_tolerance if self.relative_tolerance is not None else DEFAULT_RELATIVE_TOLERANCE
        return abs(given - expected) <= max(rel * abs(expected), 1e-9)

    def parse_response(self, response: Any) -> float | str | None:
        """The response as a number, choice text or direction; None if unreadable."""
        if self.kind == "number":
            return parse_number(response)
        if self.kind == "direction":
            return parse_direction(response)
        return parse_choice(response, self.choices)


def parse_number(response: Any) -> float | None:
    """Read "22,500", " -300 ", "+200", "1e-3", "−0.5" (Unicode minus); None if not a number."""
    if isinstance(response, bool):
        return None
    if isinstance(response, int | float):
        value = float(response)
    else:
        text = str(response).strip().replace("\u2212", "-").replace(",", "").replace("_", "").replace(" ", "")
        try:
            value = float(text)
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def parse_direction(response: Any) -> str | None:
    text = " ".join(str(response).strip().lower().split())
    for direction, words in _DIRECTION_WORDS.items():
        if text in words:
            return direction
    return None


def parse_choice(response: Any, choices: tuple[str, ...]) -> str | None:
    """An int is a 0-based index (from a widget); text is "2" (1-based), "b", or the choice itself."""
    if isinstance(response, int) and not isinstance(response, bool):
        return choices[response] if 0 <= response < len(choices) else None
    text = str(response).strip()
    if text.isdigit():
        index = int(text) - 1
        return choices[index] if 0 <= index < len(choices) else None
    if len(text) == 1 and text.isalpha():
        index = ord(text.lower()) - ord("a")
        return choices[index] if 0 <= index < len(choices) else None
    folded = {" ".join(c.lower().split()): c for c in choices}
    return folded.get(" ".join(text.lower().split()))


def _direction(before: float, after: float) -> str:
    if abs(after - before) <= 1e-12 * max(1.0, abs(before)):
        return "no change"
    return "up" if after > before else "down"


def _unreadable(kind: str, response: Any) -> str:
    expected = {
        "number": "a number, like 22500 or -0.25",
        "direction": "up, down or no change (u, d, n)",
        "choice": "the number or letter of a choice",
    }[kind]
    return f"could not read {str(response).strip()!r}; expected {expected}"
