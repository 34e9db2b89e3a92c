"""Checking a lesson file the way ``nntutor validate`` does (see ``check``)."""

from __future__ import annotations

from pathlib import Path

from .check import check_file
from .loader import static_problems
from .problems import Problem


def validate_file(path: str | Path, *, run: bool = True) -> list[Problem]:
    """Every problem found in one lesson file, warnings included (empty when it is clean).

    ``run=False`` skips the headless walk."""
    if not run:
        return static_problems(path)[1]
    return check_file(path)[1]
