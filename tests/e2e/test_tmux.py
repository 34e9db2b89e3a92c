"""End to end: the installed `nntutor` program in a real terminal (tmux, 80x24).

Opens the backprop lesson, steps through one learning cycle with the space
key, and reads the numbers of the 2-2-2 worked example back from the screen:
the loss 0.2984 after the loss phase, and the updated weight 0.3589
(0.40 - 0.5 * 0.0822) after the update.

Runs in a private tmux server with NNTUTOR_HOME in a temporary folder, so no
real progress store or tmux session is touched. The screen is polled with a
timeout, never read after a fixed sleep.
"""

from __future__ import annotations

import re

import pytest
from tmux_term import TMUX, Tmux, installed_nntutor, terminal_env

pytestmark = pytest.mark.skipif(
    TMUX is None, reason="tmux is not installed (the end-to-end test drives nntutor in tmux)"
)


def status_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if "next:" in line), "")


@pytest.fixture
def terminal(tmp_path):
    term = Tmux([*installed_nntutor(), "backprop"], terminal_env(tmp_path / "home"), tmp_path)
    try:
        yield term
    finally:
        term.close()


def test_backprop_lesson_steps_through_a_cycle(terminal, tmp_path):
    terminal.wait_for(lambda s: "Backpropagation" in s and "next: sample" in s, "the backprop lesson to open")

    phases = ["forward 1", "forward 2", "loss", "backward 2", "backward 1", "update", "sample"]
    for phase in phases[:3]:  # sample, forward 1, forward 2
        terminal.send("Space")
        terminal.wait_for(lambda s, p=phase: f"next: {p}" in status_line(s), f"'next: {phase}'")

    terminal.send("Space")  # the loss phase
    screen = terminal.wait_for(lambda s: "next: backward 2" in status_line(s), "the loss phase to run")
    assert re.search(r"loss 0\.2984\b", status_line(screen)), status_line(screen)
    # The first output of the forward pass, as the network panel shows it
    # (at 80x24 the step's text may push y2's rows below the panel's fold).
    assert "0.7514" in screen, screen

    for phase in phases[4:]:  # backward 2, backward 1, update
        terminal.send("Space")
        terminal.wait_for(lambda s, p=phase: f"next: {p}" in status_line(s), f"'next: {phase}'")
    screen = terminal.screen()
    assert re.search(r"updates 1\b", status_line(screen)), status_line(screen)
    # W2[0,0] = 0.40 - 0.5 * 0.082167 = 0.358916
    assert "0.3589" in screen, screen

    terminal.send("q")
    terminal.wait_for(lambda s: "Backpropagation" not in s, "nntutor to quit")
    # Progress went to the private NNTUTOR_HOME, nowhere else.
    assert (tmp_path / "home").exists()
