"""The long key-burst soak: many runs of thousands of random keys, in bursts, to nntutor in tmux.

    python benchmarks/key_bursts.py [--runs 10] [--keys 3000] [--first-seed 1] [--playground]

Prints each run (seed, where it started, keys and bursts sent, resizes, how it
ended) and the totals: runs, keys, crashes. A crash prints its last bursts and
the error lines of its last screen. The short version runs in the test suite
(tests/e2e/test_key_bursts.py); the harness is tests/e2e/key_bursts.py.
Set NNTUTOR_COMMAND to run another build (e.g. an older checkout) the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))

from key_bursts import TMUX, run_once  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keys", type=int, default=3000)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--playground", action="store_true", help="every run in `nntutor play`, with its edit keys too")
    args = parser.parse_args()
    if TMUX is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    command = os.environ.get("NNTUTOR_COMMAND", "").split() or None
    crashes = quits = keys = 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as home:
        for seed in range(args.first_seed, args.first_seed + args.runs):
            started = time.monotonic()
            r = run_once(seed, args.keys, Path(home), command=command, start="play" if args.playground else None)
            keys += r.keys_sent
            crashes += r.crashed
            quits += r.quit
            ended = "CRASH" if r.crashed else ("quit (palette)" if r.quit else "alive")
            print(
                f"seed {seed:3d}  start {r.start:12s} keys {r.keys_sent:5d}  bursts {r.bursts:4d}  "
                f"resizes {r.resizes:3d}  {ended} (status {r.status})  {time.monotonic() - started:5.1f} s",
                flush=True,
            )
            if r.crashed:
                print("    last bursts:", " | ".join(r.sequence[-5:]))
                for line in r.screen.splitlines():
                    if "Error" in line or "error" in line:
                        print("    " + line.strip(" │"))
    print(
        f"runs {args.runs}  keys sent {keys}  crashes {crashes}  quit by the palette {quits}  "
        f"({time.monotonic() - began:.0f} s)"
    )
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
