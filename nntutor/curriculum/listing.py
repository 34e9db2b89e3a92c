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

A lesson's opening screen (its first frame) needs the title and text of the
step it opens at: the listing keeps every step's, so ``nntutor LESSON`` and a
resume draw that frame from the listing too (``find_listed``) and leave the
full read to the opening's thread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from nntutor.regular_file import FileRefused, read_regular_file

from .limits import MAX_FILE_BYTES
from .problems import Problem

if TYPE_CHECKING:
    from .model import Lesson


class ListedStep(NamedTuple):
    """What an opening screen shows of a step (the names of ``model.Step``'s)."""

    title: str
    text: str


@dataclass(frozen=True)
class ListedLesson:
    """A lesson as the list and an opening screen show it; the same counting names as ``model.Lesson``
    (scores.py takes either). ``digest``: the sha256 of the file it was listed from."""

    id: str
    title: str
    path: Path
    steps: tuple[ListedStep, ...]
    quiz_ids: tuple[str, ...]
    goal_ids: tuple[str, ...]
    digest: str = ""

    @property
    def step_count(self) -> int:
        return len(self.steps)

    @classmethod
    def of(cls, lesson: Lesson, path: Path) -> ListedLesson:
        steps = tuple(ListedStep(step.title, step.text) for step in lesson.steps)
        return cls(lesson.id, lesson.title, path, steps, lesson.quiz_ids, lesson.goal_ids, lesson.digest)

    def entry(self) -> dict[str, Any]:
        """What ``walked.json`` keeps of it (the path is where the file is found, the digest its key)."""
        return {
            "id": self.id,
            "title": self.title,
            "steps": [list(step) for step in self.steps],
            "quizzes": list(self.quiz_ids),
            "goals": list(self.goal_ids),
        }

    @classmethod
    def from_entry(cls, entry: Any, path: Path, digest: str = "") -> ListedLesson | None:
        """The lesson an entry of ``walked.json`` describes, or None when it is not one."""
        if not isinstance(entry, dict):
            return None
        lesson_id, title, steps = entry.get("id"), entry.get("title"), _steps(entry.get("steps"))
        quizzes, goals = _names(entry.get("quizzes")), _names(entry.get("goals"))
        if not (isinstance(lesson_id, str) and isinstance(title, str) and steps):
            return None
        if quizzes is None or goals is None:
            return None
        return cls(lesson_id, title, path, steps, quizzes, goals, digest)


def _steps(value: Any) -> tuple[ListedStep, ...] | None:
    """A list of [title, text] pairs of strings as ListedSteps; None when it is not one."""
    if not isinstance(value, list):
        return None
    steps = []
    for step in value:
        if not (isinstance(step, list) and len(step) == 2 and all(isinstance(part, str) for part in step)):
            return None
        steps.append(ListedStep(*step))
    return tuple(steps)


def _names(value: Any) -> tuple[str, ...] | None:
    """A list of strings as a tuple; None when it is not one."""
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        return None
    return tuple(value)


def read_shipped(path: Path) -> ListedLesson | None:
    """The lesson in `path` from the shipped listing when its bytes are listed there, else None
    (a file that cannot be read too: the full read says why, as it always has)."""
    from .shipped_walks import shipped_listing

    try:
        data = read_regular_file(path, MAX_FILE_BYTES, "lesson file")
    except FileRefused:
        return None
    digest = hashlib.sha256(data).hexdigest()
    return ListedLesson.from_entry(shipped_listing().get(digest), path, digest)


def find_listed(id_or_path: str, folders: list[Path], by_id: bool = False) -> ListedLesson | None:
    """The lesson ``folders.find_in`` would find (same arguments), from the shipped listing when the
    file it would read first is listed there and holds that lesson; else None (then find_in reads it)."""
    from .loader import lesson_files, names_a_path

    if names_a_path(id_or_path, by_id):
        return read_shipped(Path(id_or_path))
    named = [path for path in lesson_files(folders[0]) if path.stem.split("-", 1)[-1] == id_or_path] if folders else []
    listed = read_shipped(named[0]) if named else None
    return listed if listed is not None and listed.id == id_or_path else None


def read_listed(path: Path) -> tuple[ListedLesson | None, list[Problem]]:
    """One file for the list: from the shipped listing when its bytes are listed there, else read
    and checked as ``loader.static_problems`` does (with its problems when it is refused)."""
    listed = read_shipped(path)
    if listed is not None:
        return listed, []
    from .loader import static_problems

    lesson, problems = static_problems(path)
    return (ListedLesson.of(lesson, path) if lesson is not None else None), problems


def list_all(folders: list[Path]) -> tuple[list[ListedLesson], list[Problem]]:
    """Every lesson of every folder as the list shows it, and the problems (as ``folders.load_all``)."""
    from .folders import load_all

    return load_all(folders, read_listed)
