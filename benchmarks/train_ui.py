"""Training speed in the tutor (epochs a second while t trains) beside the engine alone.

For each case a quiz-free lesson is written to a temporary folder. The
installed `nntutor` opens it in an 80x24 pseudo-terminal; t starts training
until a key is pressed; after --seconds a key stops it, and the screen's
"training stopped: N epochs" gives the UI's epochs. Then, in this process,
the engine trains the same lesson's cycle (in chunks, as the tutor's worker
does, without any UI) for half that time just before and just after each
UI run, which gives the baseline. The best of each is compared.

Target: the UI at least 0.8x the engine alone's epochs a second.

    python benchmarks/train_ui.py [--seconds 4] [--rounds 2] [--only NAME]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import LESSON_READY, PtyRun, nntutor_command, quiet_env, temp_home  # noqa: E402

TARGET = 0.8

LESSON = '''format_version = 1
id = "bench-train-{name}"
title = "Benchmark: training {name}"
summary = "A quiz-free lesson for timing training."

[network]
layers = {layers}
activations = {activations}
loss = "{loss}"
lr = {lr}
batch = {batch}
seed = 0

[data]
dataset = "{dataset}"
samples = {samples}
noise = 0.1
seed = 0

[[steps]]
title = "Train"
show = "{show}"
text = """
Press **t** to train.
"""
'''

CASES = {  # name: lesson settings
    "xor-2-4-1-network": dict(
        layers=[2, 4, 1],
        activations='["tanh", "sigmoid"]',
        loss="binary_cross_entropy",
        lr=0.5,
        batch='"full"',
        dataset="xor",
        samples=100,
        show="network",
    ),
    "circle-2-8-8-1-loss": dict(
        layers=[2, 8, 8, 1],
        activations='["tanh", "tanh", "sigmoid"]',
        loss="binary_cross_entropy",
        lr=0.5,
        batch=32,
        dataset="circle",
        samples=200,
        show="loss",
    ),
    "sine-1-16-16-1-function": dict(
        layers=[1, 16, 16, 1],
        activations='["tanh", "tanh", "linear"]',
        loss="squared_error",
        lr=0.05,
        batch='"full"',
        dataset="sine",
        samples=50,
        show="function",
    ),
    "circle-2-8-1-regions": dict(
        layers=[2, 8, 1],
        activations='["tanh", "sigmoid"]',
        loss="binary_cross_entropy",
        lr=0.5,
        batch=10,
        dataset="circle",
        samples=200,
        show="regions",
    ),
}

STOPPED = re.compile(r"training (?:stopped|done): (\d+) epochs")


def write_lesson(folder: str, name: str) -> Path:
    path = Path(folder) / f"bench-train-{name}.toml"
    path.write_text(LESSON.format(name=name, **CASES[name]), encoding="utf-8")
    return path


def ui_epochs_per_second(path: Path, home: str, seconds: float) -> float:
    epochs, elapsed, _, _ = train_in_terminal(nntutor_command() + [str(path)], LESSON_READY, home, seconds)
    return epochs / elapsed


def train_in_terminal(argv: list[str], ready: str, home: str, seconds: float) -> tuple[int, float, PtyRun, int]:
    """Start `argv` at 80x24, wait for `ready`, train with t for `seconds`, stop with a key.

    Returns the epochs the screen says were trained, the seconds from t to the
    stopping key, the (stopped) run and the index of its first chunk after t.
    """
    run = PtyRun(argv, quiet_env(home)).start()
    try:
        run.wait_for_text(ready, timeout=30)
        run.settle()
        mark = len(run.chunks)
        started = time.perf_counter()
        os.write(run.master, b"t")
        while time.perf_counter() - started < seconds:
            run.pump(0.05)
        os.write(run.master, b"x")  # any key stops training
        stopped = time.perf_counter()
        run.wait_for_text("epochs (", timeout=30, since=mark)
        found = STOPPED.findall(run.text_since(mark))
        if not found:
            raise RuntimeError(f"no 'training stopped: N epochs' on screen: {run.text_since(mark)[-300:]!r}")
        return int(found[-1]), stopped - started, run, mark
    finally:
        run.stop()


def engine_epochs_per_second(path: Path, seconds: float) -> float:
    from nntutor.curriculum import find_lesson

    return cycle_epochs_per_second(find_lesson(path).build_cycle(), seconds)


def cycle_epochs_per_second(cycle, seconds: float) -> float:
    """Epochs a second `cycle` trains for `seconds` with no UI, in chunks as the tutor's worker runs them."""
    state, done, chunk = cycle.state, 0, 1
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        state, records = cycle.train_from(state, chunk)
        done += len(records)
        chunk = min(chunk * 2, 1000)
    return done / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=2, help="UI runs a case (best of), each between two engine runs")
    parser.add_argument("--only", choices=sorted(CASES))
    args = parser.parse_args()
    names = [args.only] if args.only else list(CASES)
    print(f"training for {args.seconds:g} s: the tutor at 80x24 (t, then a key) vs the engine alone")
    print(f"  {'case':26s} {'UI epochs/s':>12s} {'engine epochs/s':>16s} {'ratio':>6s}")
    worst = float("inf")
    with temp_home() as home:
        import nntutor  # noqa: F401  (one BLAS thread here too, as in the tutor)

        for name in names:
            path = write_lesson(home, name)
            uis, engines = [], []
            for _ in range(args.rounds):  # interleaved, so a busy moment on the machine hits both
                engines.append(engine_epochs_per_second(path, args.seconds / 2))
                uis.append(ui_epochs_per_second(path, home, args.seconds))
                engines.append(engine_epochs_per_second(path, args.seconds / 2))
            ui, engine = max(uis), max(engines)
            worst = min(worst, ui / engine)
            print(f"  {name:26s} {ui:12.0f} {engine:16.0f} {ui / engine:5.2f}x")
    print(f"  worst UI / engine: {worst:.2f}x   (target: at least {TARGET}x)   {'OK' if worst >= TARGET else 'UNDER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
