"""Start-up to the first complete frame of a lesson, against a minimal Textual app.

Both run as whole processes in an 80x24 pseudo-terminal, the same way, in
this one script: the clock starts before the process is spawned and stops at
the last byte of the first frame (the marker text has appeared and nothing
more came for 150 ms). The minimal app is Header + Static + Footer.

Target (issue 9): the lesson's median at most 1.3x the minimal app's.

    python benchmarks/startup.py [--runs 7] [--lesson backprop]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import PtyRun, median, minimal_app_command, ms, nntutor_command, quiet_env, temp_home  # noqa: E402

TARGET_RATIO = 1.3


def lesson_marker(lesson: str) -> str:
    """Text the lesson screen shows once drawn: the lesson's title."""
    from nntutor.curriculum import find_lesson

    return find_lesson(lesson).title


def first_frame(argv: list[str], marker: str, home: str) -> float:
    run = PtyRun(argv, quiet_env(home)).start()
    try:
        run.wait_for_text(marker, timeout=30)
        return run.settle() - run.started
    finally:
        run.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lesson", default="backprop")
    args = parser.parse_args()
    marker = lesson_marker(args.lesson)
    with temp_home() as home:
        minimal_argv = minimal_app_command(home)
        lesson_argv = nntutor_command() + [args.lesson]
        first_frame(minimal_argv, "minimal textual app ready", home)  # warm the file cache
        first_frame(lesson_argv, marker, home)
        minimal, lesson = [], []
        for _ in range(args.runs):  # interleaved, so a busy moment hits both alike
            minimal.append(first_frame(minimal_argv, "minimal textual app ready", home))
            lesson.append(first_frame(lesson_argv, marker, home))
    base, ours = median(minimal), median(lesson)
    ratio = ours / base
    print(f"start-up to first frame, 80x24, median of {args.runs} runs")
    print(f"  minimal Textual app : {ms(base)}   (runs: {', '.join(ms(t) for t in minimal)})")
    print(f"  nntutor {args.lesson:<12}: {ms(ours)}   (runs: {', '.join(ms(t) for t in lesson)})")
    print(
        f"  ratio               : {ratio:.2f}x   target <= {TARGET_RATIO}x   "
        f"{'OK' if ratio <= TARGET_RATIO else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
