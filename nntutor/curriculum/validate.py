"""Checking a lesson file the way ``nntutor validate`` does.

First the static checks (syntax, fields, shapes, paths); when those pass,
a headless walk through the lesson, which catches what only running it can
show: a quiz whose reveal phase never comes, or a fixed answer the network
does not agree with.
"""

from __future__ import annotations

from pathlib import Path

from .loader import static_problems
from .problems import Problem
from .walk import walk_lesson


def validate_file(path: str | Path, *, run: bool = True) -> list[Problem]:
    """Every problem found in one lesson file (empty when it is valid)."""
    lesson, problems = static_problems(path)
    if lesson is None or problems or not run:
        return problems
    return walk_lesson(lesson).problems
