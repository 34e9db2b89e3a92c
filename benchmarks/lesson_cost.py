"""Is the cost model honest? Every shipped lesson, and lessons at its limits, timed in a real terminal.

nntutor/curriculum/cost.py estimates from a lesson file alone what showing the
lesson costs, and the lesson check refuses a file over a limit. Here each
lesson runs as the `nntutor` command in a pseudo-terminal at 80x24, the way a
learner sees it (benchmarks/_lesson_clock.py), beside a baseline lesson (the
smallest: 2-2-1 on 20 samples) timed the same way in the same run:

- first frame: process start to the lesson screen drawn (last byte), opening
  at the first step with the walk verdict known; median of OPENS openings.
  "first frame, whole" is what the learner waits, which the model estimates
  as the tutor's own start-up (cost.START_SECONDS) and what the lesson adds;
  "first frame, lesson" is the median minus the baseline's, beside the
  model's lesson part. Limit: 1 s, on the whole.
- walk: the checking walk through every step (its training included) that a
  file not walked before gets at its first opening (shipped lessons and files
  walked before skip it), and that opening at a later step replays; timed in
  this process. Limit: 8 s.
- redraw: one enter (a whole pass of the cycle), key to the last byte of the
  redrawn screen, median of PRESSES presses on each view the lesson can show
  (the network panel and each chart); the heaviest view is printed. Limit:
  100 ms ("redraw, lesson part", the median minus the baseline's, is shown,
  not judged). "relayout" is the slowest key that shows a view (c, tab) or first
  enter on it: the main area laid out anew and written whole (a chart drawn
  the first time at its size; plotext is imported before, once the lesson
  screen is drawn), beside the model's estimate of it. Limit: 100 ms.
- memory: the process's peak resident memory (VmHWM) after those presses and
  TRAIN_SECONDS of training. Limit: 200 MB.

Each time is printed on the clock (what the limits are about) and in the CPU
time the process used meanwhile (which a busy machine stretches far less).
Shipped lessons run as quiz-free copies (a quiz would take the keys); their
estimates are the shipped files'.

Lessons at the limits: for several shapes, the most samples the model accepts
("under") and the next size up, which it refuses ("at", opened past the check).
The model is honest when every estimate is at or above its clock figure, and
every accepted lesson is within the limits on the clock. The load average
(uptime) is printed beside each lesson: on a busy machine every time is longer,
the baseline's too.

    python benchmarks/lesson_cost.py [--presses 3] [--opens 1] [--train-seconds 0.5] [--only NAME] [--quick]
    python benchmarks/lesson_cost.py --surface     # the surface chart alone: plan, points, ms per draw
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "curriculum"))

from _lesson_clock import LessonClock, Timing, measure_lesson, medians  # noqa: E402
from _term import temp_home  # noqa: E402
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
WALKS, WALKS_SECONDS = 3, 3.0  # a lesson's walk is timed WALKS times, or fewer once the walks took WALKS_SECONDS
BASE_OPENS = 3  # the baseline's openings at the start and at the end of the run (at least)


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


def quiz_free_copy(path: Path, folder: Path) -> Path:
    """A shipped lesson without its quizzes (else a quiz takes the keys the benchmark presses)."""
    from nntutor.curriculum.toml_writer import dumps

    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    for step in doc.get("steps", []):
        step.pop("quizzes", None)
    copy = folder / f"shipped-{path.name}"
    copy.write_text(dumps(doc), encoding="utf-8")
    return copy


def timed_walks(lesson) -> Timing:
    """The checking walk, in this process: medians of up to WALKS walks, fewer once they took WALKS_SECONDS."""
    from nntutor.curriculum.walk import walk_lesson

    times = []
    while len(times) < WALKS and sum(t.clock for t in times) < WALKS_SECONDS:
        clock, cpu = time.perf_counter(), time.process_time()
        walk_lesson(lesson)
        times.append(Timing(time.perf_counter() - clock, time.process_time() - cpu))
    return medians(times)


def measure_case(
    judged, opened: Path, args, opens: int, presses: int, past_check: bool = False
) -> tuple[Timing, LessonClock]:
    """The walk of ``judged`` timed here, then the file ``opened`` timed in a pty, its walk remembered
    in its NNTUTOR_HOME (as a first opening would have): every opening is one at the first step."""
    from nntutor.curriculum import walk_cache
    from nntutor.curriculum.loader import load_lesson

    walk = timed_walks(judged)
    lesson = load_lesson(opened)
    with temp_home() as home:
        os.environ["NNTUTOR_HOME"] = home
        try:
            walk_cache.remember_pass(lesson.digest)
        finally:
            del os.environ["NNTUTOR_HOME"]
        train = args.train_seconds if presses else 0
        got = measure_lesson(lesson, opened, home, presses, opens, train, past_check)
    return walk, got


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


@dataclass
class Verdicts:
    """What the table found on the clock (and which of it in CPU time too): figures over their
    estimate, and figures of accepted lessons over a limit."""

    over_estimate: list[str] = field(default_factory=list)
    over_limit: list[str] = field(default_factory=list)
    cpu_over_estimate: list[str] = field(default_factory=list)
    cpu_over_limit: list[str] = field(default_factory=list)
    # First frames over the limit where the baseline's is over it too: the tutor's own start-up (issue 9).
    start_up_over: list[str] = field(default_factory=list)


SCALES = {"s": 1, "ms": 1000, "MB": 1}
# Figures printed beside their estimate but not judged: the baseline's heaviest view is often not the
# lesson's, so the difference of two redraws measures the views as much as the lesson's share.
SHOWN_ONLY = {"redraw, lesson part"}


def number(value: float | None, scale: float) -> str:
    if value is None or value != value:  # not estimated, or not measured (nan)
        return ""
    v = value * scale
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.1f}" if abs(v) >= 10 else f"{v:.3g}"


def print_row(
    name: str, label: str, side: str, figure: str, est, got: Timing, limit, unit: str, found: Verdicts, over=None
) -> None:
    """One figure: its estimate, clock and CPU figures, ratio, limit, and the verdicts on the clock."""
    what = f"{name} {figure}"
    vs_estimate = vs_limit = ""
    if est is not None and figure in SHOWN_ONLY:
        vs_estimate = "(shown)"
    elif est is not None:
        vs_estimate = "ok"
        if got.clock > est and got.clock > (0.002 if unit != "MB" else 0):
            vs_estimate = "OVER"
            found.over_estimate.append(what)
            if got.cpu > est:
                found.cpu_over_estimate.append(what)
    if limit is not None:
        vs_limit = "refused" if side == "at" else "OK"
        if side != "at" and got.clock > limit and over is not None:  # counted apart (see Verdicts)
            vs_limit = "OVER" + (", as the baseline's" if over is found.start_up_over else "")
            over.append(name)
        elif side != "at" and got.clock > limit:
            vs_limit = "OVER"
            found.over_limit.append(what)
            if got.cpu > limit:
                found.cpu_over_limit.append(what)
    scale = SCALES[unit]
    ratio = f"{got.clock / est:.2f}" if est and est > 0.002 else ""
    limit_text = f"{limit * scale:g} {unit}" if limit is not None else ""
    print(
        f"  {label:38s} {figure:20s} {number(est, scale):>7s} {number(got.clock, scale):>7s}"
        f" {number(got.cpu, scale):>7s} {ratio:>5s} {limit_text:>7s}  {vs_estimate:4s} {vs_limit}"
    )


HEADER = (
    f"  {'lesson':26s} {'side':5s} {'load':5s} {'figure':20s} {'estim.':>7s} {'clock':>7s} {'(cpu)':>7s}"
    f" {'ratio':>5s} {'limit':>7s}  on the clock: vs estimate, vs limit"
)


def print_case(name, side, lesson, got: LessonClock, base_open: Timing, base_redraw: Timing, walk, found) -> None:
    from nntutor.curriculum import cost

    estimate = cost.lesson_estimates(lesson)[0]  # the first run: the one opened at the first step
    opened = medians(got.opens)
    view, redraw = got.heaviest_view()
    shown_view, relayout = got.heaviest_relayout()
    rows = [
        ("first frame, whole", estimate.first_frame, opened, cost.FIRST_FRAME_SECONDS, "ms"),
        ("walk", cost.walk_seconds(lesson)[0], walk, cost.CHECK_SECONDS, "s"),
        (f"redraw ({view})", estimate.redraw, redraw, cost.REDRAW_SECONDS, "ms"),
        (f"relayout ({shown_view})", estimate.relayout, relayout, cost.REDRAW_SECONDS, "ms"),
        ("memory", estimate.memory / 2**20, Timing(got.peak_mb, float("nan")), cost.MEMORY_BYTES / 2**20, "MB"),
    ]
    if side != "base":
        lesson_part = Timing(opened.clock - base_open.clock, opened.cpu - base_open.cpu)
        rows.insert(1, ("first frame, lesson", estimate.first_frame_lesson, lesson_part, None, "ms"))
        part = Timing(redraw.clock - base_redraw.clock, redraw.cpu - base_redraw.cpu)
        rows.insert(4, ("redraw, lesson part", estimate.redraw - cost.REDRAW_BASE_SECONDS, part, None, "ms"))
    label = f"{name:26s} {side:5s} {os.getloadavg()[0]:<5.1f}"
    base_over = side != "base" and base_open.clock > cost.FIRST_FRAME_SECONDS
    for i, (figure, est, measured, limit, unit) in enumerate(rows):
        over = found.start_up_over if i == 0 and base_over else None
        blank = " " * len(label)
        print_row(name, blank if i else label, side, figure, est, measured, limit, unit, found, over)
    if side == "at":
        refused = [p.message.split(": about ")[-1].split(", the limit")[0] for p in cost.cost_problems(lesson)]
        print(f"  {'':38s} refused: {'; '.join(refused)}")


def lessons_at_limits(args) -> int:
    from nntutor.curriculum import load_lessons
    from nntutor.curriculum.loader import load_lesson

    print(__doc__.split("\n\n    python")[0])
    print(
        f"\n{time.strftime('%H:%M:%S')} load average {load()}; {args.presses} presses a view,"
        f" {args.opens} openings, medians; a pty at 80x24"
    )
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        name, layers, show, batch, samples = BASELINE
        base_path = write_cost_lesson(folder, name, layers, samples, show, batch)
        cases = []  # (name, side, the lesson judged, the file opened)
        shipped, _ = load_lessons()
        for les in shipped:
            if not args.only or args.only in les.path.stem:
                cases.append((les.path.stem, "ship", les, quiz_free_copy(les.path, folder)))
        for name, layers, show, batch in SHAPES:
            if not args.only or args.only in name:
                cases += [
                    (p.stem, side, load_lesson(p), p) for side, p in at_the_limit(folder, name, layers, show, batch)
                ]
        if not args.only or args.only in WALK_SHAPE[0]:
            cases += [(p.stem, side, load_lesson(p), p) for side, p in at_the_limit(folder, *WALK_SHAPE)]
        if args.quick:
            cases = [case for case in cases if case[1] != "at"]

        base_opens = max(BASE_OPENS, args.opens)
        base_walk, base = measure_case(load_lesson(base_path), base_path, args, base_opens, args.presses)
        base_open, (base_view, base_redraw) = medians(base.opens), base.heaviest_view()
        print("\n" + HEADER)
        found = Verdicts()
        print_case(base_path.stem, "base", load_lesson(base_path), base, base_open, base_redraw, base_walk, found)
        for name, side, lesson, path in cases:
            walk, got = measure_case(lesson, path, args, args.opens, args.presses, past_check=side == "at")
            print_case(name, side, lesson, got, base_open, base_redraw, walk, found)
        _, again = measure_case(load_lesson(base_path), base_path, args, base_opens, presses=0)
        base_again = medians(again.opens)
        print(
            f"\nbaseline {base_path.stem}: first frame {base_open.clock * 1000:.0f} ms at the start,"
            f" {base_again.clock * 1000:.0f} ms at the end (cpu {base_open.cpu * 1000:.0f},"
            f" {base_again.cpu * 1000:.0f}); redraw ({base_view}) {base_redraw.clock * 1000:.1f} ms"
            f" (cpu {base_redraw.cpu * 1000:.1f})"
        )
        print(f"{time.strftime('%H:%M:%S')} load average {load()}; the run took {time.perf_counter() - began:.0f} s")
        for what, clock, cpu in (
            ("over their estimate", found.over_estimate, found.cpu_over_estimate),
            ("of accepted lessons over a limit", found.over_limit, found.cpu_over_limit),
        ):
            print(f"{len(clock)} figures {what} on the clock" + (": " + ", ".join(clock) if clock else ""))
            if clock:
                print(f"  of them {len(cpu)} in CPU time too" + (": " + ", ".join(cpu) if cpu else ""))
        if found.start_up_over:
            print(
                f"{len(found.start_up_over)} first frames over the limit where the baseline's is over it too"
                " (the tutor's own start-up, not the lesson's part): " + ", ".join(found.start_up_over)
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
    parser.add_argument("--presses", type=int, default=3, help="timed enter presses on each view")
    parser.add_argument("--opens", type=int, default=1, help="timed openings of each lesson (the baseline: 3 or more)")
    parser.add_argument("--train-seconds", type=float, default=0.5)
    parser.add_argument("--only", default="", help="only the lessons whose name holds this")
    parser.add_argument("--quick", action="store_true", help="no 'at' cases (the refused lessons)")
    parser.add_argument("--surface", action="store_true", help="time the surface chart alone")
    args = parser.parse_args(argv)
    return surface_alone(args) if args.surface else lessons_at_limits(args)


if __name__ == "__main__":
    sys.exit(main())
