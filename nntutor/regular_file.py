"""Reading a file someone named on the command line or in a folder, safely.

Only a regular file is read, and at most ``max_bytes`` of it: a FIFO, a
device (/dev/zero, /dev/urandom), a socket or a folder is refused before a
single byte is read, so nothing can block forever or fill the memory. The
file is opened without blocking and then checked with ``fstat``, so what is
checked is what is read, even if the name is swapped in between.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """The file cannot be read as asked; the message says why, without the file name."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long for this system"
    if exc.errno == errno.EACCES:
        return "cannot be read: permission denied"
    if exc.errno == errno.ELOOP:
        return "cannot be read: too many levels of symbolic links"
    return f"cannot be read: {exc.strerror or exc}"


def read_regular_file(path: str | Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file no larger than ``max_bytes``; FileRefused otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise FileRefused("is a folder, not a file") from None
    except OSError as exc:
        raise FileRefused(_reason(exc)) from None
    except ValueError:  # a NUL byte in the name
        raise FileRefused("the file name holds a NUL character") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(_kind(info.st_mode))
        if info.st_size > max_bytes:
            raise FileRefused(f"is {_size(info.st_size)}; a {what} may be at most {_size(max_bytes)}")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)  # the file may grow after fstat
    except OSError as exc:
        raise FileRefused(_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise FileRefused(f"grew past {_size(max_bytes)} while being read; a {what} may be at most that")
    return data


def is_folder(path: str | Path) -> bool:
    """Whether ``path`` names a folder; never raises (a name too long is simply not one)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.0f} KiB"
    return f"{n} bytes"
