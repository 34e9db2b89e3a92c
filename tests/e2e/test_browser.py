"""End to end in a real browser: `nntutor serve` with two learners in headless Chromium.

Starts `python -m nntutor serve backprop` on 127.0.0.1 with a free port and a
private NNTUTOR_HOME, then drives the system's Chromium (Debian's package)
with Playwright: one visitor types her name in the form, one gives it in the
address; each steps the backprop lesson in a process of their own, and the
numbers are read from the page's terminal. Screenshots go to the test's
tmp_path; the teacher's `nntutor progress` then lists both learners.
Skipped, with the reason, where Chromium, Playwright or the web extra is
missing (`.ci/run` installs all three).

Reading the page: see browser_page.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from browser_page import (
    CHROMIUM,
    CHROMIUM_ARGS,
    children,
    learner_of,
    open_tutor,
    screen_text,
    start_serve,
    status_line,
    stop_serve,
    wait_for_screen,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytest.importorskip("textual_serve", reason="the web extra is not installed (pip install 'nntutor[web]')")


@pytest.fixture
def served(tmp_path):
    """`nntutor serve backprop` on a free port; yields (url, server process)."""
    url, server = start_serve(tmp_path / "home", tmp_path / "serve.log")
    try:
        yield url, server
    finally:
        stop_serve(server)


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_two_learners_each_step_their_own_tutor_in_the_browser(served, browser, tmp_path):
    url, server = served

    alice = open_tutor(browser, url)  # no name in the address: the form asks
    alice.fill("#learner", "alice")
    alice.click("button[type=submit]")
    wait_for_screen(alice, "next: sample", "alice's backprop lesson to open")
    assert alice.url.endswith("?learner=alice")
    alice.click(".textual-terminal")
    for _ in range(4):  # sample, forward 1, forward 2, loss
        alice.keyboard.press("Space")
    screen = wait_for_screen(alice, "next: backward 2", "alice's loss phase")
    assert re.search(r"loss 0\.2984\b", status_line(screen)), status_line(screen)  # the 2-2-2 worked example
    alice.screenshot(path=str(tmp_path / "alice.png"))

    bob = open_tutor(browser, url + "?learner=bob")  # the name given by the address
    screen = wait_for_screen(bob, "next: sample", "bob's backprop lesson to open")
    assert "loss 0.2984" not in status_line(screen)  # bob's own process, not alice's
    bob.screenshot(path=str(tmp_path / "bob.png"))
    assert "next: backward 2" in status_line(screen_text(alice))

    visitors = sorted(filter(None, map(learner_of, children(server.pid))))
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
    assert children(server.pid) == []  # no process for a refused name
    page.screenshot(path=str(tmp_path / "refused.png"))
