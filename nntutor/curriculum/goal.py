"""A playground step's goal: what the learner's own network must reach, read from the live network.

A ``do = "playground"`` step sends the learner to the playground with a task
("separate the spiral with at most 12 hidden neurons"). Its ``[steps.goal]``
table says what counts as done; when the learner brings a network back, the
goal is checked against that network on the lesson's whole training and test
sets (the engine's read-outs, without the L2 penalty), and the check is saved
like a quiz answer. Nothing of the learner's network is in the lesson file,
so the headless walk of the validator leaves the network as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fields import Field, integer, number

# key: (what it reads, at least or at most, how a value is written, the field's check)
_GOALS: dict[str, tuple[str, str, str, Field]] = {
    "min_test_accuracy": ("test accuracy", "≥", "percent", Field(number(0.0, 1.0))),
    "min_train_accuracy": ("training accuracy", "≥", "percent", Field(number(0.0, 1.0))),
    "max_test_loss": ("test loss", "≤", "number", Field(number(lo=0.0))),
    "max_train_loss": ("training loss", "≤", "number", Field(number(lo=0.0))),
    "max_hidden_neurons": ("hidden neurons", "≤", "count", Field(integer(0, 10_000))),
}
GOAL_FIELDS = {key: field for key, (_, _, _, field) in _GOALS.items()}
ACCURACY_GOALS = ("min_test_accuracy", "min_train_accuracy")
TEST_GOALS = ("min_test_accuracy", "max_test_loss")


@dataclass(frozen=True)
class Condition:
    """One line of a goal checked: what was read, the limit, and whether it holds."""

    key: str
    value: float | None  # None: the network has no such value (no test set, not classification)
    limit: float

    @property
    def met(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.limit if _GOALS[self.key][1] == "≥" else self.value <= self.limit

    def text(self) -> str:
        name, sign, _, _ = _GOALS[self.key]
        now = "none" if self.value is None else _written(self.key, self.value)
        return f"{name} {now} ({sign} {_written(self.key, self.limit)})"


@dataclass(frozen=True)
class GoalCheck:
    conditions: tuple[Condition, ...]

    @property
    def met(self) -> bool:
        return all(c.met for c in self.conditions)

    def text(self) -> str:
        """Each condition with ✓ or ✗, what the network has and the limit: "✓ hidden neurons 8 (≤ 12)"."""
        return " · ".join(("✓ " if c.met else "✗ ") + c.text() for c in self.conditions)


@dataclass(frozen=True)
class Goal:
    """The limits a playground step asks for (each optional; at least one is set)."""

    limits: tuple[tuple[str, float], ...]

    def describe(self) -> str:
        return ", ".join(f"{_GOALS[k][0]} {_GOALS[k][1]} {_written(k, v)}" for k, v in self.limits)

    def check(self, network: Any, data: Any, loss_fn: Any) -> GoalCheck:
        """The goal against `network` on `data`'s whole training and test sets."""
        from nntutor.engine.readouts import readouts  # numpy: not needed to read a lesson file

        r = readouts(network, data, loss_fn)
        values = {
            "min_test_accuracy": r.test_accuracy,
            "min_train_accuracy": r.train_accuracy,
            "max_test_loss": r.test_loss,
            "max_train_loss": r.train_loss,
            "max_hidden_neurons": float(sum(network.sizes[1:-1])),
        }
        return GoalCheck(tuple(Condition(key, values[key], limit) for key, limit in self.limits))


GOAL_ID_PREFIX = "goal-step-"


def goal_quiz_id(step_index: int) -> str:
    """The id the check of step `step_index`'s goal is saved under in the progress (like a quiz's)."""
    return f"{GOAL_ID_PREFIX}{step_index + 1}"


def _written(key: str, value: float) -> str:
    kind = _GOALS[key][2]
    if kind == "percent":  # 87.5%, 90%: the tenth shown when there is one, so 89.5% never reads as 90%
        return f"{value:.1%}".replace(".0%", "%")
    if kind == "count":
        return f"{value:.0f}"
    return f"{value:.4g}"
