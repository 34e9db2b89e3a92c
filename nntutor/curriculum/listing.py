"""What the lesson list shows of each lesson, read cheaply.

The list's first frame needs each lesson's id, title and counts (steps,
quizzes, playground goals), not the whole checked lesson. Parsing and
checking the TOML of every file was a third of the list's start-up, so the
shipped lessons' entries ship in ``walked.json`` (``shipped_walks``), keyed
by the sha256 of each file's bytes: a file whose bytes are listed there is
read, hashed and listed without its parser or its checks (they passed when
the listing was written, on the same bytes). Any other file, or a shipped
one edited since, is read and checked in full as before. The lesson itself
is read again when it is opened (``load_lesson``), so the list never opens
stale data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nntutor.regular_file import FileRefused, read_regular_file

from .limits import MAX_FILE_BYTES
from .problems import Problem

if TYPE_CHECKING:
    from .model import Lesson


@dataclass(frozen=True)
class ListedLesson:
    """A lesson as the list shows it; the same counting names as ``model.Lesson`` (scores.py takes either)."""

    id: str
    title: str
    path: Path
    step_count: int
    quiz_ids: tuple[str, ...]
    goal_ids: tuple[str, ...]

    @classmethod
    def of(cls, lesson: Lesson, path: Path) -> ListedLesson:
        return cls(lesson.id, lesson.title, path, lesson.step_count, lesson.quiz_ids, lesson.goal_ids)

    def entry(self) -> dict[str, Any]:
        """What ``walked.json`` keeps of it (the path is where the file is found)."""
        return {
            "id": self.id,
            "title": self.title,
            "steps": self.step_count,
            "quizzes": list(self.quiz_ids),
            "goals": list(self.goal_ids),
        }

    @classmethod
    def from_entry(cls, entry: Any, path: Path) -> ListedLesson | None:
        """The lesson an entry of ``walked.json`` describes, or None when it is not one."""
        if not isinstance(entry, dict):
            return None
        lesson_id, title, steps = entry.get("id"), entry.get("title"), entry.get("steps")
        quizzes, goals = _names(entry.get("quizzes")), _names(entry.get("goals"))
        if not (isinstance(lesson_id, str) and isinstance(title, str) and type(steps) is int and steps > 0):
            return None
        if quizzes is None or goals is None:
            return None
        return cls(lesson_id, title, path, steps, quizzes, goals)


def _names(value: Any) -> tuple[str, ...] | None:
    """A list of strings as a tuple; None when it is not one."""
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        return None
    return tuple(value)


def read_listed(path: Path) -> tuple[ListedLesson | None, list[Problem]]:
    """One file for the list: from the shipped listing when its bytes are listed there, else read
    and checked as ``loader.static_problems`` does (with its problems when it is refused)."""
    from .shipped_walks import shipped_listing

    try:
        data = read_regular_file(path, MAX_FILE_BYTES, "lesson file")
    except FileRefused:
        data = None  # the full read below says why, as it always has
    if data is not None:
        listed = ListedLesson.from_entry(shipped_listing().get(hashlib.sha256(data).hexdigest()), path)
        if listed is not None:
            return listed, []
    from .loader import static_problems

    lesson, problems = static_problems(path)
    return (ListedLesson.of(lesson, path) if lesson is not None else None), problems


def list_all(folders: list[Path]) -> tuple[list[ListedLesson], list[Problem]]:
    """Every lesson of every folder as the list shows it, and the problems (as ``folders.load_all``)."""
    from .folders import load_all

    return load_all(folders, read_listed)
