"""Key press to redrawn screen in the playground (`nntutor play`), at 80x24.

The default 2-4-4-1 playground (circle data, tanh, sigmoid output) runs as a
whole process in a pseudo-terminal. For each key the time runs from writing
it to the last byte of the redraw that follows (over when nothing more came
for 150 ms). Three kinds of key are measured, each with the neuron pictures,
read-outs, network panel and detail on screen:

- space: the next phase of the cycle;
- i then I: add a neuron to layer 1, then remove it (each a fresh network,
  the earlier run kept);
- z then Z: L2 stronger, then weaker (the same network).

The baseline is a minimal Textual app's response to a key that changes one
Static, at the same size in the same run. Target: median at most 16 ms for
every kind.

    python benchmarks/playground_keys.py [--presses 40] [--size 80x24]

Set NNTUTOR_COMMAND to time another build the same way (e.g. an older
checkout: NNTUTOR_COMMAND="python -m nntutor" with PYTHONPATH at its tree).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import PtyRun, median, ms, nntutor_command, quiet_env, temp_home  # noqa: E402
from keypress import COUNTER_APP  # noqa: E402

TARGET_MS = 16.0
READY = "run 1 · "  # the read-out line, drawn once the playground is up
FIRST_BYTE_S = 2.0
KINDS = {"space (next phase)": [b" "], "i / I (neuron +1, -1)": [b"i", b"I"], "z / Z (L2 up, down)": [b"z", b"Z"]}


def timed_presses(
    argv: list[str], marker: str, keys: list[bytes], count: int, home: str, size: tuple[int, int]
) -> list[float]:
    run = PtyRun(argv, quiet_env(home), cols=size[0], rows=size[1]).start()
    try:
        run.wait_for_text(marker, timeout=60)
        run.settle()
        times = []
        for n in range(count):
            seconds, written, _ = run.press(keys[n % len(keys)], wait_first=FIRST_BYTE_S)
            if written:
                times.append(seconds)
        return times
    finally:
        run.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--size", default="80x24")
    args = parser.parse_args()
    cols, rows = (int(v) for v in args.size.split("x"))
    command = os.environ.get("NNTUTOR_COMMAND", "").split() or nntutor_command()
    over = False
    with temp_home() as home:
        counter = Path(home) / "counter_app.py"
        counter.write_text(COUNTER_APP, encoding="utf-8")
        base = timed_presses([sys.executable, str(counter)], "count 0 ready", [b" "], args.presses, home, (cols, rows))
        print(f"key press to redrawn screen at {cols}x{rows}, median (max) of {args.presses} presses")
        print(f"  minimal app, one Static changes : {ms(median(base))} ({ms(max(base))})")
        for kind, keys in KINDS.items():
            ours = timed_presses(command + ["play"], READY, keys, args.presses, home, (cols, rows))
            if not ours:
                print(f"  {kind:<24}: no key press redrew the screen")
                over = True
                continue
            mid = median(ours)
            verdict = "OK" if mid * 1000 <= TARGET_MS else "OVER"
            over |= mid * 1000 > TARGET_MS
            print(
                f"  {kind:<24}: {ms(mid)} ({ms(max(ours))})  {mid / median(base):.1f}x the minimal app  "
                f"target <= {TARGET_MS:.0f} ms {verdict}"
            )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
