"""Reading a lesson file into raw TOML data, safely.

Only a regular file is read (a FIFO or a device is refused unread), and its
size is checked before anything is parsed; syntax errors keep tomllib's line
and column. A UTF-8 byte-order mark is allowed (editors on Windows write one);
any other encoding is refused with what it looks like.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nntutor.regular_file import FileRefused, read_regular_file

from .limits import MAX_FILE_BYTES
from .problems import Problem

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


@dataclass(frozen=True)
class Source:
    """A lesson file's text and parsed table, and a digest of its bytes (for caching checks of it)."""

    text: str
    raw: dict[str, Any]
    digest: str


def _looks_like_utf16(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:64]
    return len(head) >= 4 and (head[0::2].count(0) == len(head) // 2 or head[1::2].count(0) == len(head) // 2)


def _decode(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    if _looks_like_utf16(data):
        return None, [Problem(name, "", "is not UTF-8 text (it looks like UTF-16); save it as UTF-8")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                name,
                "",
                f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot start or "
                "continue a character here); save it as UTF-8",
                line=line,
                column=column,
            )
        ]
    return text.removeprefix("\ufeff"), []


def read_source(path: str | Path) -> tuple[Source | None, list[Problem]]:
    """The text and parsed TOML table of a lesson file, or None and the reasons why not."""
    name = str(path)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES, "lesson file")
    except FileRefused as exc:
        return None, [Problem(name, "", str(exc))]
    if not data.strip():
        return None, [
            Problem(
                name,
                "",
                "is empty; a lesson needs format_version, id, title, network, data "
                "and steps (nntutor new-lesson writes a starter)",
            )
        ]
    text, problems = _decode(name, data)
    if text is None:
        return None, problems
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _AT.search(str(exc))
        message = f"TOML syntax error: {_AT.sub('', str(exc))}"
        if m:
            return None, [Problem(name, "", message, line=int(m[1]), column=int(m[2]))]
        return None, [Problem(name, "", message)]
    except RecursionError:
        return None, [Problem(name, "", "brackets are nested too deeply to be a lesson")]
    return Source(text, raw, hashlib.sha256(data).hexdigest()), []
