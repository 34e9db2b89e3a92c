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


def per_phase(argv: list[str], marker: str, key: bytes, presses: int, home: str) -> tuple[int, list[int]]:
    run = PtyRun(argv, quiet_env(home)).start()
    try:
        run.wait_for_text(marker, timeout=30)
        run.settle()
        first_frame = sum(len(c.data) for c in run.chunks)
        sizes = [run.press(key)[1] for _ in range(presses)]
    finally:
        run.stop()
    return first_frame, sorted(sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lesson", help="a lesson id or file (default: a quiz-free copy of the 2-2-2 example, "
                                         "once on the network panel and once on the charts)")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--key", default=" ", help="the next-phase key (default space)")
    args = parser.parse_args()
    results = {}
    with temp_home() as home:
        if args.lesson:
            from startup import lesson_marker

            runs = {args.lesson: (args.lesson, lesson_marker(args.lesson))}
        else:
            runs = {f"{show} panel": (write_bench_lesson(home, show), BENCH_TITLE) for show in ("network", "loss")}
        for name, (lesson, marker) in runs.items():
            results[name] = per_phase(nntutor_command() + [lesson], marker, args.key.encode(), args.presses, home)
    print(f"bytes written per phase at 80x24 ({args.presses} presses each)")
    worst = 0.0
    for name, (first_frame, sizes) in results.items():
        mid = median(sizes)
        worst = max(worst, mid)
        print(f"  {name:<14}: median {mid:.0f} bytes, min {sizes[0]}, max {sizes[-1]}   (first frame {first_frame})")
    print(f"  target median < {TARGET_BYTES} bytes   {'OK' if worst < TARGET_BYTES else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
