"""Where lessons are found: the shipped lessons, then the teacher's folders.

A teacher adds folders with ``NNTUTOR_LESSONS`` (several, separated like
PATH: ':' on POSIX) and ``--lessons DIR`` (repeatable). Their lessons appear
beside the shipped ones; an id used twice is reported, never hidden, and the
first one found is kept: shipped lessons first, then ``NNTUTOR_LESSONS`` in
order, then ``--lessons`` in order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .loader import checked_lesson, load_lesson, load_lessons, locate_lesson, shipped_lessons_dir
from .problems import LessonError, Problem

if TYPE_CHECKING:
    from .model import Lesson

LESSONS_ENV = "NNTUTOR_LESSONS"


def lesson_folders(extra: Iterable[str | Path] = ()) -> list[Path]:
    """The folders to look in, in order, each once."""
    env = [part for part in os.environ.get(LESSONS_ENV, "").split(os.pathsep) if part]
    folders: list[Path] = []
    for folder in [shipped_lessons_dir(), *map(Path, env), *map(Path, extra)]:
        if folder not in folders:
            folders.append(folder)
    return folders


def load_all(
    folders: Iterable[Path], read: Callable[[Path], tuple[Any, list[Problem]]] | None = None
) -> tuple[list[Any], list[Problem]]:
    """Every lesson of every folder, and the problems: broken files, missing folders, ids used twice.
    ``read``: how a file is read (see ``loader.load_lessons``; default: as a Lesson)."""
    lessons: list[Any] = []
    problems: list[Problem] = []
    first: dict[str, Path] = {}
    for folder in folders:
        found, folder_problems = load_lessons(folder, read)
        problems.extend(folder_problems)
        for lesson in found:
            path = lesson.path or folder
            if lesson.id in first:
                problems.append(
                    Problem(
                        str(path),
                        "id",
                        f'"{lesson.id}" is already used by {first[lesson.id]}; '
                        "each lesson needs its own id (the first one found is kept)",
                    )
                )
            else:
                first[lesson.id] = path
                lessons.append(lesson)
    return lessons, problems


def find_in(id_or_path: str | Path, folders: Iterable[Path], walk: bool = True, by_id: bool = False) -> Lesson:
    """A lesson by path, or by id in the first folder that has it (checked as ``validate`` checks it;
    with ``walk=False`` only statically, as the lesson list has it: the tutor walks it once its
    first screen is drawn, see ``check.refuse_unless_it_opens``). ``by_id``: never read as a path.

    Raises LessonError when the file is refused or no folder has a lesson with that id."""
    folders = list(folders)
    for folder in folders:
        try:
            path, read = locate_lesson(id_or_path, folder, by_id)
        except LessonError:
            continue
        if walk:
            return checked_lesson(path, read)  # a file read to find it is not read again
        return load_lesson(path, read)
    lessons, _ = load_all(folders)
    known = ", ".join(lesson.id for lesson in lessons) or "none"
    raise LessonError(str(id_or_path), [Problem(str(id_or_path), "", f"no lesson with this id; known ids: {known}")])
