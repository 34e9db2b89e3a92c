"""Bytes written to the terminal per phase of the learning cycle, at 80x24.

The tutor runs as a whole process in a pseudo-terminal (the pty module); for
each press of the next-phase key, every byte it writes until the screen is
quiet again (150 ms) is counted. A redraw that repaints the whole screen
costs roughly the first frame's size, so that is printed beside it.

Target: median under 8 KB per phase.

    python benchmarks/bytes_per_phase.py [--lesson PATH_OR_ID] [--presses 40]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _lesson import BENCH_TITLE, write_bench_lesson  # noqa: E402
from _term import PtyRun, median, nntutor_command, quiet_env, temp_home  # noqa: E402

TARGET_BYTES = 8 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lesson", help="a lesson id or file (default: a quiz-free copy of the 2-2-2 example)")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--key", default=" ", help="the next-phase key (default space)")
    args = parser.parse_args()
    with temp_home() as home:
        if args.lesson:
            from startup import lesson_marker

            lesson, marker = args.lesson, lesson_marker(args.lesson)
        else:
            lesson, marker = write_bench_lesson(home), BENCH_TITLE
        run = PtyRun(nntutor_command() + [lesson], quiet_env(home)).start()
        try:
            run.wait_for_text(marker, timeout=30)
            run.settle()
            first_frame = sum(len(c.data) for c in run.chunks)
            sizes = []
            for _ in range(args.presses):
                _, written, _ = run.press(args.key.encode())
                sizes.append(written)
        finally:
            run.stop()
    sizes.sort()
    mid = median(sizes)
    print(f"bytes written per phase at 80x24 ({args.presses} presses)")
    print(f"  first frame : {first_frame} bytes")
    print(f"  per phase   : median {mid:.0f} bytes, min {sizes[0]}, max {sizes[-1]}")
    print(f"  target median < {TARGET_BYTES} bytes   {'OK' if mid < TARGET_BYTES else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
