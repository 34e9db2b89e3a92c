"""A program run in a pseudo-terminal of a fixed size, its output timed and counted.

Shared by the benchmark scripts. Everything the program writes is kept with
the time it arrived, so a script can ask "when did the output that followed
this key press end" and "how many bytes was it".
"""

from __future__ import annotations

import fcntl
import functools
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

# Escape sequences (CSI, OSC, two-byte ESC codes), removed before looking for text.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

# A frame is taken as complete once the program has written nothing for this long.
QUIET_S = 0.15

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("minimal textual app ready")
        yield Footer()


Minimal().run()
"""


# The baseline of the key-press benchmarks: a minimal app whose key changes one Static.
COUNTER_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Counter(App):
    BINDINGS = [("space", "bump", "Bump")]
    count = 0

    def compose(self):
        yield Header()
        yield Static("count 0 ready", id="count")
        yield Footer()

    def action_bump(self):
        self.count += 1
        self.query_one("#count", Static).update(f"count {self.count} ready")


Counter().run()
"""
# The lesson screen is ready for keys once this shows (its footer's enter key, "⏎ Pass"): a lesson
# opens on an opening screen (its title and text, drawn before numpy loads) whose footer has only
# escape and q. The text pane's "To do:" line is no marker: a long first step scrolls it below the
# pane's fold at 80x24 (lesson 1 since the message row is always there).
LESSON_READY = "⏎ Pass"
COUNTER_READY = "count 0 ready"
# A press whose redraw starts later than the quiet time is still one redraw: wait this long for it.
FIRST_BYTE_S = 2.0


def nntutor_command() -> list[str]:
    """The installed `nntutor` script beside this Python, else `python -m nntutor.cli`; nntutor's
    modules compiled to bytecode first (see compile_nntutor)."""
    compile_nntutor()
    script = Path(sys.executable).with_name("nntutor")
    if script.exists():
        return [str(script)]
    found = shutil.which("nntutor")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from nntutor.cli import main; sys.exit(main())"]


@functools.cache
def compile_nntutor() -> None:
    """Write nntutor's bytecode caches, as installing it does. A source checkout run with
    PYTHONDONTWRITEBYTECODE set, or one whose caches are older than its sources, compiles every
    such module at every start: a benchmark would time the compiler (a sixth of `nntutor LESSON`'s
    start-up, counted in instructions under valgrind)."""
    import compileall

    import nntutor

    compileall.compile_dir(Path(nntutor.__file__).parent, quiet=1)


def minimal_app_command(folder: str) -> list[str]:
    path = Path(folder) / "minimal_app.py"
    path.write_text(MINIMAL_APP, encoding="utf-8")
    return [sys.executable, str(path)]


def counter_app_command(folder: str) -> list[str]:
    """The baseline app (COUNTER_APP, space bumps its count), written to `folder`."""
    path = Path(folder) / "counter_app.py"
    path.write_text(COUNTER_APP, encoding="utf-8")
    return [sys.executable, str(path)]


class Presses(list):
    """Seconds from each key press to the end of its redraw, and the CPU time the program used per press."""

    cpu_per_press: float | None = None  # seconds (Linux); the quiet wait after each redraw is in it too


def timed_presses(
    argv: list[str], marker: str, keys: list[bytes], count: int, home: str, size: tuple[int, int]
) -> Presses:
    """`count` presses of `keys` in turn, each timed to the end of its redraw.

    The program starts in a `size` (cols, rows) pseudo-terminal and is timed
    once `marker` is on its screen; presses that drew nothing are left out.
    Its CPU time per press is steadier than the times on a busy machine:
    waiting for a core is not in it.
    """
    run = PtyRun(argv, quiet_env(home), cols=size[0], rows=size[1]).start()
    try:
        run.wait_for_text(marker, timeout=60)
        run.settle()
        times = Presses()
        cpu_before = run.cpu_seconds()
        for n in range(count):
            seconds, written, _ = run.press(keys[n % len(keys)], wait_first=FIRST_BYTE_S)
            if written:
                times.append(seconds)
        cpu_after = run.cpu_seconds()
        if cpu_before is not None and cpu_after is not None and count:
            times.cpu_per_press = (cpu_after - cpu_before) / count
        return times
    finally:
        run.stop()


def quiet_env(home: str) -> dict[str, str]:
    """An environment for a benchmark run: a private NNTUTOR_HOME, a common terminal type."""
    env = dict(os.environ)
    env.update(NNTUTOR_HOME=home, TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL", None)
    return env


@dataclass
class Chunk:
    at: float  # time.perf_counter() when read
    data: bytes


@dataclass
class PtyRun:
    """One program in a pseudo-terminal of `cols` x `rows`."""

    argv: list[str]
    env: dict[str, str]
    cols: int = 80
    rows: int = 24
    chunks: list[Chunk] = field(default_factory=list)

    def start(self) -> PtyRun:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            self.argv, stdin=slave, stdout=slave, stderr=slave, env=self.env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        return self

    # -- reading ----------------------------------------------------------------
    def pump(self, timeout: float) -> bool:
        """Read what is waiting (up to `timeout` s for the first byte); False if nothing came."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0.0))
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program ended
            return False
        if not data:
            return False
        self.chunks.append(Chunk(time.perf_counter(), data))
        return True

    def text_since(self, index: int = 0, end: int | None = None) -> str:
        """The text of the output from chunk `index` (up to chunk `end`), escape codes removed."""
        raw = b"".join(c.data for c in self.chunks[index:end])
        return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def wait_for_text(self, text: str, timeout: float = 20.0, since: int = 0) -> None:
        """Read until `text` has appeared in the output (escape codes removed)."""
        deadline = time.perf_counter() + timeout
        while text not in self.text_since(since):
            if time.perf_counter() > deadline:
                tail = self.text_since(since)[-400:]
                raise TimeoutError(f"{text!r} did not appear within {timeout} s; the screen ended with: {tail!r}")
            if self.proc.poll() is not None and not self.pump(0.05):
                raise RuntimeError(f"the program ended (status {self.proc.returncode}) before {text!r} appeared")
            self.pump(0.05)

    def settle(self, quiet: float = QUIET_S, timeout: float = 10.0) -> float:
        """Read until nothing has come for `quiet` s; returns when the last byte came."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.pump(quiet):
                break
        return self.chunks[-1].at if self.chunks else self.started

    def read_for(self, seconds: float) -> None:
        """Keep reading for `seconds` (a program blocks when nobody reads its terminal)."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            self.pump(min(left, 0.05))

    def press(
        self, keys: bytes, quiet: float = QUIET_S, wait_first: float = 0.0, settle_first: bool = True
    ) -> tuple[float, int, int]:
        """Send keys; wait for the screen to settle.

        With `wait_first`, wait up to that long for the first byte of the
        redraw, so a response slower than `quiet` is not counted as none.
        Without `settle_first` the caller knows the screen is quiet already
        (a press just settled), which saves waiting `quiet` once more.
        Returns (seconds from the key to the last byte of the redraw, bytes
        written, index of the first chunk of the redraw).
        """
        if settle_first:
            self.settle(quiet)
        first = len(self.chunks)
        sent = time.perf_counter()
        os.write(self.master, keys)
        if wait_first:
            self.pump(wait_first)
        last = self.settle(quiet)
        written = sum(len(c.data) for c in self.chunks[first:])
        return (last - sent if written else 0.0), written, first

    # -- the process ------------------------------------------------------------------
    def cpu_seconds(self) -> float | None:
        """User and system CPU time the process has used (Linux /proc), None where it cannot be read."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def thread_cpu_ns(self) -> int | None:
        """CPU time the process's live threads have used, in nanoseconds (Linux schedstat):
        fine enough for one redraw, where cpu_seconds counts in clock ticks of 10 ms."""
        try:
            tasks = list(Path(f"/proc/{self.proc.pid}/task").iterdir())
        except OSError:
            return None
        total = 0
        for task in tasks:
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):  # a thread that has just ended
                continue
        return total

    def peak_rss_kb(self) -> int | None:
        """VmHWM of the process (Linux): the largest resident set it has had."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def kill(self) -> None:
        """End the program at once (SIGKILL to its group): quicker than a clean quit, where nothing it
        would save on the way out matters."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.stop()  # drains the output and closes the terminal

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.write(self.master, b"\x11")  # ctrl+q
            except OSError:
                pass
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait()
        # Drain what is left so the pty closes cleanly.
        while self.pump(0.01):
            pass
        os.close(self.master)


def rates_in_own_session(argv: list[str]) -> tuple[float, float]:
    """Run a benchmark's engine-alone child (`argv` after the interpreter) in a session of its own and
    return the (epochs a second, epochs a CPU second) it prints.

    The tutor runs in a session of its own (PtyRun), and Linux with autogroup
    scheduling shares the cores between sessions first: an engine run in this
    process's session got a smaller share than the tutor on a busy machine, and
    the UI came out faster than the engine alone (1.1-1.6x at load 4-9).
    """
    child = subprocess.run([sys.executable, *argv], capture_output=True, text=True, check=True, start_new_session=True)
    rate, cpu_rate = child.stdout.split()
    return float(rate), float(cpu_rate)


def temp_home() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="nntutor-bench-")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
