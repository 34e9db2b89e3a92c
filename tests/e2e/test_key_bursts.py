"""Random keys in bursts, in a real terminal (tmux): the tutor never crashes.

Keys go in several per `send-keys` call, so they arrive in one read as fast
typing brings them (ctrl+p, enter, escape and ] included); the window is
resized now and then. After every burst the pane is checked: a program that
ended by itself with a non-zero status or a traceback is a crash. Before the
palette and the screens were made to close once, about half of such runs
crashed (ScreenStackError, InvalidStateError) and exited with status 0.
The long version is benchmarks/key_bursts.py.
"""

from __future__ import annotations

import pytest
from key_bursts import TMUX, run_once

pytestmark = pytest.mark.skipif(
    TMUX is None, reason="tmux is not installed (the key-burst test drives nntutor in tmux)"
)

SEEDS = (11, 12, 13, 14)  # the lesson list, backprop, overfitting and neuron among them
KEYS_PER_RUN = 400


@pytest.mark.parametrize("seed", SEEDS)
def test_random_key_bursts_never_crash_the_tutor(seed, tmp_path):
    result = run_once(seed, KEYS_PER_RUN, tmp_path)
    assert not result.crashed, (
        f"seed {seed} ({result.start}): exit status {result.status} after {result.keys_sent} keys; "
        f"last bursts {result.sequence[-5:]}; the screen was:\n{result.screen}"
    )
    assert result.quit or result.keys_sent >= KEYS_PER_RUN  # alive to the end, or left by the palette's Quit


OPENING_SEEDS = (31, 32)  # a lesson opened by name, the keys typed from its first frame on


@pytest.mark.parametrize("seed", OPENING_SEEDS)
def test_random_key_bursts_from_the_first_frame_never_crash_the_tutor(seed, tmp_path):
    result = run_once(seed, KEYS_PER_RUN // 2, tmp_path, start="overfitting", during_the_opening=True)
    assert not result.crashed, (
        f"seed {seed} ({result.start}): exit status {result.status} after {result.keys_sent} keys; "
        f"last bursts {result.sequence[-5:]}; the screen was:\n{result.screen}"
    )
    assert result.quit or result.keys_sent >= KEYS_PER_RUN // 2


PLAYGROUND_SEEDS = (21, 22, 23)


@pytest.mark.parametrize("seed", PLAYGROUND_SEEDS)
def test_random_key_bursts_never_crash_the_playground(seed, tmp_path):
    result = run_once(seed, KEYS_PER_RUN, tmp_path, start="play")
    assert not result.crashed, (
        f"playground seed {seed}: exit status {result.status} after {result.keys_sent} keys; "
        f"last bursts {result.sequence[-5:]}; the screen was:\n{result.screen}"
    )
    assert result.quit or result.keys_sent >= KEYS_PER_RUN


def test_a_crash_is_seen_as_one(tmp_path):
    """The harness itself: a program that dies with a traceback counts as a crash, with its status."""
    failing = ["python3", "-c", "import time; time.sleep(1); raise SystemExit('Traceback: nntutor')"]
    result = run_once(1, 10_000, tmp_path, command=failing)
    assert result.crashed, result
    assert result.status == 1, result


def test_an_ordinary_quit_is_not_a_crash(tmp_path):
    """A program that ends with status 0 while keys keep arriving counts as a quit, not a crash."""
    quitting = ["python3", "-c", "import time; time.sleep(1)"]
    result = run_once(1, 10_000, tmp_path, command=quitting)
    assert result.quit and not result.crashed, result
    assert result.status == 0, result
