"""Run a program and end its process the moment `marker` has been written to the terminal.

    python _exit_at_marker.py MARKER SCRIPT.py          (a script, as the minimal app)
    python _exit_at_marker.py MARKER -m nntutor ARGS... (nntutor's command line)

Used by first_frame_instructions.py under valgrind: the process ends in the
write that completed the marker (after flushing it), so the instructions
counted are those spent up to the first frame's bytes reaching the terminal,
whichever thread wrote them. Textual writes to sys.__stderr__ (its Linux
driver); that file is wrapped here, before Textual is imported.
"""

from __future__ import annotations

import os
import re
import runpy
import sys

_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


class _Watched:
    """The terminal's file, ending the process once the marker is in what was written."""

    def __init__(self, file, marker: str) -> None:
        self._file = file
        self._marker = marker
        self._seen = ""

    def write(self, text: str) -> int:
        written = self._file.write(text)
        self._seen = (self._seen + _ESCAPES.sub("", text))[-4096:]
        if self._marker in self._seen:
            self._file.flush()
            os._exit(0)  # valgrind writes its counts at exit
        return written

    def __getattr__(self, name: str):
        return getattr(self._file, name)


def main() -> None:
    marker, *rest = sys.argv[1:]
    sys.__stderr__ = _Watched(sys.__stderr__, marker)  # type: ignore[misc]
    if rest[0] == "-m":
        sys.argv = [rest[1], *rest[2:]]
        runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = rest
        runpy.run_path(rest[0], run_name="__main__")


if __name__ == "__main__":
    main()
