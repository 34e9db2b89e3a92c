"""Finding and loading lesson files.

A broken lesson never hides the others: ``load_lessons`` reports it and
carries on. Loading here is the static part of the check (reading, text
safety, fields, shapes, cost); ``check.check_file`` adds the headless walk,
and is what ``validate`` and opening a lesson both use.

The parser and the checks load when a file is first read, not with this
module: the lesson list finds the files and reads the shipped ones from
their listing (``listing.py``) without them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nntutor.lifelong import import_for_good
from nntutor.regular_file import is_folder

from .problems import LessonError, Problem

if TYPE_CHECKING:
    from .model import Lesson
    from .source import Source

PATTERN = "*.toml"
# The parser and the checks, loaded at the first read with the collector paused (they live as
# long as the process: see lifelong.py; otherwise the collector runs over them as they load).
READING = ("nntutor.curriculum.source", "nntutor.curriculum.text_safety", "nntutor.curriculum.lesson_builder")

# What read_lesson finds in a file: its source, the lesson (None when refused), the problems.
ReadLesson = tuple["Source | None", "Lesson | None", list[Problem]]


@cache
def shipped_lessons_dir() -> Path:
    """The lessons that come with nntutor: the installed ``nntutor.lessons``
    package, or the repository's ``lessons/`` folder in a source checkout."""
    # The lessons folder has no __init__.py, so it installs as a namespace
    # package; its spec's search locations name the folder either way, where
    # importlib.resources.files() would give a MultiplexedPath, not a Path.
    spec = importlib.util.find_spec("nntutor.lessons")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if Path(folder).is_dir():
            return Path(folder)
    return Path(__file__).resolve().parents[2] / "lessons"


def place(problems: list[Problem], text: str) -> list[Problem]:
    """The problems with the line and column of their field filled in where they can be found."""
    from .locate import locate

    placed = []
    for problem in problems:
        found = locate(text, problem.where) if problem.line is None and problem.where else None
        placed.append(replace(problem, line=found.line, column=found.column) if found else problem)
    return placed


def read_lesson(path: str | Path) -> ReadLesson:
    """Read and check one file without running it: its source, the lesson (None
    when anything but a warning is wrong) and every problem, placed on its line."""
    import_for_good(*READING)
    from .lesson_builder import LessonBuilder
    from .source import read_source
    from .text_safety import unsafe_text_problems

    source, problems = read_source(path)
    if source is None:
        return None, None, problems
    unsafe = unsafe_text_problems(source.raw, source.text, str(path))
    builder = LessonBuilder(str(path))
    lesson = builder.lesson(source.raw, Path(path), digest=source.digest)
    problems = unsafe + place(builder.problems + builder.warnings, source.text)
    if unsafe or any(not p.warning for p in problems):
        lesson = None
    return source, lesson, problems


def static_problems(path: str | Path) -> tuple[Lesson | None, list[Problem]]:
    """Read and check one file without running it: the lesson, or the problems."""
    _, lesson, problems = read_lesson(path)
    return lesson, problems


def load_lesson(path: str | Path, read: ReadLesson | None = None) -> Lesson:
    """Load one lesson file (static checks only); raise LessonError with every problem found.

    ``read``: what ``read_lesson(path)`` returned, when the caller has read it already."""
    _, lesson, problems = read if read is not None else read_lesson(path)
    if lesson is None:
        raise LessonError(path, problems)
    return lesson


def lesson_files(folder: str | Path) -> list[Path]:
    """The lesson files of a folder, in name order: every *.toml entry that is not a folder
    (a FIFO or a device among them is listed, and refused when read)."""
    try:
        return sorted(p for p in Path(folder).glob(PATTERN) if not is_folder(p))
    except OSError:
        return []


def load_lessons(
    folder: str | Path | None = None, read: Callable[[Path], tuple[Any, list[Problem]]] | None = None
) -> tuple[list[Any], list[Problem]]:
    """Every lesson in ``folder`` (default: the shipped ones), in file-name order,
    and the problems of those that did not load. Duplicate ids keep the first.

    Only the static checks run here, so listing stays fast; the walk runs when
    a lesson is opened (``check.refuse_unless_it_opens``). ``read``: how a file
    is read (default ``static_problems``: Lessons; the lesson list's reads its
    ListedLessons, see listing.py), the lesson or None, and the problems."""
    folder = Path(folder) if folder is not None else shipped_lessons_dir()
    if not is_folder(folder):
        return [], [Problem(str(folder), "", "no such folder")]
    read = read or static_problems
    lessons: list[Any] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in lesson_files(folder):
        lesson, found = read(path)
        if lesson is None:
            problems.extend(found)
        elif lesson.id in seen:
            problems.append(duplicate_id(path, lesson.id, seen[lesson.id]))
        else:
            seen[lesson.id] = path
            lessons.append(lesson)
    return lessons, problems


def duplicate_id(path: Path, lesson_id: str, first: Path) -> Problem:
    return Problem(str(path), "id", f'"{lesson_id}" is already used by {first.name}; each lesson needs its own id')


def find_lesson_file(id_or_path: str | Path, folder: str | Path | None = None) -> Path:
    """The file of a lesson named by path, or by id among ``folder``'s (default: shipped) lessons.

    Raises LessonError when no lesson has that id."""
    return locate_lesson(id_or_path, folder)[0]


def locate_lesson(
    id_or_path: str | Path, folder: str | Path | None = None, by_id: bool = False
) -> tuple[Path, ReadLesson | None]:
    """The file of a lesson (as ``find_lesson_file``) and, when finding it by id meant reading
    it, what ``read_lesson`` found there: the caller checks that, so the file is read once.
    ``by_id``: an id (a saved one), never taken for a path (a file of that name may be about).

    Raises LessonError when no lesson has that id."""
    if names_a_path(id_or_path, by_id):
        return Path(id_or_path), None
    folder = Path(folder) if folder is not None else shipped_lessons_dir()
    files = lesson_files(folder) if is_folder(folder) else []
    # Lesson files are usually named after their id ("07-backprop.toml"):
    # try that file first, so opening one lesson reads one file.
    for path in files:
        if path.stem.split("-", 1)[-1] == str(id_or_path):
            read = read_lesson(path)
            if read[1] is not None and read[1].id == str(id_or_path):
                return path, read
    lessons, _ = load_lessons(folder)
    for lesson in lessons:
        if lesson.id == str(id_or_path) and lesson.path is not None:
            return lesson.path, None
    known = ", ".join(lesson.id for lesson in lessons) or "none"
    raise LessonError(str(id_or_path), [Problem(str(id_or_path), "", f"no lesson with this id; known ids: {known}")])


def names_a_path(id_or_path: str | Path, by_id: bool = False) -> bool:
    """Whether a lesson is named by its file's path (else by its id): a ``.toml`` name, a name with
    a "/", or one that exists. ``by_id``: never (a saved id; a file of that name may be about)."""
    candidate = Path(id_or_path)
    return not by_id and (candidate.suffix == ".toml" or "/" in str(id_or_path) or _exists(candidate))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def find_lesson(id_or_path: str | Path, folder: str | Path | None = None) -> Lesson:
    """A lesson by file path or id, checked as ``nntutor validate`` checks it (walk included).

    Raises LessonError when the file is broken or no lesson has that id.
    """
    return checked_lesson(*locate_lesson(id_or_path, folder))


def checked_lesson(path: Path, read: ReadLesson | None = None) -> Lesson:
    """The lesson in ``path`` checked as ``nntutor validate`` checks it; ``read``: what
    ``read_lesson`` already found in it. Raises LessonError when the file is refused."""
    from .check import check_file

    lesson, problems = check_file(path, read)
    if lesson is None:
        raise LessonError(path, problems)
    return lesson
