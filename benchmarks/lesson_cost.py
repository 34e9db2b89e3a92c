"""Is the cost model honest? Every shipped lesson, and lessons at its limits, opened in the app.

nntutor/curriculum/cost.py estimates from a lesson file alone what the lesson
adds to the tutor's own fixed costs, and the lesson check refuses a file over
a limit. What the figures mean (the same in the model and here):

- first frame: what the lesson adds to the time from starting the app to its
  screen drawn, opening at the first step: building the network and the data,
  the first forward pass, the first step's action, the first chart or panel
  drawn. It is measured as the median of a new app opening the lesson minus
  that of the baseline lesson (the smallest, 2-2-1 on 20 samples) opened the
  same way in the same process; the baseline's own time (the fixed cost: the
  app, the harness) is printed beside it. Limit: 1 s.
- walk: the checking walk through every step (its training included) that a
  file not walked before gets at its first opening (shipped lessons and files
  walked before skip it), and that opening at a later step replays up to that
  step. It comes on top of the first frame then. Limit: 8 s.
- redraw: one enter (a whole pass of the cycle), key to screen drawn, on the
  heaviest view (the network panel or a chart the lesson has; the median of
  PRESSES presses on each). The limit (100 ms) is on the whole; the row
  "redraw, lesson part" compares the share above the baseline's redraw.
- memory: the process's peak resident memory (VmHWM) after those presses and
  a few seconds of training. Limit: 200 MB.

Lessons at the limits: for several shapes, with as many samples as the model
accepts ("under": just under a limit) and the next size up, which it refuses
("at": at or over one, opened past the check). The model is honest when every
estimate is at or above its measurement, and every accepted lesson measures
within the limits. The machine's load (uptime) is printed: on a busy machine
every time is longer, the baseline's too.

    python benchmarks/lesson_cost.py [--presses 5] [--opens 3] [--train-seconds 1] [--only surface]
    python benchmarks/lesson_cost.py --surface     # the surface chart alone: plan, points, ms per draw
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "curriculum"))

from _term import quiet_env, temp_home  # noqa: E402
from cost_lessons import write_cost_lesson  # noqa: E402  (the lessons tests/curriculum/test_cost.py judges)

# The baseline: the smallest lesson; its figures are the fixed cost of the app and the harness now.
BASELINE = ("tiny-2-2-1", [2, 2, 1], "network", '"full"', 20)
# (name, layers, show, batch): shapes grown in samples until the model refuses them.
SHAPES = [
    ("panel-2-64x3-1", [2, 64, 64, 64, 1], "network", '"full"'),
    ("regions-2-32x2-1", [2, 32, 32, 1], "regions", '"full"'),
    ("regions-2-100-1", [2, 100, 1], "regions", "50"),
    ("surface-2-8-8-1", [2, 8, 8, 1], "surface", '"full"'),
    ("surface-2-16-1", [2, 16, 1], "surface", '"full"'),
]
SAMPLE_STEPS = [20, 50, 100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 4000, 5000]
# (name, layers, show, batch, epochs): a second step trains this long (the most a step may), grown in
# samples until the walk's limit refuses it.
WALK_SHAPE = ("walk-2-64-1", [2, 64, 1], "network", '"full"', 5000)
WALK_SAMPLES = [100, 200, 300, 350, 400, 450, 500, 600]


def at_the_limit(
    folder: Path, name: str, layers: list[int], show: str, batch: str, train_epochs: int = 0
) -> list[tuple[str, Path]]:
    """The largest sample count the model accepts ("under"), and the next one, which it refuses ("at")."""
    from nntutor.curriculum import LessonError, cost
    from nntutor.curriculum.loader import load_lesson

    under = None
    for samples in WALK_SAMPLES if train_epochs else SAMPLE_STEPS:
        path = write_cost_lesson(folder, name, layers, samples, show, batch, train_epochs=train_epochs)
        try:
            lesson = load_lesson(path)
        except LessonError:  # e.g. fewer samples than the batch
            continue
        if cost.cost_problems(lesson):
            return ([("under", under)] if under else []) + [("at", path)]
        under = path
    return [("under", under)]


def measure(path: Path, base: Path, args, home: str) -> dict:
    """The figures of ``path`` in a process of its own (benchmarks/_open_lesson.py)."""
    out = subprocess.run(
        [sys.executable, str(HERE / "_open_lesson.py"), str(path), str(base)]
        + [str(args.presses), str(args.opens), str(args.train_seconds)],
        env=quiet_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode != 0:
        raise RuntimeError(f"measuring {path.name} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(pairs: list[list[float]]) -> tuple[float, float]:
    """The medians of [wall, cpu] pairs."""
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def heaviest_view(got: dict) -> tuple[str, tuple[float, float]]:
    """The view whose median redraw is the longest on the clock, and its medians."""
    found = [(view, median(times)) for view, times in got["redraws"].items() if times]
    return max(found, key=lambda v: v[1][0])


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def minus(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return a[0] - b[0], a[1] - b[1]


def lessons_at_limits(args) -> int:
    from nntutor.curriculum import cost, load_lessons
    from nntutor.curriculum.loader import load_lesson

    print(__doc__.split("\n\n    python")[0])
    print(f"\n{time.strftime('%H:%M:%S')} {load()}; {args.presses} presses a view, {args.opens} openings, medians")
    print("times: wall clock (what the limits are about), and the process's CPU time (less stretched by load)")
    with tempfile.TemporaryDirectory() as folder, temp_home() as home:
        name, layers, show, batch, samples = BASELINE
        base_path = write_cost_lesson(Path(folder), name, layers, samples, show, batch)
        cases = [("base", base_path)]
        if not args.only:
            shipped, _ = load_lessons()
            cases += [("shipped", lesson.path) for lesson in shipped]
        for name, layers, show, batch in SHAPES:
            if not args.only or args.only in name:
                cases += at_the_limit(Path(folder), name, layers, show, batch)
        if not args.only or args.only in WALK_SHAPE[0]:
            cases += at_the_limit(Path(folder), *WALK_SHAPE)
        base = measure(base_path, base_path, args, home)
        base_open = median(base["base_opens"])
        base_view, base_redraw = heaviest_view(base)
        print(
            f"baseline {base_path.stem}: app start to first frame {base['cold'][0]:.2f} s (cpu {base['cold'][1]:.2f},"
            f" a cold process), {base_open[0]:.2f} s (cpu {base_open[1]:.2f}, a new app in a warm process);"
            f" redraw ({base_view}) {base_redraw[0] * 1000:.0f} ms (cpu {base_redraw[1] * 1000:.0f}),"
            f" peak {base['peak']:.0f} MB"
        )
        print(
            f"\n  {'lesson':24s} {'':7s} {'figure':20s} {'estimate':>8s} {'measured':>8s} {'(cpu)':>7s} {'ratio':>5s}"
            f" {'limit':>6s}"
        )
        failures, cpu_failures = [], []
        for side, path in cases:
            lesson = load_lesson(path)
            estimate = cost.lesson_estimates(lesson)[0]  # the first run: the one opened at the first step
            got = base if side == "base" else measure(path, base_path, args, home)
            view, redraw = heaviest_view(got)
            rows = [
                (
                    "first frame",
                    estimate.first_frame,
                    minus(median(got["opens"]), median(got["base_opens"])),
                    cost.FIRST_FRAME_SECONDS,
                    "s",
                ),
                ("walk", cost.walk_seconds(lesson)[0], median(got["walks"]), cost.CHECK_SECONDS, "s"),
                (f"redraw ({view})", estimate.redraw, redraw, cost.REDRAW_SECONDS, "ms"),
                (
                    "redraw, lesson part",
                    estimate.redraw - cost.REDRAW_BASE_SECONDS,
                    minus(redraw, base_redraw),
                    None,
                    "ms",
                ),
                ("memory", estimate.memory / 2**20, (got["peak"], float("nan")), cost.MEMORY_BYTES / 2**20, "MB"),
            ]
            for i, (figure, est, (measured, cpu), limit, unit) in enumerate(rows):
                scale = 1000 if unit == "ms" else 1
                verdicts = []
                if measured > est and measured > (0.002 if unit != "MB" else 0):
                    verdicts.append("OVER ITS ESTIMATE")
                    failures.append(f"{path.stem} {figure}")
                    if cpu <= est:
                        verdicts.append("(not in CPU time: the machine is busy)")
                    else:
                        cpu_failures.append(f"{path.stem} {figure}")
                if limit is not None and side != "at" and measured > limit:
                    verdicts.append("OVER THE LIMIT")
                    failures.append(f"{path.stem} {figure} (limit)")
                    if not cpu <= limit:  # (memory has no CPU figure: nan)
                        cpu_failures.append(f"{path.stem} {figure} (limit)")
                ratio = f"{measured / est:5.2f}" if est > 0.002 / scale else ""
                shown_limit = f"{limit * scale:g} {unit}" if limit is not None else ""
                print(
                    f"  {path.stem if i == 0 else '':24s} {side if i == 0 else '':7s} {figure:20s}"
                    f" {est * scale:8.3g} {measured * scale:8.3g} {cpu * scale:7.3g} {ratio:>5s} {shown_limit:>6s}"
                    f"  {' '.join(verdicts)}"
                )
            if side == "at":
                refused = [p.message.split(": about ")[-1].split(", the limit")[0] for p in cost.cost_problems(lesson)]
                print(f"  {'':32s} refused: {'; '.join(refused)}")
        print(f"\n{time.strftime('%H:%M:%S')} {load()}")
        print(
            f"{len(failures)} figures over (clock): " + ", ".join(failures)
            if failures
            else "every estimate at or above its measurement, every accepted lesson within the limits"
        )
        if failures:
            print(f"{len(cpu_failures)} of them over in CPU time too: " + ", ".join(cpu_failures))
    return 0


def surface_alone(args) -> int:
    """The surface chart's own draw at 80x24's canvas: the plan it picks and the time it takes."""
    from nntutor.curriculum import cost
    from nntutor.curriculum.loader import find_lesson, load_lesson
    from nntutor.engine.views import loss_surface

    print("the loss surface alone (72x18 canvas): plan, points computed, ms per draw (best of 3)")
    print(f"budget {cost.SURFACE_SECONDS * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        lessons = [find_lesson("surface"), find_lesson("batches")]
        for name, layers, show, batch in SHAPES:
            if show == "surface":
                lessons += [load_lesson(p) for _, p in at_the_limit(Path(folder), name, layers, show, batch)]
        for lesson in lessons:
            cycle = lesson.build_cycle()
            cycle.run_until("update")
            point = cost.surface_point_seconds(tuple(cycle.network.sizes), len(cycle.data.x_train))
            for label, plan in (
                ("full grid", cost.SurfacePlan(72, 18, cost.FULL_SEARCH, cost.FULL_PATH)),
                ("planned", cost.surface_plan(72, 18, point, len(cycle.history_states()) + 1)),
            ):
                best = float("inf")
                for _ in range(3):
                    t = time.perf_counter()
                    loss_surface(
                        cycle,
                        1,
                        (0, 0),
                        (1, 0),
                        resolution=(plan.cols, plan.rows),
                        search=plan.search,
                        path_points=plan.path_points,
                    )
                    best = min(best, time.perf_counter() - t)
                print(
                    f"  {lesson.id:26s} {label:9s} grid {plan.cols:2d}x{plan.rows:<2d} search {plan.search}"
                    f"  {best * 1000:8.1f} ms  (a first drawing: range search, grid and path)"
                )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=5, help="timed enter presses on each view")
    parser.add_argument("--opens", type=int, default=3, help="openings of the lesson and of the baseline, and walks")
    parser.add_argument("--train-seconds", type=float, default=1.0)
    parser.add_argument("--only", default="", help="only the shapes whose name holds this")
    parser.add_argument("--surface", action="store_true", help="time the surface chart alone")
    args = parser.parse_args(argv)
    return surface_alone(args) if args.surface else lessons_at_limits(args)


if __name__ == "__main__":
    sys.exit(main())
