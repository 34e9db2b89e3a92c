"""What goes wrong in a lesson file, said so an author can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nntutor.plaintext import escape


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a lesson file.

    ``where`` is a field path such as ``steps[3].quizzes[0].answer`` (empty for
    the file as a whole); ``line``/``column`` place it in the file when known.
    Every part is stored escaped (``plaintext.escape``): a file name, a key or
    a value quoted from a hostile file can never put a control character on
    the terminal, wherever the problem is shown.
    """

    path: str
    where: str
    message: str
    line: int | None = None
    column: int | None = None
    warning: bool = False  # worth saying, but the lesson is still accepted

    def __post_init__(self) -> None:
        for name in ("path", "where", "message"):
            object.__setattr__(self, name, escape(getattr(self, name)))

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        label = "warning: " if self.warning else ""
        if self.where:
            return f"{place}: {self.where}: {label}{self.message}"
        return f"{place}: {label}{self.message}"


class LessonError(Exception):
    """A lesson could not be loaded; ``problems`` says every reason found."""

    def __init__(self, path: str | Path, problems: list[Problem]):
        self.path = escape(path)
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or f"{self.path}: invalid lesson")
