"""Key press to redrawn screen, one phase of the learning cycle, for networks of several sizes.

The tutor runs as a whole process in a pseudo-terminal. For each press of
the next-phase key, the time runs from writing the key to the last byte of
the redraw that follows (the redraw is over when nothing more came for
150 ms). The same is measured, at the same terminal size and in the same run,
for a minimal Textual app's response to a key that changes one Static: the
baseline each figure is printed beside.

Targets (medians): 2-2-2 at most 16 ms and 1-64-64-64-1 at most 25 ms, at
80x24 and at 200x60. The other shapes (the wide layers of lessons 10 and 11,
and the 100 hidden neurons of the source text) are printed for comparison.

Every network opens on a quiz-free lesson showing the network panel, so each
press steps the cycle (a quiz would take the keys). 2-2-2 is the worked
example; the others are seeded tanh networks with a linear output.

    python benchmarks/keypress.py [--presses 40] [--sizes 80x24,200x60]
                                  [--networks 2-2-2,1-16-16-1,1-64-1,1-64-64-64-1,1-100-1]
                                  [--key " "] [--lesson PATH_OR_ID]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _networks import write_network_lesson  # noqa: E402
from _term import (  # noqa: E402
    COUNTER_READY,
    LESSON_READY,
    counter_app_command,
    median,
    ms,
    nntutor_command,
    temp_home,
    timed_presses,
)

TARGETS_MS = {"2-2-2": 16.0, "1-64-64-64-1": 25.0}
NETWORKS = "2-2-2,1-16-16-1,1-64-1,1-64-64-64-1,1-100-1"
SIZES = "80x24,200x60"


def parse_size(text: str) -> tuple[int, int]:
    try:
        cols, rows = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"a terminal size is COLSxROWS, like 80x24; got {text!r}") from None
    return cols, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--sizes", default=SIZES, help=f"terminal sizes, comma-separated (default {SIZES})")
    parser.add_argument("--networks", default=NETWORKS, help=f"network shapes, comma-separated (default {NETWORKS})")
    parser.add_argument("--lesson", help="a lesson id or file instead of the generated networks")
    parser.add_argument("--key", default=" ", help="the key pressed (default space, the next phase)")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    key = args.key.encode()
    over = False
    with temp_home() as home:
        counter = counter_app_command(home)
        if args.lesson:
            cases = [(args.lesson, args.lesson, LESSON_READY)]
        else:
            cases = [(name, *write_network_lesson(home, name)) for name in args.networks.split(",")]
        print(f"key press to redrawn screen, median (max) of {args.presses} presses of {args.key!r}")
        for cols, rows in sizes:
            base = timed_presses(counter, COUNTER_READY, [b" "], args.presses, home, (cols, rows))
            print(f"  {cols}x{rows}  minimal app, one Static changes : {ms(median(base))} ({ms(max(base))})")
            for name, lesson, marker in cases:
                ours = timed_presses(nntutor_command() + [lesson], marker, [key], args.presses, home, (cols, rows))
                if not ours:
                    print(f"  {cols}x{rows}  {name:<14}: no key press redrew the screen")
                    over = True
                    continue
                mid = median(ours)
                target = TARGETS_MS.get(name)
                verdict = ""
                if target is not None:
                    verdict = f"target <= {target:.0f} ms {'OK' if mid * 1000 <= target else 'OVER'}"
                    over |= mid * 1000 > target
                print(
                    f"  {cols}x{rows}  {name:<14}: {ms(mid)} ({ms(max(ours))})  "
                    f"{mid / median(base):.1f}x the minimal app  {verdict}".rstrip()
                )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
