"""What goes wrong in a lesson file, said so an author can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a lesson file.

    ``where`` is either a field path such as ``steps[3].quizzes[0].answer`` or,
    for a TOML syntax error, ``line:column``; ``line``/``column`` are set only then.
    """

    path: str
    where: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.column or 1}: {self.message}"
        if self.where:
            return f"{self.path}: {self.where}: {self.message}"
        return f"{self.path}: {self.message}"


class LessonError(Exception):
    """A lesson could not be loaded; ``problems`` says every reason found."""

    def __init__(self, path: str | Path, problems: list[Problem]):
        self.path = str(path)
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or f"{path}: invalid lesson")
