"""How long resuming a lesson replays its training, beside the same trainings done alone.

A learner who comes back to a lesson at a late step waits while the opening
screen replays the steps before it (LessonSession.open_at: every train step's
epochs, test losses included, and the runs the lesson keeps). Here, for each
shipped lesson (or --lesson), the replay up to its last step is timed in this
process, beside a baseline run the same way in the same rounds: the same
bulk training calls the replay makes (recorded from a first replay: each
call's start state, epochs, batches and loss), made directly, on the
training set only (no test set to measure after each epoch), keeping no
descent path. The ratio, replay / baseline, is what the replay costs beyond
the training arithmetic; it survives a busy machine better than the times.

Each lesson: one untimed run of each, then ROUNDS rounds alternating which
runs first; the median of the rounds' ratios, and each side's best time, on
the wall clock and in CPU time (process_time).

    python benchmarks/replay.py [--rounds 5] [--lesson overfitting] [--step 9]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time

# isort: off
import nntutor  # noqa: F401  # first, before numpy: BLAS pinned to one thread, as the tutor does

# isort: on
from nntutor.curriculum.loader import find_lesson_file, lesson_files, load_lesson, shipped_lessons_dir
from nntutor.engine import Dataset
from nntutor.engine import cycle as cycle_module
from nntutor.engine.bulk_train import train_in_bulk
from nntutor.ui.session import LessonSession


def replay_seconds(lesson, step: int) -> tuple[float, float]:
    """Wall and CPU seconds of a fresh session's replay up to `step` (0-based)."""
    session = LessonSession(lesson)
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    session.open_at(step)
    return time.perf_counter() - wall, time.process_time() - cpu


def trainings_of(lesson, step: int) -> list[tuple]:
    """The bulk training calls a replay up to `step` makes, each as train_in_bulk's arguments.

    Recorded by wrapping the name the learning cycle calls (engine/cycle.py imports
    train_in_bulk into its own namespace), for this one replay only."""
    calls: list[tuple] = []
    real = cycle_module.train_in_bulk

    def recording(*args):
        calls.append(args)
        return real(*args)

    cycle_module.train_in_bulk = recording
    try:
        LessonSession(lesson).open_at(step)
    finally:
        cycle_module.train_in_bulk = real
    return calls


def training_seconds(calls: list[tuple]) -> tuple[float, float]:
    """Wall and CPU seconds of the recorded training calls made directly: no test set, no path, no session."""
    bare = []
    for state, epochs, schedule, data, loss_fn, _on_epoch, _path_points in calls:
        bare.append((state, epochs, schedule, Dataset.from_arrays(data.x_train, data.y_train), loss_fn, None, 0))
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    for args in bare:
        train_in_bulk(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def one_lesson(lesson, step_number: int | None, rounds: int) -> str:
    """The lesson's row: its replay and the training alone, `rounds` rounds alternating which runs first."""
    step = (step_number or len(lesson.steps)) - 1
    calls = trainings_of(lesson, step)  # also the warm-up of the replay
    epochs = sum(call[1] for call in calls)
    training_seconds(calls)
    replays: list[tuple[float, float]] = []
    alones: list[tuple[float, float]] = []
    for r in range(rounds):
        sides = [
            (replays, lambda: replay_seconds(lesson, step)),
            (alones, lambda: training_seconds(calls)),
        ]
        for times, run in sides if r % 2 == 0 else sides[::-1]:
            times.append(run())
    ratio = statistics.median(a[0] / b[0] for a, b in zip(replays, alones, strict=True))
    cpu_ratio = statistics.median(a[1] / b[1] for a, b in zip(replays, alones, strict=True))
    wall, cpu, alone_wall, alone_cpu = (min(t[i] for t in side) * 1000 for side in (replays, alones) for i in (0, 1))
    return (
        f"  {lesson.id:<18} {step + 1:>4} {epochs:>7} {wall:>9.0f} {cpu:>7.0f} {alone_wall:>8.0f} {alone_cpu:>7.0f}"
        f" {ratio:>5.2f}x {cpu_ratio:>8.2f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lesson", help="only this lesson id (default: every shipped lesson)")
    parser.add_argument("--step", type=int, help="resume at this step (1-based; default: the lesson's last)")
    args = parser.parse_args()
    files = [find_lesson_file(args.lesson)] if args.lesson else lesson_files(shipped_lessons_dir())
    print(f"{time.strftime('%H:%M:%S')} load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        "resuming a lesson: the replay up to the step (LessonSession.open_at) beside the same training calls "
        f"made alone (no test set, no session); {args.rounds} rounds alternating, best times, median of the "
        "rounds' ratios"
    )
    print(
        f"  {'lesson':<18} {'step':>4} {'epochs':>7} {'replay ms':>9} {'(cpu)':>7} {'alone ms':>8} {'(cpu)':>7}"
        f" {'ratio':>6} {'cpu ratio':>9}"
    )
    for path in files:
        print(one_lesson(load_lesson(path), args.step, args.rounds))
    print(f"{time.strftime('%H:%M:%S')} load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
