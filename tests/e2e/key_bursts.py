"""Random keys in bursts to the real `nntutor` in a real terminal (tmux), and whether it survived.

Used by tests/e2e/test_key_bursts.py (short, in the test run) and
benchmarks/key_bursts.py (long, prints figures).

A real terminal hands a program several quickly typed keys in one read;
Pilot's one-key-at-a-time presses never do, and missed every ctrl+p crash.
Here each `send-keys` call carries several keys, so they arrive together.
The pane is kept after the program ends (remain-on-exit), so its exit status
and last screen (a traceback) can be read. A run counts as a crash when the
program ended by itself with a non-zero status or a traceback on screen; an
ordinary quit (the palette offers Quit) ends the run early and is counted
apart. 'q' and ctrl+q are never sent; everything else a learner presses is.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from tmux_term import TMUX, Tmux, installed_nntutor, terminal_env

__all__ = ["TMUX", "run_once"]

# tmux key names; ctrl+p, enter, escape and ] are the ones the crashes needed.
KEYS = (
    "Space n BSpace p N C-y f l b u Enter t a > < Up Down Left Right h j k s + - = r Tab ] [ "
    "PageUp PageDown Escape ? 0 1 2 3 4 5 9 . e d x c"
).split()
# The playground's edit keys (S opens its save form: the keys typed into it name a folder and a file,
# so every run starts in its own folder, where a saved lesson lands).
PLAYGROUND_KEYS = "d D m M o O x X y Y i I v L B w W z Z S g e P".split()
RARE = ("C-p",)  # a palette per ~40 keys: often enough to race, rarely enough to leave it
SIZES = ((80, 24), (60, 18), (120, 40), (50, 14), (100, 30))
CRASH_MARKS = ("Traceback", "Error:", "Exception")


@dataclass
class RunResult:
    seed: int
    start: str  # the lesson opened, or "list"
    keys_sent: int = 0
    bursts: int = 0
    resizes: int = 0
    crashed: bool = False
    quit: bool = False  # ended normally (e.g. the palette's Quit) before all keys were sent
    status: int | None = None
    screen: str = ""  # the last screen of a crashed run (its traceback)
    sequence: list[str] = field(default_factory=list)  # every burst, as sent


def _ended(term: Tmux, result: RunResult) -> bool:
    """Whether the program has ended; if so, `result` says how (crash or quit) and keeps the last screen."""
    dead, status = term.dead()
    if dead:
        result.status, result.screen = status, term.screen()
        result.crashed = status != 0 or any(mark in result.screen for mark in CRASH_MARKS)
        result.quit = not result.crashed
    return dead


def run_once(
    seed: int,
    n_keys: int,
    home: Path,
    command: list[str] | None = None,
    pause: float = 0.03,
    extra_env: dict[str, str] | None = None,
    start: str | None = None,
    during_the_opening: bool = False,
) -> RunResult:
    """Send `n_keys` seeded random keys in bursts of 2-8 to a fresh nntutor; see whether it survived.

    `start`: "play" opens the playground (`nntutor play`) and adds its edit keys; None picks a
    lesson or the list by the seed. `during_the_opening`: the keys start as soon as a lesson's
    opening screen shows (its first frame), while the lesson is still being prepared.
    """
    rng = random.Random(seed)
    keys = KEYS + PLAYGROUND_KEYS if start == "play" else KEYS
    if start is None:
        start = rng.choice(("backprop", "list", "overfitting", "neuron"))
    args = (command or installed_nntutor()) + ([] if start == "list" else [start])
    env = terminal_env(home / f"home-{seed}", **(extra_env or {}))
    result = RunResult(seed, start)
    folder = home / f"cwd-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    term = Tmux(args, env, folder)
    try:
        first = ("preparing the network", "next:") if during_the_opening else ("nntutor", "next:")
        term.wait_for(lambda s: any(text in s for text in first) or term.dead()[0], "the first screen", 30)
        while result.keys_sent < n_keys:
            if rng.random() < 0.02:
                term.resize(*rng.choice(SIZES))
                result.resizes += 1
            burst = [rng.choice(RARE) if rng.random() < 0.025 else rng.choice(keys) for _ in range(rng.randint(2, 8))]
            term.send(*burst)
            result.sequence.append(" ".join(burst))
            result.keys_sent += len(burst)
            result.bursts += 1
            time.sleep(pause * rng.random())
            if _ended(term, result):
                return result
        time.sleep(0.5)  # the last burst's keys are handled
        _ended(term, result)
        return result
    finally:
        term.close()
