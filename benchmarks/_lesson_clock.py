"""One lesson timed in a real terminal, the way a learner sees it; used by lesson_cost.py.

The tutor runs as a whole process in a pseudo-terminal of 80x24 (_term.PtyRun),
with its own NNTUTOR_HOME for the lesson, in which the caller has remembered the
lesson's walk (as its first opening would have), so that each opening is one at
the first step with the walk verdict known:

- opens: OPENS processes (killed once measured), each from its start to the lesson screen drawn, with
  the CPU time the process used by then. The first goes on to measure:
- redraws: on every view the lesson can show (the network panel and each of its
  charts), PRESSES enters (a whole pass of the cycle), each from writing the key
  to the last byte of the redraw (the screen quiet for _term.QUIET_S after it),
  with the CPU time the process's threads used meanwhile;
- relayouts: before them, the key that shows the view (c or tab) and its first
  enter, timed the same way: the main area is laid out anew then (a chart drawn
  the first time at its size) and written whole, which the steady redraws above
  do not show;
- peak: the process's VmHWM after those presses and TRAIN_SECONDS of training
  (t, then x stops it).

A lesson screen is drawn once its footer's "⏎ Pass" key has appeared (the
opening screen before it has only escape and q) and the program has then written nothing
for QUIET_S.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from _term import FIRST_BYTE_S, LESSON_READY, PtyRun, nntutor_command, quiet_env

# Past the lesson check's cost model: a lesson the model refuses opens too (everything else as `nntutor PATH`).
PAST_COST_CHECK = (
    "import sys; from nntutor.curriculum import check; check.cost_problems = lambda lesson: []; "
    "from nntutor.cli import main; sys.exit(main())"
)
# The order `c` steps through the charts (nntutor/ui/charts.py CHART_ORDER), kept here so that the
# benchmark knows which chart each press shows without importing the UI.
CHART_ORDER = ("loss", "function", "curve", "surface")
ENTER = b"\r"


@dataclass(frozen=True)
class Timing:
    clock: float  # seconds on the clock
    cpu: float  # CPU seconds the process used meanwhile (all its threads)


@dataclass
class LessonClock:
    opens: list[Timing]
    peak_mb: float
    redraws: dict[str, list[Timing]] = field(default_factory=dict)
    # Each view's key (c or tab) and its first enter: the main area laid out anew (the chart drawn
    # the first time at its size), redrawn whole.
    relayouts: dict[str, list[Timing]] = field(default_factory=dict)

    def heaviest_view(self) -> tuple[str, Timing]:
        """The view whose median redraw is the longest on the clock, and its medians."""
        found = [(view, medians(times)) for view, times in self.redraws.items() if times]
        return max(found, key=lambda v: v[1].clock)

    def heaviest_relayout(self) -> tuple[str, Timing]:
        """The longest redraw on the clock of a view's key or its first enter, and its view."""
        found = [(view, timing) for view, times in self.relayouts.items() for timing in times]
        return max(found, key=lambda v: v[1].clock)


def medians(times: list[Timing]) -> Timing:
    if not times:
        return Timing(float("nan"), float("nan"))
    return Timing(statistics.median(t.clock for t in times), statistics.median(t.cpu for t in times))


def lesson_argv(path: Path, past_check: bool) -> list[str]:
    if past_check:
        return [sys.executable, "-c", PAST_COST_CHECK, str(path)]
    return nntutor_command() + [str(path)]


def views(lesson) -> list[tuple[str, bytes | None, str | None]]:
    """The views to time, in the order reached: (view, key that reaches it from the one before, text
    that says it came). The lesson opens on its first step's chart or on the network panel; `c`
    shows the charts, then the next one; tab goes from the charts to the network panel."""
    shows = {step.show for step in lesson.steps}
    kinds = [k for k in CHART_ORDER if k in {"loss", "function"} | (shows & {"surface", "curve"})]
    first = lesson.steps[0].show
    first = "function" if first == "regions" else first
    start = first if first in kinds else None
    k0 = kinds.index(start or "loss")
    charts = kinds[k0:] + kinds[:k0]
    found = [(charts[0], None, None)] if start else [("network", None, None), (charts[0], b"c", None)]
    found += [(kind, b"c", f"chart: {kind}") for kind in charts[1:]]
    if start:
        found.append(("network", b"\t", None))
    return found


def _screen_drawn(run: PtyRun, marker: str) -> Timing:
    """Wait for the lesson screen; its time since the start and the CPU used by then."""
    run.wait_for_text(marker, timeout=120)
    last = run.settle()
    return Timing(last - run.started, run.cpu_seconds() or float("nan"))


def _timed_press(run: PtyRun, key: bytes) -> Timing | None:
    """``key`` to the last byte of its redraw, and the CPU time meanwhile; None if it drew nothing."""
    before = run.thread_cpu_ns()
    seconds, written, _ = run.press(key, wait_first=FIRST_BYTE_S, settle_first=False)
    after = run.thread_cpu_ns()
    if not written:
        return None
    return Timing(seconds, (after - before) / 1e9 if before is not None and after is not None else float("nan"))


def _timed_enters(run: PtyRun, presses: int) -> list[Timing]:
    found = (_timed_press(run, ENTER) for _ in range(presses))
    return [timing for timing in found if timing is not None]


def measure_lesson(
    lesson, path: Path, home: str, presses: int, opens: int, train_seconds: float, past_check: bool = False
) -> LessonClock:
    """The figures of ``lesson`` (read from ``path``) in a pty at 80x24; ``home`` is its NNTUTOR_HOME."""
    argv, env = lesson_argv(path, past_check), quiet_env(home)
    marker = LESSON_READY
    run = PtyRun(argv, env).start()
    try:
        got = LessonClock([_screen_drawn(run, marker)], 0.0)
        for view, key, said in views(lesson) if presses else ():
            shown = []
            if key is not None:
                since = len(run.chunks)
                shown.append(_timed_press(run, key))
                if said:
                    run.wait_for_text(said, timeout=10, since=since)
            shown.append(_timed_press(run, ENTER))
            got.relayouts[view] = [timing for timing in shown if timing is not None]
            got.redraws[view] = _timed_enters(run, presses)
        if train_seconds:
            run.press(b"t", settle_first=False)
            run.read_for(train_seconds)
            run.press(b"x", wait_first=FIRST_BYTE_S, settle_first=False)  # any key stops training
        got.peak_mb = (run.peak_rss_kb() or 0) / 1024
    finally:
        run.kill()
    for _ in range(opens - 1):
        run = PtyRun(argv, env).start()
        try:
            got.opens.append(_screen_drawn(run, marker))
        finally:
            run.kill()
    return got
