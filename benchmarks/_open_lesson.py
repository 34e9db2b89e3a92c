"""One lesson measured in the app, headless at 80x24 (Pilot), in a process of its own; run by lesson_cost.py.

    python benchmarks/_open_lesson.py LESSON BASELINE PRESSES OPENS TRAIN_SECONDS

Prints one JSON line:
- cold: the script's start to LESSON's screen drawn (imports, and the checking walk of a file
  not walked before, included);
- walks: the checking walk alone (check.walk_problems' own work), timed OPENS times (or fewer,
  once they have taken WALKS_SECONDS);
- opens / base_opens: LESSON and the minimal BASELINE lesson opened again, alternately, OPENS
  times each: a new app to the lesson screen drawn, walk verdict known (the difference of the
  medians is the lesson's own share of a first frame);
- redraws: for each view the lesson can show (the network panel, then each chart), PRESSES
  presses of enter (a whole pass of the cycle), each key to the screen drawn;
- peak: VmHWM in MB after the presses and TRAIN_SECONDS of training (t, then x stops).

Each time is a pair [wall, cpu]: seconds on the clock, and the CPU seconds the process used
meanwhile (all its threads), which a busy machine stretches far less than the clock.

Quizzes are set aside (escaped, and the step's counted as asked) so that every enter runs a pass.
The cost check is bypassed, so that a lesson the model refuses opens too.
"""

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from nntutor.curriculum import check  # noqa: E402
from nntutor.curriculum.loader import load_lesson  # noqa: E402
from nntutor.curriculum.walk import walk_lesson  # noqa: E402
from nntutor.ui.app import NNTutorApp  # noqa: E402
from nntutor.ui.screens.lesson import LessonScreen  # noqa: E402
from nntutor.ui.screens.quiz import QuizScreen  # noqa: E402

WALKS_SECONDS = 5.0  # a walk is timed OPENS times, or fewer once the walks have taken this long

check.cost_problems = lambda lesson: []  # past the cost check: a lesson the model refuses opens too


def peak_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:"))


async def lesson_screen(app, pilot) -> LessonScreen:
    """The lesson screen once drawn (its opening quizzes, if any, are above it)."""
    for _ in range(3000):
        screen = next((s for s in app.screen_stack if isinstance(s, LessonScreen)), None)
        if screen is not None:
            await pilot.pause()
            return screen
        await pilot.pause(0.01)
    raise SystemExit(f"the lesson screen never opened: {type(app.screen).__name__}")


async def set_quizzes_aside(app, pilot, screen: LessonScreen) -> None:
    while isinstance(app.screen, QuizScreen):
        await pilot.press("escape")
        await pilot.pause()
    screen.session.asked.update(quiz.id for quiz in screen.session.step.quizzes)


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(began: tuple[float, float]) -> list[float]:
    now = clocks()
    return [now[0] - began[0], now[1] - began[1]]


async def presses(app, pilot, screen: LessonScreen, n: int) -> list[list[float]]:
    """``n`` timed enter presses, after one untimed (a chart's first drawing is not a redraw)."""
    times = []
    for i in range(n + 1):
        began = clocks()
        await pilot.press("enter")
        await pilot.pause()
        took = since(began)
        if isinstance(app.screen, QuizScreen):  # not a redraw: a quiz came up
            await set_quizzes_aside(app, pilot, screen)
        elif i:
            times.append(took)
    return times


async def redraws(app, pilot, screen: LessonScreen, n: int) -> dict[str, list[list[float]]]:
    found = {}
    for _ in range(4):
        if screen.view == "network":
            break
        await pilot.press("tab")
        await pilot.pause()
    found["network"] = await presses(app, pilot, screen, n)
    await pilot.press("c")  # the charts
    panel = screen.chart_panel()
    for _ in range(500):
        if panel.is_mounted:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    for kind in panel.kinds:
        for _ in range(len(panel.kinds) + 1):
            if panel.kind == kind:
                break
            await pilot.press("c")
            await pilot.pause()
        found[kind] = await presses(app, pilot, screen, n)
    return found


async def open_once(lesson, measure=None) -> list[float]:
    began = clocks()
    app = NNTutorApp(lesson)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lesson_screen(app, pilot)
        took = since(began)
        if measure is not None:
            await set_quizzes_aside(app, pilot, screen)
            await measure(app, pilot, screen)
    return took


async def run(path: str, base_path: str, n_presses: int, opens: int, train_seconds: float) -> dict:
    lesson, base = load_lesson(path), load_lesson(base_path)
    got: dict = {}

    async def measure(app, pilot, screen):
        got["redraws"] = await redraws(app, pilot, screen, n_presses)
        await pilot.press("t")
        await asyncio.sleep(train_seconds)
        await pilot.press("x")
        for _ in range(600):
            if not screen.training:
                break
            await pilot.pause(0.05)
        await pilot.pause()

    imported = [time.perf_counter() - START, time.process_time()]
    took = await open_once(lesson, measure)
    got["cold"] = [imported[0] + took[0], imported[1] + took[1]]
    got["peak"] = peak_mb()
    got["walks"] = []
    while len(got["walks"]) < opens and sum(wall for wall, _ in got["walks"]) < WALKS_SECONDS:
        began = clocks()
        walk_lesson(lesson)
        got["walks"].append(since(began))
    check.walk_problems(base)  # remembered, as the lesson's was at its first opening
    got["opens"], got["base_opens"] = [], []
    for _ in range(opens):
        got["opens"].append(await open_once(lesson))
        got["base_opens"].append(await open_once(base))
    return got


if __name__ == "__main__":
    path, base_path, n_presses, opens, train_seconds = sys.argv[1:6]
    print(json.dumps(asyncio.run(run(path, base_path, int(n_presses), int(opens), float(train_seconds)))))
