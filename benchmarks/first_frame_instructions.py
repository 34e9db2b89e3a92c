"""Instructions to the first frame, against a minimal Textual app (valgrind's callgrind).

The same cases as startup.py (`nntutor LESSON`, a resume, the lesson list) and
its minimal app, each run under callgrind in an 80x24 pseudo-terminal, the
median of 3 runs (a run now and then counts a few percent more).
The process ends in the write that puts its marker on the terminal
(_exit_at_marker.py), so the count covers process start to the first frame's
bytes written, every thread included. Instruction counts do not depend on
the load of the machine, where start-up times swing by +-25 %.

Target (issue 9): the first frame at most 1.3x the minimal app's.

    python benchmarks/first_frame_instructions.py [--lesson backprop] [--resume overfitting:9] [--no-list]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import PtyRun, compile_nntutor, median, minimal_app_command, quiet_env, temp_home  # noqa: E402
from startup import LIST_MARKER, MINIMAL_MARKER, TARGET_RATIO, home_left_at, lesson_title  # noqa: E402

EXIT_AT_MARKER = str(Path(__file__).resolve().with_name("_exit_at_marker.py"))


def instructions(argv: list[str], marker: str, home: str) -> int:
    """Instructions (Ir) of `argv` up to `marker` on its terminal, counted by callgrind."""
    with tempfile.TemporaryDirectory(prefix="nntutor-callgrind-") as folder:
        out = os.path.join(folder, "callgrind.out")
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, EXIT_AT_MARKER]
        env = quiet_env(home)
        env["PYTHONHASHSEED"] = "0"  # the same hashing every run: set and dict work repeats exactly
        run = PtyRun([*command, marker, *argv], env).start()
        try:
            while run.proc.poll() is None:
                run.pump(0.5)
        finally:
            run.stop()
        if not os.path.exists(out):
            raise RuntimeError(f"no callgrind output: {run.text_since()[-400:]!r}")
        found = re.search(r"^(?:summary|totals): (\d+)", Path(out).read_text(), re.MULTILINE)
        if found is None:
            raise RuntimeError("no total in the callgrind output")
        return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lesson", default="backprop")
    parser.add_argument("--resume", default="overfitting:9", help="LESSON:STEP (1-based) to resume; '' for none")
    parser.add_argument("--no-list", action="store_true", help="leave out the lesson list")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed")
        return 1
    compile_nntutor()
    nntutor = ["-m", "nntutor"]
    with temp_home() as root:
        minimal_script = minimal_app_command(root)[1]
        cases = [(f"nntutor {args.lesson}", [*nntutor, args.lesson], root, lesson_title(args.lesson))]
        if args.resume:
            lesson, step = args.resume.split(":")
            home = home_left_at(root, "resume", lesson, int(step) - 1)
            cases.append((f"resume {lesson} at {step}", nntutor, home, lesson_title(lesson)))
        if not args.no_list:
            cases.append(("the lesson list", nntutor, os.path.join(root, "list"), LIST_MARKER))
        counts = [instructions([minimal_script], MINIMAL_MARKER, root) for _ in range(args.runs)]
        base = median(counts)
        print(f"instructions to the first frame, 80x24 (callgrind, median of {args.runs}; ratio to the minimal app's)")
        print(f"  {'minimal Textual app':<26}: {base / 1e6:7.0f} M   (runs: {_millions(counts)})")
        for name, argv, home, marker in cases:
            counts = [instructions(argv, marker, home) for _ in range(args.runs)]
            ratio = median(counts) / base
            verdict = "OK" if ratio <= TARGET_RATIO else "OVER"
            print(
                f"  {name:<26}: {median(counts) / 1e6:7.0f} M   {ratio:.2f}x (target <= {TARGET_RATIO}x) {verdict}"
                f"   (runs: {_millions(counts)})"
            )
    return 0


def _millions(counts: list[int]) -> str:
    return ", ".join(f"{count / 1e6:.0f}" for count in counts)


if __name__ == "__main__":
    sys.exit(main())
