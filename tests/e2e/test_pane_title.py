"""A lesson title holding an OSC 0 sequence (ESC ] 0 ; PWN BEL) never retitles the terminal.

Run in a real terminal (tmux, 80x24): `validate` and opening the file both
name it and refuse it, and tmux's #{pane_title} stays as it was. A control
run prints the raw sequence to prove this tmux lets a program set the title,
so a pass means the tutor kept it out, not that tmux ignored it.
"""

from __future__ import annotations

import pytest
from tmux_term import TMUX, Tmux, installed_nntutor, poll, terminal_env

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (the test reads tmux's pane title)")
TIMEOUT = 20.0

PAYLOAD = "\x1b]0;PWN\x07"
LESSON = """format_version = 1
id = "pwn-title"
title = "Title \\u001b]0;PWN\\u0007 here"
summary = "A title that tries to rename the terminal."

[network]
layers = [1, 1]
activations = ["linear"]
loss = "squared_error"
lr = 0.01

[data]
inputs = [[1.0]]
targets = [[2.0]]

[[steps]]
title = "Read"
text = "Nothing to do."
"""


def run_to_end(command: list[str], tmp_path) -> tuple[str, str]:
    """Run `command` in a fresh pane until it has ended; its screen and the pane's title then."""
    term = Tmux(command, terminal_env(tmp_path / "home"), tmp_path)
    try:
        if not poll(lambda: term.dead()[0], TIMEOUT):
            pytest.fail(f"{command} did not end; the screen was:\n{term.screen()}")
        return term.screen(), term.display("#{pane_title}")
    finally:
        term.close()


def test_this_tmux_lets_a_program_set_the_pane_title(tmp_path):
    # The pause keeps the pane alive until tmux has read the sequence (a pane that died at once was
    # sometimes closed before its output was parsed, under load).
    _, title = run_to_end(["sh", "-c", 'printf "$1"; sleep 1', "sh", PAYLOAD], tmp_path)
    assert title == "PWN"


@pytest.mark.parametrize("how", [["validate"], []], ids=["validate", "open"])
def test_a_title_with_an_osc_sequence_does_not_retitle_the_pane(how, tmp_path):
    lesson = tmp_path / "pwn.toml"
    lesson.write_text(LESSON)
    screen, title = run_to_end([*installed_nntutor(), *how, str(lesson)], tmp_path)
    assert "PWN" not in title, screen
    # Refused, naming the character (file and field scroll above the pane at 80 columns).
    joined = screen.replace("\n", "")
    assert "may not hold control characters" in joined and "U+001B" in joined, screen
