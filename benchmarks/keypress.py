"""Key press to redrawn screen, one phase of the learning cycle at 80x24.

The tutor runs as a whole process in a pseudo-terminal. For each press of
the next-phase key, the time runs from writing the key to the last byte of
the redraw that follows (the redraw is over when nothing more came for
150 ms). The same is measured for a minimal Textual app's response to a key
that changes one Static, as a baseline in the same run.

Target: median under 30 ms.

By default the lesson is a quiz-free copy of the 2-2-2 worked example, so
every press steps the cycle (a quiz would take the keys).

    python benchmarks/keypress.py [--presses 40] [--lesson PATH_OR_ID] [--key " "]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _lesson import BENCH_TITLE, write_bench_lesson  # noqa: E402
from _term import PtyRun, median, ms, nntutor_command, quiet_env, temp_home  # noqa: E402

TARGET_MS = 30.0

COUNTER_APP = '''
from textual.app import App
from textual.widgets import Footer, Header, Static


class Counter(App):
    BINDINGS = [("space", "bump", "Bump")]
    count = 0

    def compose(self):
        yield Header()
        yield Static("count 0 ready", id="count")
        yield Footer()

    def action_bump(self):
        self.count += 1
        self.query_one("#count", Static).update(f"count {self.count} ready")


Counter().run()
'''


def presses(argv: list[str], marker: str, key: bytes, count: int, home: str) -> tuple[list[float], list[int]]:
    run = PtyRun(argv, quiet_env(home)).start()
    try:
        run.wait_for_text(marker, timeout=30)
        run.settle()
        times, sizes = [], []
        for _ in range(count):
            seconds, written, _ = run.press(key)
            if written:
                times.append(seconds)
                sizes.append(written)
        return times, sizes
    finally:
        run.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--lesson", help="a lesson id or file (default: a quiz-free copy of the 2-2-2 example)")
    parser.add_argument("--key", default=" ", help="the next-phase key (default space)")
    args = parser.parse_args()
    with temp_home() as home:
        counter = Path(home) / "counter_app.py"
        counter.write_text(COUNTER_APP, encoding="utf-8")
        base, _ = presses([sys.executable, str(counter)], "count 0 ready", b" ", args.presses, home)
        if args.lesson:
            from startup import lesson_marker

            lesson, marker = args.lesson, lesson_marker(args.lesson)
        else:
            lesson, marker = write_bench_lesson(home), BENCH_TITLE
        ours, sizes = presses(nntutor_command() + [lesson], marker, args.key.encode(), args.presses, home)
    print(f"key press to redrawn screen, 80x24 ({len(ours)} of {args.presses} presses redrew)")
    print(f"  minimal app, one Static changes : median {ms(median(base))}, max {ms(max(base))}")
    if not ours:
        print("  nntutor: no key press redrew the screen")
        return 1
    verdict = "OK" if median(ours) * 1000 < TARGET_MS else "OVER"
    print(f"  nntutor, one phase              : median {ms(median(ours))}, max {ms(max(ours))}")
    print(f"  target median < {TARGET_MS:.0f} ms   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
