"""Lessons, quizzes and saved progress; no UI here.

The UI and the command line use this package through the names below.
Nothing in it imports textual, rich or plotext, and nothing in a lesson file
is ever executed.

The names below load their module when first used, not when the package is
imported: reading a lesson file to draw its first screen loads neither the
walk, the validator nor the engine (and so not numpy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nntutor.lazy_names import lazy_names

if TYPE_CHECKING:  # what type checkers see; at run time, lazy_names below
    from .commands import (
        run_list,
        run_new_lesson,
        run_validate,
    )
    from .loader import (
        find_lesson,
        load_lesson,
        load_lessons,
        shipped_lessons_dir,
    )
    from .model import (
        Action,
        DataSpec,
        Lesson,
        NetworkSpec,
        Step,
    )
    from .paths import QuantityPath, parse_path
    from .problems import LessonError, Problem
    from .progress import (
        LessonProgress,
        ProgressStore,
        QuizProgress,
        default_home,
    )
    from .quiz import (
        Quiz,
        QuizResult,
        parse_direction,
        parse_number,
    )
    from .scores import describe_progress
    from .steps import perform
    from .validate import validate_file
    from .walk import QuizPoint, Walk, walk_lesson

# Each public name and the module (in this package) that defines it.
_HOMES = {
    "Action": "model",
    "DataSpec": "model",
    "Lesson": "model",
    "LessonError": "problems",
    "LessonProgress": "progress",
    "NetworkSpec": "model",
    "Problem": "problems",
    "ProgressStore": "progress",
    "QuantityPath": "paths",
    "Quiz": "quiz",
    "QuizPoint": "walk",
    "QuizProgress": "progress",
    "QuizResult": "quiz",
    "Step": "model",
    "Walk": "walk",
    "default_home": "progress",
    "describe_progress": "scores",
    "find_lesson": "loader",
    "load_lesson": "loader",
    "load_lessons": "loader",
    "parse_direction": "quiz",
    "parse_number": "quiz",
    "parse_path": "paths",
    "perform": "steps",
    "run_list": "commands",
    "run_new_lesson": "commands",
    "run_validate": "commands",
    "shipped_lessons_dir": "loader",
    "validate_file": "validate",
    "walk_lesson": "walk",
}

__all__ = [
    "Action",
    "DataSpec",
    "Lesson",
    "LessonError",
    "LessonProgress",
    "NetworkSpec",
    "Problem",
    "ProgressStore",
    "QuantityPath",
    "Quiz",
    "QuizPoint",
    "QuizProgress",
    "QuizResult",
    "Step",
    "Walk",
    "default_home",
    "describe_progress",
    "find_lesson",
    "load_lesson",
    "load_lessons",
    "parse_direction",
    "parse_number",
    "parse_path",
    "perform",
    "run_list",
    "run_new_lesson",
    "run_validate",
    "shipped_lessons_dir",
    "validate_file",
    "walk_lesson",
]

lazy_names(__name__, _HOMES)
