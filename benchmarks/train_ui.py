"""Training speed in the tutor (epochs a second while t trains) beside the engine alone.

For each case a quiz-free lesson is written to a temporary folder. The
installed `nntutor` opens it in an 80x24 pseudo-terminal; t starts training
until a key is pressed; after --seconds a key stops it, and the screen's
"training stopped: N epochs" gives the UI's epochs. The baseline is the
engine alone in a child process (in a session of its own, as the tutor
is; see engine_epochs_per_second): the same lesson's cycle, set up as the tutor
sets it up (its LessonSession's), trained for the same --seconds by the very
loop the tutor's training thread runs (ui/training_loop.ChunkedTraining: the
same engine calls, chunk sizes and stopping checks), with each progress report
taken as drawn at once, and no UI. Each round runs one of each, the engine
first in odd rounds and the UI first in even ones, so a busy moment on the
machine falls on both alike; the MEDIAN of the --rounds UI runs is compared
with the median of the --rounds engine runs (equal numbers of equal-length
runs; before session 7 the best of two UI runs was compared with the best of
four engine runs of half the length, which favoured the engine).

Beside the ratio of epochs a second, the ratio of epochs a CPU second (the
tutor's whole process, all its threads, from t to the stopping key; the
engine's own process time): waiting for a core on a busy machine is not in
it, so it tells what the UI costs the training when other programs compete
for the cores. Then the stopping key: the time to the screen's first answer
("stopping..." or already "training stopped") and to "training stopped"
(median of the rounds, the most in brackets).

Target: the UI at least 0.8x the engine alone's epochs a second.

    python benchmarks/train_ui.py [--seconds 4] [--rounds 3] [--only NAME]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import LESSON_READY, PtyRun, median, ms, nntutor_command, quiet_env, rates_in_own_session, temp_home  # noqa: E402

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


@dataclass
class Trained:
    """One run of t in the tutor, stopped by a key."""

    epochs: int  # as the screen says
    seconds: float  # from t to the stopping key
    cpu_seconds: float  # the tutor's CPU time (all threads) over the same span
    answer_seconds: float  # from the stopping key to the screen saying "stopping..." (or already stopped)
    stop_seconds: float  # from the stopping key to "training stopped" on the screen
    run: PtyRun  # stopped
    mark: int  # index of its first chunk of output after t


def ui_run(path: Path, home: str, seconds: float) -> Trained:
    return train_in_terminal(nntutor_command() + [str(path)], LESSON_READY, home, seconds)


def train_in_terminal(argv: list[str], ready: str, home: str, seconds: float) -> Trained:
    """Start `argv` at 80x24, wait for `ready`, train with t for `seconds`, stop with a key."""
    run = PtyRun(argv, quiet_env(home)).start()
    try:
        run.wait_for_text(ready, timeout=30)
        run.settle()
        mark = len(run.chunks)
        cpu_before = run.thread_cpu_ns()
        started = time.perf_counter()
        os.write(run.master, b"t")
        while time.perf_counter() - started < seconds:
            run.pump(0.05)
        cpu_after = run.thread_cpu_ns()
        os.write(run.master, b"x")  # any key stops training
        stopped, after_key = time.perf_counter(), len(run.chunks)
        run.wait_for_text("epochs (", timeout=30, since=mark)
        shown = time.perf_counter()
        answered = first_arrival(run, after_key, ("stopping", "epochs (")) - stopped
        found = STOPPED.findall(run.text_since(mark))
        if not found:
            raise RuntimeError(f"no 'training stopped: N epochs' on screen: {run.text_since(mark)[-300:]!r}")
        cpu = (cpu_after - cpu_before) / 1e9 if cpu_before is not None and cpu_after is not None else math.nan
        # A fast case can reach t's epoch cap ("training done") before the stopping key: its time is up to then.
        finished = first_arrival(run, mark, ("epochs (",))
        trained_for = min(stopped, finished) - started if not math.isnan(finished) else stopped - started
        return Trained(int(found[-1]), trained_for, cpu, answered, shown - stopped, run, mark)
    finally:
        run.stop()


def first_arrival(run: PtyRun, since: int, texts: tuple[str, ...]) -> float:
    """When the first chunk of output from `since` on arrived that completes one of `texts` on the screen."""
    for end in range(since + 1, len(run.chunks) + 1):
        if any(text in run.text_since(since, end) for text in texts):
            return run.chunks[end - 1].at
    return math.nan


def engine_epochs_per_second(path: Path, seconds: float) -> tuple[float, float]:
    """The engine alone on the lesson `path`, in a child process started in a session of its own
    (_term.rates_in_own_session says why)."""
    return rates_in_own_session([__file__, "--engine-alone", str(path), "--seconds", str(seconds)])


def engine_alone(path: Path, seconds: float) -> tuple[float, float]:
    """The lesson's cycle as the tutor sets it up (LessonSession: e.g. whether train calls keep a descent path)."""
    import nntutor  # noqa: F401  (one BLAS thread here too, as in the tutor)
    from nntutor.curriculum import find_lesson
    from nntutor.ui.session import LessonSession

    return cycle_epochs_per_second(LessonSession(find_lesson(path)).cycle, seconds)


def cycle_epochs_per_second(cycle, seconds: float, progress_every: float | None = None) -> tuple[float, float]:
    """Epochs a second and a CPU second `cycle` trains for `seconds` with no UI, in the tutor's chunks.

    The training thread's own loop (ChunkedTraining), from the cycle's state,
    for as many epochs as t trains outside a train step; each progress report
    counts as drawn the moment it is made, so the next falls due a progress
    interval later (`progress_every`, else the lesson screen's), as it would
    with a UI that draws in no time.
    """
    from nntutor.ui.screens.lesson_training import TRAIN_UNTIL_STOPPED
    from nntutor.ui.training_loop import TRAIN_PROGRESS_EVERY, ChunkedTraining

    every = TRAIN_PROGRESS_EVERY if progress_every is None else progress_every
    run = ChunkedTraining(cycle, cycle.state, TRAIN_UNTIL_STOPPED)
    report_due = [time.monotonic() + every]

    def drawn_at_once(state, done: int) -> None:
        report_due[0] = time.monotonic() + every

    started, cpu_started = time.perf_counter(), time.process_time()
    run.run(lambda: time.perf_counter() - started >= seconds, lambda: report_due[0], drawn_at_once)
    elapsed = time.perf_counter() - started
    return run.done / elapsed, run.done / max(time.process_time() - cpu_started, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3, help="rounds a case: one UI and one engine run each")
    parser.add_argument("--only", choices=sorted(CASES))
    parser.add_argument("--engine-alone", type=Path, help=argparse.SUPPRESS)  # the child of engine_epochs_per_second
    args = parser.parse_args()
    if args.engine_alone:
        print(*engine_alone(args.engine_alone, args.seconds))
        return 0
    names = [args.only] if args.only else list(CASES)
    print(f"training for {args.seconds:g} s: the tutor at 80x24 (t, then a key) vs the engine alone")
    print(f"  medians of {args.rounds} runs of each, taking turns")
    print(
        f"  {'case':26s} {'UI epochs/s':>12s} {'engine epochs/s':>16s} {'ratio':>6s} {'cpu ratio':>9s}"
        "  key answered / training stopped (max)"
    )
    worst = worst_cpu = float("inf")
    with temp_home() as home:
        for name in names:
            path = write_lesson(home, name)
            runs: list[Trained] = []
            engines: list[tuple[float, float]] = []
            for round_ in range(args.rounds):  # taking turns, so a busy moment on the machine hits both
                if round_ % 2 == 0:
                    engines.append(engine_epochs_per_second(path, args.seconds))
                runs.append(ui_run(path, home, args.seconds))
                if round_ % 2 == 1:
                    engines.append(engine_epochs_per_second(path, args.seconds))
            ui = median([r.epochs / r.seconds for r in runs])
            ui_cpu = median([r.epochs / r.cpu_seconds for r in runs])
            engine, engine_cpu = median([e[0] for e in engines]), median([e[1] for e in engines])
            worst, worst_cpu = min(worst, ui / engine), min(worst_cpu, ui_cpu / engine_cpu)
            answers, stops = [r.answer_seconds for r in runs], [r.stop_seconds for r in runs]
            print(
                f"  {name:26s} {ui:12.0f} {engine:16.0f} {ui / engine:5.2f}x {ui_cpu / engine_cpu:8.2f}x"
                f"  {ms(median(answers))} ({ms(max(answers))}) / {ms(median(stops))} ({ms(max(stops))})"
            )
    verdict = "OK" if worst >= TARGET else "UNDER"
    print(f"  worst UI / engine: {worst:.2f}x (CPU time: {worst_cpu:.2f}x)   (target: at least {TARGET}x)   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
