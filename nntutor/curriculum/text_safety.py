"""Refusing lesson text that would act on the terminal instead of being shown.

Every string in a lesson file, and every key, is scanned, whatever field it
is in (known or not): a control character (ESC, BEL, the C1 controls...) or a
bidi override anywhere refuses the file, with the field and the line.
"""

from __future__ import annotations

from typing import Any

from nntutor.plaintext import unsafe_character

from .locate import locate
from .problems import Problem

MAX_DEPTH = 16  # a lesson nests tables and lists four deep at most

MESSAGE = "may not hold control characters or bidi overrides (only newline and tab); found {what} at character {at}"


def unsafe_text_problems(raw: Any, text: str, file: str) -> list[Problem]:
    """One problem per text value or key that holds an unsafe character."""
    problems: list[Problem] = []
    _scan(raw, "", text, file, problems, 0)
    return problems


def _scan(value: Any, where: str, text: str, file: str, problems: list[Problem], depth: int) -> None:
    if depth > MAX_DEPTH:
        problems.append(Problem(file, where, f"is nested more than {MAX_DEPTH} deep; no lesson field is"))
    elif isinstance(value, str):
        found = unsafe_character(value)
        if found:
            at, what = found
            place = locate(text, where, needle=value[at])
            line, column = place if place else (None, None)
            problems.append(Problem(file, where, MESSAGE.format(what=what, at=at + 1), line=line, column=column))
    elif isinstance(value, dict):
        for key, item in value.items():
            field = f"{where}.{key}" if where else key
            found = unsafe_character(key)
            if found:
                problems.append(Problem(file, field, f"this key {MESSAGE.format(what=found[1], at=found[0] + 1)}"))
                continue
            _scan(item, field, text, file, problems, depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _scan(item, f"{where}[{i}]", text, file, problems, depth + 1)
