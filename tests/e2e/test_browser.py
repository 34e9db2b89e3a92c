"""End to end in a real browser: `nntutor serve` with two learners in headless Chromium.

Starts `python -m nntutor serve backprop` on 127.0.0.1 with a free port and a
private NNTUTOR_HOME, then drives the system's Chromium (Debian's package)
with Playwright: one visitor types her name in the form, one gives it in the
address; each steps the backprop lesson in a process of their own, and the
numbers are read from the page's terminal. Screenshots go to the test's
tmp_path; the teacher's `nntutor progress` then lists both learners.
Skipped, with the reason, where Chromium, Playwright or the web extra is
missing (`.ci/run` installs all three).

Reading the page: textual-serve keeps its xterm.js terminal in a closure, and
the terminal draws on a canvas, so the text is not in the DOM. An init script
notes each xterm.js Terminal as it is built (the moment it sets its
`_addonManager`), and the test reads the cells through xterm's public buffer
API: the same cells the canvas shows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytest.importorskip("textual_serve", reason="the web extra is not installed (pip install 'nntutor[web]')")

TIMEOUT_MS = 30_000
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
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


def _learner_of(pid: int) -> str | None:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return None
    return next((item.split(b"=", 1)[1].decode() for item in environ if item.startswith(b"NNTUTOR_LEARNER=")), None)


@pytest.fixture
def served(tmp_path):
    """`nntutor serve backprop` on a free port; yields (url, server process)."""
    port = _free_port()
    env = {**os.environ, "NNTUTOR_HOME": str(tmp_path / "home"), "HOME": str(tmp_path)}
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "nntutor", "serve", "backprop", "--port", str(port)],
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
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail(f"nntutor serve did not start:\n{(tmp_path / 'serve.log').read_text()}")
            time.sleep(0.1)
    try:
        yield url, server
    finally:
        os.killpg(server.pid, 15)  # the server and every visitor's process: one session of their own
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
            server.wait()
        log.close()


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _wait_for_screen(page, pattern: str, what: str) -> str:
    try:
        page.wait_for_function(f"() => new RegExp({pattern!r}).test(({SCREEN_TEXT})())", timeout=TIMEOUT_MS)
    except sync_api.TimeoutError:
        pytest.fail(f"timed out waiting for {what}; the page showed:\n{page.evaluate(SCREEN_TEXT)}")
    return page.evaluate(SCREEN_TEXT)


def _status_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if "next:" in line), "")


def _open_tutor(browser, url: str):
    page = browser.new_page(viewport={"width": 1000, "height": 640})
    page.add_init_script(NOTE_TERMINALS)
    page.goto(url)
    return page


def test_two_learners_each_step_their_own_tutor_in_the_browser(served, browser, tmp_path):
    url, server = served

    alice = _open_tutor(browser, url)  # no name in the address: the form asks
    alice.fill("#learner", "alice")
    alice.click("button[type=submit]")
    _wait_for_screen(alice, "next: sample", "alice's backprop lesson to open")
    assert alice.url.endswith("?learner=alice")
    alice.click(".textual-terminal")
    for _ in range(4):  # sample, forward 1, forward 2, loss
        alice.keyboard.press("Space")
    screen = _wait_for_screen(alice, "next: backward 2", "alice's loss phase")
    assert re.search(r"loss 0\.2984\b", _status_line(screen)), _status_line(screen)  # the 2-2-2 worked example
    alice.screenshot(path=str(tmp_path / "alice.png"))

    bob = _open_tutor(browser, url + "?learner=bob")  # the name given by the address
    screen = _wait_for_screen(bob, "next: sample", "bob's backprop lesson to open")
    assert "loss 0.2984" not in _status_line(screen)  # bob's own process, not alice's
    bob.screenshot(path=str(tmp_path / "bob.png"))
    assert "next: backward 2" in _status_line(alice.evaluate(SCREEN_TEXT))

    visitors = sorted(filter(None, map(_learner_of, _children(server.pid))))
    assert visitors == ["alice", "bob"]

    # Each visitor's progress is kept under their name, as the teacher's report shows.
    env = {**os.environ, "NNTUTOR_HOME": str(tmp_path / "home")}
    report = subprocess.run(
        [sys.executable, "-m", "nntutor", "progress", "--format", "json"], capture_output=True, text=True, env=env
    )
    assert report.returncode == 0, report.stderr
    rows = {(row["learner"], row["lesson"]) for row in json.loads(report.stdout)}
    assert {("alice", "backprop"), ("bob", "backprop")} <= rows, rows


def test_a_bad_name_in_the_address_is_refused_on_the_page(served, browser, tmp_path):
    url, server = served
    page = browser.new_page()
    page.goto(url + "?learner=" + "..%2Fetc")
    assert "A name may use letters" in page.inner_text(".alert")
    assert page.input_value("#learner") == "../etc"
    assert _children(server.pid) == []  # no process for a refused name
    page.screenshot(path=str(tmp_path / "refused.png"))
