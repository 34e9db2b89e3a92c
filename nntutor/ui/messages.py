"""Messages that flow up from workers and screens (dataclass messages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class TrainProgress(Message):
    """A training worker's latest state (posted a few times a second)."""

    state: Any  # engine CycleState
    epochs: int  # epochs done so far in this run


@dataclass
class TrainFinished(Message):
    state: Any
    epochs: int
    stopped: bool  # True when a key stopped it before its target
    error: str | None = None
