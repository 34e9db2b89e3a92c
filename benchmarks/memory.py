"""Peak memory (RSS) of a tutor session with a lesson open.

The tutor runs as a whole process in an 80x24 pseudo-terminal: it opens a
lesson, steps through whole learning cycles (every phase drawn) and trains
a few epochs in bulk; then the process's peak resident set (VmHWM, Linux)
is read. A minimal Textual app (Header, Static, Footer) is measured the same
way as a baseline.

Target: under 80 MB.

    python benchmarks/memory.py [--lesson PATH_OR_ID] [--phases 60]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _lesson import BENCH_TITLE, write_bench_lesson  # noqa: E402
from _term import PtyRun, minimal_app_command, quiet_env, temp_home  # noqa: E402

TARGET_MB = 80.0


def peak_mb(argv: list[str], marker: str, home: str, keys: list[bytes]) -> float:
    run = PtyRun(argv, quiet_env(home)).start()
    try:
        run.wait_for_text(marker, timeout=30)
        run.settle()
        for key in keys:
            run.press(key, quiet=0.05)
        run.settle()
        kb = run.peak_rss_kb()
        if kb is None:
            raise RuntimeError("cannot read the process's peak memory (needs Linux /proc)")
        return kb / 1024
    finally:
        run.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lesson", help="a lesson id or file (default: a quiz-free copy of the 2-2-2 example)")
    parser.add_argument("--phases", type=int, default=60, help="next-phase key presses before measuring")
    args = parser.parse_args()
    with temp_home() as home:
        if args.lesson:
            from startup import lesson_marker

            lesson, marker = args.lesson, lesson_marker(args.lesson)
        else:
            lesson, marker = write_bench_lesson(home), BENCH_TITLE
        from _term import nntutor_command

        base = peak_mb(minimal_app_command(home), "minimal textual app ready", home, [])
        keys = [b" "] * args.phases + [b"t"]
        ours = peak_mb(nntutor_command() + [lesson], marker, home, keys)
    print("peak memory (RSS, VmHWM) at 80x24")
    print(f"  minimal Textual app                 : {base:.1f} MB")
    print(f"  nntutor, lesson open, {args.phases} phases + t : {ours:.1f} MB")
    print(f"  target < {TARGET_MB:.0f} MB   {'OK' if ours < TARGET_MB else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
