"""The headless commands behind ``nntutor validate`` and ``nntutor list``.

They write plain lines and return an exit status; they never raise, so a
broken lesson file can never end in a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from nntutor.plaintext import escape
from nntutor.regular_file import is_folder

from .folders import load_all
from .loader import duplicate_id, lesson_files, load_lessons, place, shipped_lessons_dir
from .model import Lesson
from .problems import Problem
from .progress import ProgressStore
from .scores import describe_progress
from .source import read_source
from .template import starter_lesson
from .validate_report import ValidateReport


def run_validate(paths: list[str], out: TextIO, err: TextIO, fmt: str = "text") -> int:
    """Check lesson files (a folder means its *.toml files; none: the shipped lessons).

    Every problem goes to ``out`` in format ``fmt`` (see ``validate_report``:
    ``FILE:LINE:COL: field.path: message`` lines, or a JSON list), every name
    escaped so no control character reaches the terminal; two files with one
    id are reported; a summary goes to ``err``. Returns 0 when every file is
    valid (warnings allowed), 1 otherwise.
    """
    report = ValidateReport(fmt, out)
    files: list[Path] = []
    bad = 0
    for given in paths or [str(shipped_lessons_dir())]:
        path = Path(given)
        if is_folder(path):
            found = lesson_files(path)
            if not found:
                report.add(given, [Problem(given, "", "no lesson files (*.toml) in this folder")])
                bad += 1
            files.extend(found)
        else:
            files.append(path)
    first_with_id: dict[str, Path] = {}
    for path in files:
        lesson, problems = _check(path)
        if lesson is not None and lesson.id in first_with_id:
            problems = problems + _placed(path, [duplicate_id(path, lesson.id, first_with_id[lesson.id])])
        elif lesson is not None:
            first_with_id[lesson.id] = path
        report.add(path, problems)
        bad += any(not p.warning for p in problems)
    report.finish()
    checked = f"{len(files)} lesson file{'s' if len(files) != 1 else ''} checked"
    print(f"{checked}, {bad} with problems" if bad else f"{checked}, all valid", file=err)
    return 1 if bad else 0


def _placed(path: Path, problems: list[Problem]) -> list[Problem]:
    """``problems`` of a file that was read once already, placed on their lines if it still reads."""
    source, _ = read_source(path)
    return place(problems, source.text) if source else problems


def _check(path: Path) -> tuple[Lesson | None, list[Problem]]:
    from .check import check_file  # the walk and the engine: for validate, not for the lesson list

    try:
        return check_file(path)
    except Exception as exc:  # the last guard: report, never a traceback
        return None, [Problem(str(path), "", f"could not be checked ({type(exc).__name__}: {exc})")]


def run_list(out: TextIO, err: TextIO | None = None, folder: str | Path | list[Path] | None = None) -> int:
    """One line per lesson of ``folder`` (a list: of each, ids used twice reported): id, title and
    progress. Broken lessons are reported on ``err``."""
    err = err or out
    try:
        lessons, problems = load_all(folder) if isinstance(folder, list) else load_lessons(folder)
    except Exception as exc:  # the last guard: report, never a traceback
        print(escape(f"cannot list lessons ({type(exc).__name__}: {exc})"), file=err)
        return 1
    with ProgressStore() as store:
        if store.warning:
            print(f"note: {escape(store.warning)}", file=err)
        width = max((len(lesson.id) for lesson in lessons), default=2)
        titles = max((len(lesson.title) for lesson in lessons), default=5)  # the longest title sets the column
        for lesson in lessons:
            line = (
                f"{lesson.id:<{width}}  {lesson.title:<{titles}}  {describe_progress(lesson, store.lesson(lesson.id))}"
            )
            print(escape(line), file=out)
    for problem in problems:
        print(problem, file=err)
    return 1 if problems or not lessons else 0


def run_new_lesson(name: str, out: TextIO, err: TextIO) -> int:
    """Write a starter lesson to ``name`` (".toml" added if missing); never overwrite."""
    path = Path(name if name.endswith(".toml") else f"{name}.toml")
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(starter_lesson(path.name))
    except FileExistsError:
        print(f"{escape(path)}: already exists; choose another name (nothing was written)", file=err)
        return 1
    except (OSError, ValueError) as exc:
        print(f"{escape(path)}: cannot be written ({escape(getattr(exc, 'strerror', None) or exc)})", file=err)
        return 1
    print(f"wrote {escape(path)}; edit it, then check it with: nntutor validate {escape(path)}", file=out)
    return 0
