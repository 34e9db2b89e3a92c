"""Remembering which lesson files passed the headless walk, so it runs once a file.

An entry is the digest of a file's bytes together with a stamp of the code
that walked it (the size and time of every module of the engine and the
curriculum), so an edited file or an updated nntutor is walked again. Only
passes are kept; a file with problems is walked every time, and the static
checks (text safety among them) always run. The cache is a plain text file
in the data folder, one digest a line, at most ``MAX_ENTRIES``; if it cannot
be read or written, lessons are simply walked again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

from nntutor.regular_file import FileRefused, read_regular_file

FILE_NAME = "walked-lessons.txt"
MAX_ENTRIES = 500
_MAX_BYTES = MAX_ENTRIES * 65 + 1024


@cache
def _code_stamp() -> str:
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for folder in ("engine", "curriculum"):
        for module in sorted((root / folder).glob("*.py")):
            info = module.stat()
            h.update(f"{folder}/{module.name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return h.hexdigest()


def _key(digest: str) -> str:
    return hashlib.sha256(f"{_code_stamp()}:{digest}".encode()).hexdigest()


def _cache_file() -> Path:
    from .progress import default_home

    return default_home() / FILE_NAME


def _entries() -> list[str]:
    try:
        return read_regular_file(_cache_file(), _MAX_BYTES).decode("ascii").split()
    except (FileRefused, UnicodeDecodeError, OSError):
        return []


def passed(digest: str) -> bool:
    return _key(digest) in _entries()


def remember_pass(digest: str) -> None:
    entries = [e for e in _entries() if len(e) == 64][-(MAX_ENTRIES - 1) :] + [_key(digest)]
    target = _cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".walked-")
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write("\n".join(entries) + "\n")
        os.replace(tmp, target)
    except OSError:
        pass  # a cache that cannot be written only costs a walk next time
