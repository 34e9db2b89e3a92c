"""In a terminal, a lesson's first frame is on the terminal before its preparation starts.

The preparation imports numpy in a thread, holding the interpreter lock in long C calls; a
frame still waiting in Textual's writer thread then reached the terminal late (issue 9).
Each check runs the tutor in a pseudo-terminal, in a child process whose terminal file
is slow to take a frame (as the writer thread is, while numpy loads)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

CHILD = r"""
import os, re, sys, time

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
RESULT, TITLE = sys.argv[1], sys.argv[2]


class SlowTerminal:
    "The terminal's file; a frame takes 0.3 s to write, what was written is kept."

    def __init__(self, file):
        self.file, self.written = file, ""

    def write(self, text):
        if len(text) > 200:
            time.sleep(0.3)
        self.written += ESCAPES.sub("", text)
        return self.file.write(text)

    def __getattr__(self, name):
        return getattr(self.file, name)


sys.__stderr__ = SlowTerminal(sys.__stderr__)  # Textual's Linux driver writes there

from nntutor.ui.screens import opening


def prepare_lesson(lesson, step, say):
    with open(RESULT, "w") as result:
        result.write("on the terminal" if TITLE in sys.__stderr__.written else "not written yet")
    os._exit(0)


opening.prepare_lesson = prepare_lesson
from nntutor.ui.app import run_app

run_app("backprop")
"""


def _run_in_a_terminal(args: list[str], env: dict[str, str], timeout: float = 60.0) -> None:
    """Run `args` in an 80x24 pseudo-terminal, reading its output, until it ends."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver")
def test_a_lessons_first_frame_is_written_before_its_preparation_starts(tmp_path):
    from nntutor.curriculum.loader import find_lesson_file, load_lesson

    title = load_lesson(find_lesson_file("backprop")).title
    result = tmp_path / "result"
    env = {**os.environ, "TERM": "xterm-256color", "NNTUTOR_HOME": str(tmp_path / "home")}
    env.pop("TEXTUAL", None)
    env.pop("TEXTUAL_DRIVER", None)
    _run_in_a_terminal([sys.executable, "-c", CHILD, str(result), title], env)
    assert result.read_text() == "on the terminal"
