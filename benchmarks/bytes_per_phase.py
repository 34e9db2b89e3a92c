"""Bytes written to the terminal per phase of the learning cycle, for networks of several sizes.

The tutor runs as a whole process in a pseudo-terminal (the pty module); for
each press of the next-phase key, every byte it writes until the screen is
quiet again (150 ms) is counted. A redraw that repaints the whole screen
costs roughly the first frame's size, so that is printed beside it, with the
share of the bytes that are style codes (SGR sequences: colours, bold ...).

Target: median at most 4 KB per phase at 80x24.

By default each network opens on a quiz-free lesson showing the network
panel (2-2-2 also once on the charts); 2-2-2 is the worked example, the other
shapes seeded tanh networks with a linear output.

    python benchmarks/bytes_per_phase.py [--presses 40] [--sizes 80x24,200x60]
                                         [--networks 2-2-2,1-16-16-1,1-64-1,1-64-64-64-1,1-100-1]
                                         [--lesson PATH_OR_ID] [--key " "]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _networks import write_network_lesson  # noqa: E402
from _term import FIRST_BYTE_S, LESSON_READY, PtyRun, median, nntutor_command, quiet_env, temp_home  # noqa: E402
from keypress import NETWORKS, parse_size  # noqa: E402

TARGET_BYTES = 4 * 1024
TARGET_SIZE = (80, 24)
SGR = re.compile(rb"\x1b\[[0-9;:]*m")


def per_phase(
    argv: list[str], marker: str, key: bytes, presses: int, home: str, size: tuple[int, int]
) -> tuple[int, list[int], float]:
    """(first frame bytes, bytes of each press sorted, share of style codes in the presses' bytes)."""
    run = PtyRun(argv, quiet_env(home), cols=size[0], rows=size[1]).start()
    try:
        run.wait_for_text(marker, timeout=60)
        run.settle()
        first_frame = sum(len(c.data) for c in run.chunks)
        start = len(run.chunks)
        sizes = [run.press(key, wait_first=FIRST_BYTE_S)[1] for _ in range(presses)]
        written = b"".join(c.data for c in run.chunks[start:])
    finally:
        run.stop()
    style = sum(len(m.group()) for m in SGR.finditer(written)) / max(len(written), 1)
    return first_frame, sorted(sizes), style


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--sizes", default="80x24,200x60", help="terminal sizes, comma-separated")
    parser.add_argument("--networks", default=NETWORKS, help=f"network shapes, comma-separated (default {NETWORKS})")
    parser.add_argument("--lesson", help="a lesson id or file instead of the generated networks")
    parser.add_argument("--key", default=" ", help="the next-phase key (default space)")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    over = False
    print(f"bytes written per phase ({args.presses} presses each)")
    with temp_home() as home:
        if args.lesson:
            cases = [(args.lesson, args.lesson, LESSON_READY)]
        else:
            cases = [(f"{name} network", *write_network_lesson(home, name)) for name in args.networks.split(",")]
            if "2-2-2" in args.networks.split(","):
                cases.insert(1, ("2-2-2 charts", *write_network_lesson(home, "2-2-2", show="loss")))
        for size in sizes:
            for name, lesson, marker in cases:
                first, written, style = per_phase(
                    nntutor_command() + [lesson], marker, args.key.encode(), args.presses, home, size
                )
                mid = median(written)
                verdict = ""
                if size == TARGET_SIZE:
                    verdict = f"target <= {TARGET_BYTES} {'OK' if mid <= TARGET_BYTES else 'OVER'}"
                    over |= mid > TARGET_BYTES
                print(
                    f"  {size[0]}x{size[1]}  {name:<20}: median {mid:.0f} bytes, min {written[0]}, "
                    f"max {written[-1]}, {style:.0%} style codes   (first frame {first})  {verdict}".rstrip()
                )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
