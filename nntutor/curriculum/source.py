"""Reading a lesson file into raw TOML data, safely.

The size is checked before anything is parsed (and the read itself is
bounded, so a device or a growing file cannot be read forever); syntax errors
keep tomllib's line and column.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .limits import MAX_FILE_BYTES
from .problems import Problem

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def read_toml(path: str | Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed TOML table of a lesson file, or None and the reasons why not."""
    name = str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        return None, [Problem(name, "", "is a folder, not a lesson file")]
    except FileNotFoundError:
        return None, [Problem(name, "", "no such file")]
    except OSError as exc:
        return None, [Problem(name, "", f"cannot be read: {exc.strerror or exc}")]
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(name, "", f"is larger than {MAX_FILE_BYTES // 1024} KiB; a lesson file must be smaller")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(name, "", "is not UTF-8 text", line=line, column=1)]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        m = _AT.search(str(exc))
        message = f"TOML syntax error: {_AT.sub('', str(exc))}"
        if m:
            return None, [Problem(name, "", message, line=int(m[1]), column=int(m[2]))]
        return None, [Problem(name, "", message)]
    except RecursionError:
        return None, [Problem(name, "", "brackets are nested too deeply to be a lesson")]
