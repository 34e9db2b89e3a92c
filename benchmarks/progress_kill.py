"""kill -9 in the middle of progress writes: how many acknowledged answers are lost.

A writer process answers quizzes as fast as it can and prints the number of
each answer the store acknowledged (``record_quiz`` returned with nothing
left waiting); it is killed with SIGKILL after a random 0-150 ms, ``--kills``
times, all into one progress file. Then the file is opened again and every
acknowledged answer looked for. The test suite runs the same harness
(tests/curriculum/progress_processes.py) with 6 kills.

Target: 0 answers lost.

    python benchmarks/progress_kill.py [--kills 100] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "curriculum"))

from progress_processes import kill_writers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        acknowledged, lost = kill_writers(Path(home), args.kills, args.seed)
    print(f"kills: {args.kills}   answers acknowledged: {acknowledged}   answers lost: {lost}   (target: 0 lost)")


if __name__ == "__main__":
    main()
