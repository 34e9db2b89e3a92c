"""Lessons, quizzes and saved progress; no UI here.

The UI and the command line use this package through the names below.
Nothing in it imports textual, rich or plotext, and nothing in a lesson file
is ever executed.
"""

from .commands import describe_progress, run_list, run_new_lesson, run_validate
from .loader import find_lesson, load_lesson, load_lessons, shipped_lessons_dir
from .model import Action, DataSpec, Lesson, NetworkSpec, Step
from .paths import QuantityPath, parse_path
from .problems import LessonError, Problem
from .progress import LessonProgress, ProgressStore, QuizProgress, default_home
from .quiz import Quiz, QuizResult, parse_direction, parse_number
from .steps import perform
from .validate import validate_file
from .walk import QuizPoint, Walk, walk_lesson

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
