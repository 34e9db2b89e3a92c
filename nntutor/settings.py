"""What the tutor keeps in the data folder besides progress: a few settings, and screenshots.

The settings: the theme chosen last, and the file of the lesson opened last
(bare `nntutor` resumes it wherever it came from).

Settings are a small JSON file per learner (``settings/NAME.json``), apart
from the progress database, so that a setting never touches progress, one
learner's choice is not the whole class's in a shared data folder, and a
damaged file costs only the setting (it is read as empty). No UI imports: the
app asks and tells.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from urllib.parse import quote

from nntutor.curriculum.progress import default_home

SETTINGS_FOLDER = "settings"


def screenshots_folder(home: Path | None = None) -> Path:
    """Where screenshots go: the data folder (a server seldom has ~/Downloads, Textual's default)."""
    return (home or default_home()) / "screenshots"


def _file_stem(learner: str) -> str:
    """Learner names are any text: percent-encoded, a name is one plain file name; a long one is
    shortened and told apart by a hash (file systems allow 255 bytes)."""
    stem = quote(learner, safe="")
    if len(stem) > 120:
        stem = f"{stem[:100]}-{hashlib.sha256(learner.encode()).hexdigest()[:16]}"
    return stem


class Settings:
    """One learner's settings, kept between sessions in the data folder."""

    def __init__(self, learner: str, home: Path | None = None):
        self.path = (home or default_home()) / SETTINGS_FOLDER / f"{_file_stem(learner)}.json"

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, unreadable or damaged: no settings
            return {}
        return data if isinstance(data, dict) else {}

    def theme(self) -> str | None:
        """The theme chosen last, or None."""
        theme = self._read().get("theme")
        return theme if isinstance(theme, str) else None

    def remember_theme(self, name: str) -> str | None:
        """Keep `name` as the theme; None when saved, else why it could not be (plain text)."""
        return self._write({**self._read(), "theme": name})

    def lesson_file(self) -> Path | None:
        """The file of the lesson opened last (so a lesson opened by path resumes too), or None."""
        path = self._read().get("lesson_file")
        return Path(path) if isinstance(path, str) and path else None

    def remember_lesson_file(self, path: Path) -> str | None:
        """Keep `path` as the last lesson's file, when it is not kept already."""
        absolute = str(Path(path).absolute())
        data = self._read()
        return None if data.get("lesson_file") == absolute else self._write({**data, "lesson_file": absolute})

    def _write(self, data: dict) -> str | None:
        """Replace the file whole (a temporary file renamed over it), so a crash never leaves half a file."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as file:
                    json.dump(data, file, indent=2)
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as exc:
            return f"cannot save the settings in {self.path}: {exc.strerror or exc}"
        return None
