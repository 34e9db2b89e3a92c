"""Finding and loading lesson files.

A broken lesson never hides the others: ``load_lessons`` reports it and
carries on.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .model import Lesson
from .problems import LessonError, Problem
from .schema import LessonBuilder
from .source import read_toml

PATTERN = "*.toml"


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


def static_problems(path: str | Path) -> tuple[Lesson | None, list[Problem]]:
    """Read and check one file without running it: the lesson, or the problems."""
    raw, problems = read_toml(path)
    if raw is None:
        return None, problems
    builder = LessonBuilder(str(path))
    lesson = builder.lesson(raw, Path(path))
    return lesson, builder.problems


def load_lesson(path: str | Path) -> Lesson:
    """Load one lesson file; raise LessonError with every problem found."""
    lesson, problems = static_problems(path)
    if lesson is None:
        raise LessonError(path, problems)
    return lesson


def lesson_files(folder: str | Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob(PATTERN) if p.is_file())


def load_lessons(folder: str | Path | None = None) -> tuple[list[Lesson], list[Problem]]:
    """Every lesson in ``folder`` (default: the shipped ones), in file-name order,
    and the problems of those that did not load. Duplicate ids keep the first."""
    folder = Path(folder) if folder is not None else shipped_lessons_dir()
    if not folder.is_dir():
        return [], [Problem(str(folder), "", "no such folder")]
    lessons: list[Lesson] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in lesson_files(folder):
        lesson, found = static_problems(path)
        if lesson is None:
            problems.extend(found)
        elif lesson.id in seen:
            problems.append(Problem(str(path), "id", f"\"{lesson.id}\" is already used by {seen[lesson.id].name}"))
        else:
            seen[lesson.id] = path
            lessons.append(lesson)
    return lessons, problems


def find_lesson(id_or_path: str | Path, folder: str | Path | None = None) -> Lesson:
    """A lesson by file path, or by id among ``folder``'s (default: shipped) lessons.

    Raises LessonError when the file is broken or no lesson has that id.
    """
    candidate = Path(id_or_path)
    if candidate.suffix == ".toml" or candidate.is_file():
        return load_lesson(candidate)
    # Lesson files are usually named after their id ("07-backprop.toml"):
    # try that file first, so opening one lesson reads one file.
    folder = Path(folder) if folder is not None else shipped_lessons_dir()
    for path in lesson_files(folder) if folder.is_dir() else []:
        if path.stem.split("-", 1)[-1] == str(id_or_path):
            lesson, _ = static_problems(path)
            if lesson is not None and lesson.id == str(id_or_path):
                return lesson
    lessons, _ = load_lessons(folder)
    for lesson in lessons:
        if lesson.id == str(id_or_path):
            return lesson
    known = ", ".join(lesson.id for lesson in lessons) or "none"
    raise LessonError(str(id_or_path), [Problem(str(id_or_path), "", f"no lesson with this id; known ids: {known}")])
