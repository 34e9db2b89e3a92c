"""The installed `nntutor` (or any program) in a real terminal: a detached tmux pane.

Shared by the end-to-end tests (test_tmux.py, test_pane_title.py), the
random key bursts (key_bursts.py) and the benchmarks that drive a terminal
(benchmarks/key_bursts.py, benchmarks/class_demo.py). No pytest here, so the
benchmarks can use it too: a timeout raises `ScreenTimeout` with the screen.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path

TMUX = shutil.which("tmux")
_SERVERS = count()


class ScreenTimeout(AssertionError):
    """The screen never showed what was waited for; the message ends with the screen."""


def installed_nntutor() -> list[str]:
    """The command that runs the installed tutor: the script beside this Python, on PATH, or `-m`."""
    beside = Path(sys.executable).with_name("nntutor")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("nntutor")
    return [found] if found else [sys.executable, "-m", "nntutor"]


def terminal_env(home: Path, **extra: str) -> dict[str, str]:
    """A plain terminal's environment, with the progress store in `home`, so no real one is touched."""
    env = {
        "NNTUTOR_HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home.parent),
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return {**env, **extra}


def poll(predicate: Callable[[], bool], timeout: float) -> bool:
    """Whether `predicate()` came true within `timeout` seconds (checked every 50 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class Tmux:
    """One program in a detached session of a tmux server of its own.

    A server of its own: `kill-server` returns before the server has gone,
    and a next session started on the same socket met it dying ("server
    exited unexpectedly", seen under load). The pane stays after the program
    ends (remain-on-exit, set before the program starts, so even a quick one
    leaves its last screen). The program runs under `sh`, which writes its
    exit status to a file in `cwd`: tmux 3.3 often reports a dead pane
    without its status, and an ordinary quit must not pass for a crash.
    """

    SESSION = "term"
    STATUS_FILE = ".exit-status"

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path, size: tuple[int, int] = (80, 24)):
        self.socket = f"nntutor-term-{os.getpid()}-{next(_SERVERS)}"
        self.status_file = cwd / self.STATUS_FILE
        self.status_file.unlink(missing_ok=True)
        program = " ".join(map(shlex.quote, command))
        script = f"{program}; echo $? > {shlex.quote(str(self.status_file))}"
        line = " ".join(["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items()), "sh", "-c", shlex.quote(script)])
        width, height = size
        self.tmux(
            *("start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";"),
            *("new-session", "-d", "-x", str(width), "-y", str(height), "-c", str(cwd), "-s", self.SESSION, line),
        )

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            [TMUX or "tmux", "-L", self.socket, "-f", os.devnull, *args], capture_output=True, text=True, timeout=20
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.SESSION)

    def send(self, *keys: str) -> None:
        """Keys in tmux's names; those of one call reach the program together, as in one read."""
        self.tmux("send-keys", "-t", self.SESSION, *keys)

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", self.SESSION, "-x", str(width), "-y", str(height))

    def display(self, fmt: str) -> str:
        """A tmux format read from the pane, e.g. "#{pane_title}"."""
        return self.tmux("display-message", "-p", "-t", self.SESSION, fmt).strip()

    def dead(self) -> tuple[bool, int | None]:
        """Whether the program has ended, and its exit status (128 + N when signal N ended it)."""
        if self.display("#{pane_dead}") != "1":
            return False, None
        written = self.status_file.read_text().strip() if self.status_file.exists() else ""
        return True, int(written) if written.isdigit() else None

    def wait_for(self, predicate: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """Poll the screen until `predicate(screen)` holds and return it; raise ScreenTimeout if it never does."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.05)
        raise ScreenTimeout(f"timed out after {timeout} s waiting for {what}; the screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run([TMUX or "tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)
