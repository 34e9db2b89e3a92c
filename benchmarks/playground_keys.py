"""Key press to redrawn screen in the playground (`nntutor play`), for every edit key, at 80x24.

The default 2-4-4-1 playground (circle data, tanh, sigmoid output) runs as a
whole process in a pseudo-terminal, a fresh one for each kind of key. For
each key the time runs from writing it to the last byte of the redraw that
follows (over when nothing more came for 150 ms), with the neuron pictures,
read-outs, network panel and detail on screen. Keys that come in pairs
(more / fewer, add / remove) are pressed in turn, so the setup goes back and
forth; v, L and B go round their choices. The selection stays where the
playground opens: a neuron of hidden layer 1, so i, I, v, y and Y act on
that layer. Every key but space, z and Z builds a fresh network (and keeps
the earlier run for the charts).

The baseline is a minimal Textual app's response to a key that changes one
Static, at the same size in the same run, measured before and after the
playground's keys (two figures: a change between them means the machine's
load changed). Beside each figure: the CPU time the process used per press
(Linux), which waiting for a core on a busy machine does not inflate.
Target: median at most 16 ms for every key.

    python benchmarks/playground_keys.py [--presses 40] [--size 80x24] [--only "i / I"]

Set NNTUTOR_COMMAND to time another build the same way (e.g. an older
checkout: NNTUTOR_COMMAND="python -m nntutor" with PYTHONPATH at its tree).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import (  # noqa: E402
    COUNTER_READY,
    Presses,
    counter_app_command,
    median,
    ms,
    nntutor_command,
    temp_home,
    timed_presses,
)

TARGET_MS = 16.0
READY = "run 1 · "  # the read-out line, drawn once the playground is up
KINDS = {
    "space (next phase)": " ",
    "d / D (data set)": "dD",
    "m / M (samples)": "mM",
    "o / O (noise)": "oO",
    "x / X (test set)": "xX",
    "y / Y (layer +, -)": "yY",
    "i / I (neuron +, -)": "iI",
    "v (activation)": "v",
    "L (loss)": "L",
    "B (batch)": "B",
    "w / W (seed)": "wW",
    "z / Z (L2, in place)": "zZ",
}


def cpu(presses: Presses) -> str:
    return "?" if presses.cpu_per_press is None else ms(presses.cpu_per_press)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--only", help="time only the kinds whose name contains this text")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    assert len(size) == 2, "--size is COLSxROWS"
    command = os.environ.get("NNTUTOR_COMMAND", "").split() or nntutor_command()
    kinds = {name: keys for name, keys in KINDS.items() if not args.only or args.only in name}
    over = False
    with temp_home() as home:
        counter = counter_app_command(home)

        def baseline() -> list[float]:
            return timed_presses(counter, COUNTER_READY, [b" "], args.presses, home, size)

        before = baseline()
        print(f"key press to redrawn screen at {args.size}, median (max) of {args.presses} presses")
        print(
            f"  minimal app, one Static changes : {ms(median(before))} ({ms(max(before))}), CPU {cpu(before)} a press"
        )
        results = {}
        for kind, keys in kinds.items():
            results[kind] = timed_presses(
                command + ["play"], READY, [k.encode() for k in keys], args.presses, home, size
            )
        after = baseline()
        base = median(before + after)
        for kind, ours in results.items():
            if not ours:
                print(f"  {kind:<32}: no key press redrew the screen")
                over = True
                continue
            mid = median(ours)
            verdict = "OK" if mid * 1000 <= TARGET_MS else "OVER"
            over |= mid * 1000 > TARGET_MS
            print(
                f"  {kind:<32}: {ms(mid)} ({ms(max(ours))})  {mid / base:.1f}x the minimal app  "
                f"target <= {TARGET_MS:.0f} ms {verdict}; CPU {cpu(ours)} a press"
            )
        print(f"  minimal app again, at the end   : {ms(median(after))} ({ms(max(after))}), CPU {cpu(after)} a press")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
