"""Is the cost model honest? Lessons at and just under its limits, opened in the app.

nntutor/curriculum/cost.py estimates, from a lesson file alone, the time to
the first frame, the time of one redraw and the peak memory, and the lesson
check refuses a file over 1 s, 100 ms or 200 MB. This script writes lessons
of several shapes (the network panel, the regions chart, the loss surface)
with as many samples as the model accepts ("under") and the next size up that
it refuses ("over"), opens each in a fresh process, headless at 80x24
(Textual's Pilot, the same app and screens), and prints what it measured
beside the model's estimate:

- first frame: the process's start to the lesson screen drawn (numpy, the
  app and the lesson loaded, the first chart computed), on the lesson's
  first step; the checking walk is not in it (it runs once per file);
- redraw: the median and the worst of ENTER presses (a whole pass of the
  cycle) with the lesson's heaviest chart on screen, each to the screen drawn;
- peak memory: the process's VmHWM after the presses and a few seconds of
  training (t, any key stops).

An "over" lesson is opened past the check, to show the model refuses what
would be too slow; the model is honest when every "under" lesson measures
within the limits and each estimate is at or above its measurement.

    python benchmarks/lesson_cost.py [--presses 15] [--train-seconds 2] [--only surface]
    python benchmarks/lesson_cost.py --surface     # the surface chart alone: plan, points, ms per draw
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "curriculum"))

from _term import quiet_env, temp_home  # noqa: E402
from cost_lessons import write_cost_lesson  # noqa: E402  (the lessons tests/curriculum/test_cost.py judges)

# (name, layers, show, batch); the first is the baseline: the smallest lesson, whose
# figures are the fixed cost of the process, the app and the harness on this machine now.
BASELINE = ("tiny-2-2-1", [2, 2, 1], "network", '"full"', 20)
SHAPES = [
    ("panel-2-64x3-1", [2, 64, 64, 64, 1], "network", '"full"'),
    ("regions-2-32x2-1", [2, 32, 32, 1], "regions", '"full"'),
    ("regions-2-100-1", [2, 100, 1], "regions", "50"),
    ("surface-2-8-8-1", [2, 8, 8, 1], "surface", '"full"'),
    ("surface-2-16-1", [2, 16, 1], "surface", '"full"'),
]
SAMPLE_STEPS = [20, 50, 100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 4000, 5000]

CHILD = r"""
import time
START = time.perf_counter()
import asyncio, json, statistics, sys
from nntutor.curriculum import check
from nntutor.curriculum.loader import load_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.lesson import LessonScreen

PATH, PRESSES, TRAIN_SECONDS, SHOW = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]


def peak_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) / 1024 for l in f if l.startswith("VmHWM:"))


check.cost_problems = lambda lesson: []  # past the cost check: an "over" lesson opens too


async def run():
    app = NNTutorApp(load_lesson(PATH))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(600):
            if isinstance(app.screen, LessonScreen):
                break
            await pilot.pause(0.1)
        else:
            raise SystemExit(f"the lesson screen never opened: {type(app.screen).__name__}")
        await pilot.pause()
        first = time.perf_counter() - START
        if SHOW != "network":
            await pilot.press("c")  # the charts, on the step's chart
            await pilot.pause()
        times = []
        for _ in range(PRESSES):
            t = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            times.append(time.perf_counter() - t)
        await pilot.press("t")
        await asyncio.sleep(TRAIN_SECONDS)
        await pilot.press("x")
        for _ in range(600):
            if not app.screen.training:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        print(json.dumps({"first": first, "median": statistics.median(times), "worst": max(times), "peak": peak_mb()}))


asyncio.run(run())
"""


def write_lesson(folder: Path, name: str, layers: list[int], show: str, batch: str, samples: int) -> Path:
    return write_cost_lesson(folder, name, layers, samples, show, batch)


def at_the_limit(folder: Path, name: str, layers: list[int], show: str, batch: str) -> list[tuple[str, Path]]:
    """The largest sample count the model accepts, and the next one it refuses."""
    from nntutor.curriculum import LessonError, cost
    from nntutor.curriculum.loader import load_lesson

    under = None
    for samples in SAMPLE_STEPS:
        path = write_lesson(folder, name, layers, show, batch, samples)
        try:
            lesson = load_lesson(path)
        except LessonError:  # e.g. fewer samples than the batch
            continue
        if cost.cost_problems(lesson):
            return ([("under", under)] if under else []) + [("over", path)]
        under = path
    return [("under", under)]


def measure(path: Path, show: str, args, home: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(args.presses), str(args.train_seconds), show],
        env=quiet_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode != 0:
        raise RuntimeError(f"measuring {path.name} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def lessons_at_limits(args) -> int:
    from nntutor.curriculum import cost
    from nntutor.curriculum.loader import load_lesson

    print("lessons at the cost model's limits, headless at 80x24 (measured / estimated)")
    print(f"limits: first frame {cost.FIRST_FRAME_SECONDS:g} s, redraw {cost.REDRAW_SECONDS * 1000:.0f} ms, ", end="")
    print(f"memory {cost.MEMORY_BYTES / 2**20:.0f} MB")
    print(
        f"  {'lesson':24s} {'':5s} {'first frame s':>15s} {'redraw ms (median, worst)':>27s} {'peak MB':>13s}  verdict"
    )
    with tempfile.TemporaryDirectory() as folder, temp_home() as home:
        name, layers, show, batch, samples = BASELINE
        cases = [(show, "base", write_lesson(Path(folder), name, layers, show, batch, samples))]
        for name, layers, show, batch in SHAPES:
            if not args.only or args.only in name:
                cases += [(show, side, path) for side, path in at_the_limit(Path(folder), name, layers, show, batch)]
        for show, side, path in cases:
            lesson = load_lesson(path)
            estimate = max(cost.lesson_estimates(lesson), key=lambda e: e.redraw)
            got = measure(path, show, args, home)
            within = (
                got["first"] <= cost.FIRST_FRAME_SECONDS
                and got["median"] <= cost.REDRAW_SECONDS
                and got["peak"] <= cost.MEMORY_BYTES / 2**20
            )
            print(
                f"  {path.stem:24s} {side:5s} {got['first']:6.2f} / {estimate.first_frame:5.2f}"
                f"   {got['median'] * 1000:5.0f}, {got['worst'] * 1000:5.0f} / {estimate.redraw * 1000:6.0f}"
                f"   {got['peak']:5.0f} / {estimate.memory / 2**20:4.0f}  "
                f"{'within limits' if within else 'OVER a limit'}"
            )
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
    parser.add_argument("--presses", type=int, default=15)
    parser.add_argument("--train-seconds", type=float, default=2.0)
    parser.add_argument("--only", default="", help="only the shapes whose name holds this")
    parser.add_argument("--surface", action="store_true", help="time the surface chart alone")
    args = parser.parse_args(argv)
    return surface_alone(args) if args.surface else lessons_at_limits(args)


if __name__ == "__main__":
    sys.exit(main())
