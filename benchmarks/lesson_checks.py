"""What checking lessons costs: `nntutor list`, opening a lesson, and `validate` of a big one.

Prints, each as a whole process (median of --runs):
- `nntutor list` (static checks of every shipped lesson, no walk);
- `nntutor trace LESSON --phases 0` with an empty data folder (the walk runs: first opening)
  and again with the same folder (the walk's verdict is cached);
- peak resident memory and time of `nntutor validate` on a lesson of 60 plain cycle steps
  on 8 layers of 64 with 5000 samples (it peaked at 4.3 GB before the walk dropped its history).
A Python that only imports numpy is the baseline.

    python benchmarks/lesson_checks.py [--runs 5] [--lesson overfitting]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(argv: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def big_lesson(path: Path) -> None:
    steps = "".join(f'\n[[steps]]\ntitle = "Step {i}"\ntext = "Press space."\ndo = "cycle"\n' for i in range(60))
    path.write_text(
        'format_version = 1\nid = "big"\ntitle = "Big"\n[network]\nlayers = [2, 64, 64, 64, 64, 64, 64, '
        '64, 1]\nactivations = ["tanh", "tanh", "tanh", "tanh", "tanh", "tanh", "tanh", "sigmoid"]\n'
        'loss = "binary_cross_entropy"\nlr = 0.1\n[data]\ndataset = "circle"\nsamples = 5000\n' + steps
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lesson", default="overfitting", help="the lesson to open (default: the slowest walk)")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "nntutor.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, NNTUTOR_HOME=str(Path(tmp) / "home"))
        base = statistics.median(run([sys.executable, "-c", "import numpy"], env)[0] for _ in range(args.runs))
        listing = statistics.median(run(cli + ["list"], env)[0] for _ in range(args.runs))
        first, cached = [], []
        for n in range(args.runs):
            fresh = dict(env, NNTUTOR_HOME=str(Path(tmp) / f"open-{n}"))
            first.append(run(cli + ["trace", args.lesson, "--phases", "0"], fresh)[0])
            cached.append(run(cli + ["trace", args.lesson, "--phases", "0"], fresh)[0])
        print(f"python -c 'import numpy' (baseline)   {base * 1000:7.0f} ms")
        print(f"nntutor list                          {listing * 1000:7.0f} ms  ({listing / base:.1f}x baseline)")
        print(f"open {args.lesson}, first time (walk)  {statistics.median(first) * 1000:7.0f} ms")
        print(f"open {args.lesson}, walk cached        {statistics.median(cached) * 1000:7.0f} ms")
        lesson = Path(tmp) / "big.toml"
        big_lesson(lesson)
        seconds, peak = run(cli + ["validate", str(lesson)], env)
        print(f"validate 60 cycle steps, 8x64, 5000 samples: {seconds:.1f} s, peak {peak:.0f} MB (was 4279 MB, 40 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
