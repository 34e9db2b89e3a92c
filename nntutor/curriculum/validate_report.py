"""How ``nntutor validate`` writes its problems: text lines for a person, or JSON for an editor or CI.

Text: one line per problem, ``FILE:LINE:COL: field: message`` (``FILE:LINE:COL: message``
for the file as a whole; the line and column only where the problem could be
placed), every part escaped so no control character reaches the terminal.

JSON: one list of objects, written when every file is checked::

    {"file": ..., "line": 9 | null, "column": 1 | null, "field": "network.lr" | null,
     "message": ..., "severity": "error" | "warning"}

``file`` is the name as given, whatever characters it holds (JSON escapes
them; the output is ASCII), except a name that is not valid Unicode (bytes
that were not UTF-8): it is written escaped as in the text, since JSON cannot
hold those bytes. ``field`` and ``message`` are the text report's, escaped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from nntutor.plaintext import escape

from .problems import Problem

FORMATS = ("text", "json")


def _json_name(path: str | Path) -> str:
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # surrogates standing for bytes that were not UTF-8
        return escape(name)
    return name


def problem_json(path: str | Path, problem: Problem) -> dict[str, Any]:
    """One problem as a JSON object; ``path`` is the file's name as given (``problem.path`` is escaped)."""
    return {
        "file": _json_name(path),
        "line": problem.line,
        "column": problem.column,
        "field": problem.where or None,
        "message": problem.message,
        "severity": "warning" if problem.warning else "error",
    }


class ValidateReport:
    """Collects the problems of each file checked and writes them in one of ``FORMATS``."""

    def __init__(self, fmt: str, out: TextIO):
        if fmt not in FORMATS:
            raise ValueError(f"unknown report format {fmt!r}")
        self.fmt = fmt
        self.out = out
        self.objects: list[dict[str, Any]] = []

    def add(self, path: str | Path, problems: list[Problem]) -> None:
        """The problems of file ``path``; text is written at once (a long check shows how far it got)."""
        for problem in problems:
            if self.fmt == "text":
                print(problem, file=self.out)
            else:
                self.objects.append(problem_json(path, problem))

    def finish(self) -> None:
        if self.fmt == "json":
            json.dump(self.objects, self.out, indent=1, ensure_ascii=True)
            print(file=self.out)
