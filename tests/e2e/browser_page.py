"""`nntutor serve` driven in a real headless Chromium: starting the server, opening a learner's page, reading it.

Used by tests/e2e/test_browser.py (the browser test) and benchmarks/class_demo.py
(a class of three learners). Playwright is imported by the caller; nothing here
needs it at import time, so a test can skip cleanly where it is missing.

Reading the page: textual-serve keeps its xterm.js terminal in a closure, and
the terminal draws on a canvas, so the text is not in the DOM. An init script
notes each xterm.js Terminal as it is built (the moment it sets its
`_addonManager`), and ``screen_text`` reads the cells through xterm's public
buffer API: the same cells the canvas shows.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium as root in a container, without the background traffic a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 30_000

NOTE_TERMINALS = """
Object.defineProperty(Object.prototype, '_addonManager', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, '_addonManager', {value, writable: true, configurable: true});
    (window.nntutorTerminals = window.nntutorTerminals || []).push(this);
  },
});
"""
SCREEN_TEXT = """() => {
  const terminal = (window.nntutorTerminals || [])[0];
  if (!terminal) return '';
  const buffer = terminal.buffer.active, lines = [];
  for (let y = 0; y < terminal.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y).translateToString(true));
  return lines.join('\\n');
}"""


class ScreenTimeout(AssertionError):
    """The page never showed what was waited for; the message holds what it showed."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(home: Path, log_path: Path, lesson: str = "backprop") -> tuple[str, subprocess.Popen]:
    """`nntutor serve LESSON` on a free port with NNTUTOR_HOME=``home``, in a session of its own
    (``stop_serve`` ends it and every visitor's process); returns its address once it answers."""
    port = free_port()
    env = {**os.environ, "NNTUTOR_HOME": str(home), "HOME": str(home.parent)}
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "nntutor", "serve", lesson, "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return url, server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                stop_serve(server)
                raise RuntimeError(f"nntutor serve did not start:\n{log_path.read_text()}") from None
            time.sleep(0.1)


def stop_serve(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, 15)  # the server and every visitor's process: one session of their own
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, 9)
        server.wait()


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def learner_of(pid: int) -> str | None:
    """The NNTUTOR_LEARNER a process runs under (Linux /proc), or None."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return None
    return next((item.split(b"=", 1)[1].decode() for item in environ if item.startswith(b"NNTUTOR_LEARNER=")), None)


def open_tutor(browser, url: str):
    """A new page at ``url`` whose terminal ``screen_text`` can read."""
    page = browser.new_page(viewport={"width": 1000, "height": 640})
    page.add_init_script(NOTE_TERMINALS)
    page.goto(url)
    return page


def screen_text(page) -> str:
    return page.evaluate(SCREEN_TEXT)


def wait_for_screen(page, pattern: str, what: str) -> str:
    """The page's screen once it matches regular expression ``pattern``; ScreenTimeout after 30 s."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => new RegExp({pattern!r}).test(({SCREEN_TEXT})())", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        raise ScreenTimeout(f"timed out waiting for {what}; the page showed:\n{screen_text(page)}") from None
    return screen_text(page)


def status_line(screen: str) -> str:
    """The tutor's status line (the one that says which phase is next)."""
    return next((line for line in screen.splitlines() if "next:" in line), "")
