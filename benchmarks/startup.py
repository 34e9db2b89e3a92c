"""Start-up to the first frame of a lesson, against a minimal Textual app.

Every case runs as a whole process in an 80x24 pseudo-terminal, the same way,
in this one script, interleaved with the minimal app (Header + Static +
Footer), whose runs are the baseline. The clock starts before the process is
spawned. Three times are taken:

- shown: the marker text is on the screen (the minimal app's line; the
  lesson's title; the list's heading), at the read that completed it;
- settled: then nothing more came for 150 ms (the last byte of the first
  frame; an opening screen that keeps saying what it prepares settles late);
- ready: the lesson screen itself is drawn (its footer's "⏎ Pass" shows) and has settled.

Beside "shown", the CPU time the process had used when the marker was read
(its threads' schedstat, read right then, so a little of what follows the
frame is in it): waiting for a core is not in it, so its ratio survives a
busy machine better than the clock's.

Cases: `nntutor LESSON` (a lesson opened by name), a resume (`nntutor` whose
learner left LESSON at a late step, which replays the steps before it), and
the lesson list (`nntutor` with no lesson to resume).

Target (issue 9): the lesson's first frame at most 1.3x the minimal app's.

    python benchmarks/startup.py [--runs 7] [--lesson backprop] [--resume overfitting:9] [--no-list]
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import LESSON_READY, PtyRun, median, minimal_app_command, ms, nntutor_command, quiet_env, temp_home  # noqa: E402

TARGET_RATIO = 1.3
MINIMAL_MARKER = "minimal textual app ready"
LIST_MARKER = "nntutor · lessons"


@dataclass
class Case:
    name: str
    argv: list[str]
    home: str
    marker: str
    ready: bool  # a lesson: also time until the lesson screen is drawn
    shown: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # seconds of CPU when shown
    settled: list[float] = field(default_factory=list)
    until_ready: list[float] = field(default_factory=list)

    def run(self) -> None:
        run = PtyRun(self.argv, quiet_env(self.home)).start()
        try:
            run.wait_for_text(self.marker, timeout=60)
            self.shown.append(run.chunks[-1].at - run.started)
            cpu_ns = run.thread_cpu_ns()
            if cpu_ns is not None:
                self.cpu.append(cpu_ns / 1e9)
            self.settled.append(run.settle() - run.started)
            if self.ready:
                run.wait_for_text(LESSON_READY, timeout=60)
                self.until_ready.append(run.settle() - run.started)
        finally:
            run.stop()


def lesson_title(lesson: str) -> str:
    from nntutor.curriculum.loader import find_lesson_file, load_lesson

    return load_lesson(find_lesson_file(lesson)).title


def home_left_at(root: str, name: str, lesson: str, step: int) -> str:
    """A data folder whose learner (this one) left `lesson` at `step` (0-based)."""
    from nntutor.curriculum.progress import ProgressStore

    home = os.path.join(root, name)
    store = ProgressStore(home)
    store.visit(lesson, step)
    store.close()
    return home


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lesson", default="backprop")
    parser.add_argument("--resume", default="overfitting:9", help="LESSON:STEP (1-based) to resume; '' for none")
    parser.add_argument("--no-list", action="store_true", help="leave out the lesson list")
    args = parser.parse_args()
    with temp_home() as root:
        minimal = Case("minimal Textual app", minimal_app_command(root), root, MINIMAL_MARKER, False)
        cases = [
            Case(f"nntutor {args.lesson}", nntutor_command() + [args.lesson], root, lesson_title(args.lesson), True)
        ]
        if args.resume:
            lesson, step = args.resume.split(":")
            home = home_left_at(root, "resume", lesson, int(step) - 1)
            cases.append(Case(f"resume {lesson} at {step}", nntutor_command(), home, lesson_title(lesson), True))
        if not args.no_list:
            cases.append(Case("the lesson list", nntutor_command(), os.path.join(root, "list"), LIST_MARKER, False))
        for case in [minimal, *cases]:  # warm the file cache (and the walk cache)
            case.run()
            case.shown.clear(), case.settled.clear(), case.until_ready.clear(), case.cpu.clear()
        for _ in range(args.runs):  # interleaved, so a busy moment hits all alike
            for case in [minimal, *cases]:
                case.run()
    print(f"start-up, 80x24, median of {args.runs} runs (shown / settled / ready; ratio of shown to the minimal's)")
    base = median(minimal.shown)
    print(f"  {minimal.name:<26}: {ms(base)} / {ms(median(minimal.settled))}   (shown: {_runs(minimal.shown)})")
    for case in cases:
        ratio = median(case.shown) / base
        ready = f" / {ms(median(case.until_ready))}" if case.until_ready else ""
        verdict = "OK" if ratio <= TARGET_RATIO else "OVER"
        print(
            f"  {case.name:<26}: {ms(median(case.shown))} / {ms(median(case.settled))}{ready}   "
            f"{ratio:.2f}x (target <= {TARGET_RATIO}x) {verdict}   (shown: {_runs(case.shown)})"
        )
    if minimal.cpu:
        print("CPU time used when shown (median; ratio to the minimal's)")
        base_cpu = median(minimal.cpu)
        print(f"  {minimal.name:<26}: {ms(base_cpu)}   (runs: {_runs(minimal.cpu)})")
        for case in cases:
            if case.cpu:
                cpu = median(case.cpu)
                print(f"  {case.name:<26}: {ms(cpu)}   {cpu / base_cpu:.2f}x   (runs: {_runs(case.cpu)})")
    return 0


def _runs(times: list[float]) -> str:
    return ", ".join(f"{t * 1000:.0f}" for t in times)


if __name__ == "__main__":
    sys.exit(main())
