"""Walk a shipped lesson in the real app and look at the screen at the moment each quiz is asked.

A quiz is a prediction: nothing it asks for may already be on screen. The
walk presses the keys a learner presses (space through a cycle step, t for a
train step, ] for the next step). Where the app would open a quiz, the
walk first reads every view the learner could bring up with tab and c (the
network, the lesson text, each chart), and the detail panel's arithmetic for
every neuron, weight and the loss the learner could select, and looks for
the answer in the forms the panels write numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ui_helpers import make_app, screen_text

from nntutor.ui.format import cell, num
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.selection import column_items, n_columns
from nntutor.ui.widgets.detail import detail_lines

NARROW, WIDE = (80, 24), (120, 40)  # 120x40 is wide and tall enough to show every panel at once

# Quizzes whose answer is on screen as something the learner is meant to use,
# not as the result asked for. Each says why; keep this list short.
GIVENS = {
    (
        "loss",
        "guess-a",
    ): "with x = 0 the guess is the bias the panel shows (350): seeing that w x vanishes is the exercise",
    (
        "loss",
        "bias-350",
    ): "the bias moves to 500, which is also the target the panel and text show; it says nothing of the way",
    (
        "loss",
        "guess-b",
    ): "the function chart draws the guess at every x, so its tick 600 is where the line ends: reading the "
    "chart is as good as computing w x + b",
    ("loss", "loss-600"): "10000 is a round tick of the curve chart's loss axis on a wide screen; the point's height "
    "cannot be read to the quiz's 0.5",
    ("derivative", "guess-after-10"): "500 is the target, given; the quiz asks whether ten halvings of a 37.5 miss get "
    "within 1 of it",
}


@dataclass(frozen=True)
class Leak:
    lesson: str
    quiz: str
    where: str
    found: str

    def __str__(self) -> str:
        return f"{self.lesson} quiz {self.quiz}: {self.found!r} on screen ({self.where})"


def number_forms(value: float) -> set[str]:
    """How the panels, the status line and the charts would write `value`."""
    forms = {num(value), num(value, 6), cell(value).strip(), f"{value:.4g}", f"{value:.3g}"}
    return {f for f in forms if f not in ("", "0", "-0")}


def _token(form: str) -> re.Pattern:
    """`form` standing alone: not inside a longer number."""
    return re.compile(r"(?<![\d.])" + re.escape(form) + r"(?![\d])")


def find_number(value: float, text: str) -> str | None:
    if value == 0:  # a zero cannot be told apart from the other zeros on screen
        return None
    for form in sorted(number_forms(value), key=len, reverse=True):
        if len(form.lstrip("-").replace(".", "")) < 2:  # a single digit is everywhere
            continue
        if _token(form).search(text):
            return form
    return None


def giveaway(quiz, cycle):
    """What would give the answer away on screen: the number, the right choice, or a parameter's value
    after the reveal (for a direction quiz); None if there is nothing to look for."""
    if quiz.kind == "number":
        return float(quiz.expected(cycle))
    if quiz.kind == "choice":
        return str(quiz.expected(cycle))
    if quiz.path is not None and quiz.path.name in ("W", "b"):
        after = float(quiz.path.read(quiz.revealed_state(cycle)))
        return after if after != float(quiz.path.read(cycle.state)) else None
    return None


def answer_on_screen(quiz, answer, text: str) -> str | None:
    """The answer (from `giveaway`) if `text` shows it."""
    if answer is None:
        return None
    if quiz.kind == "choice":
        # The right choice stands out only if it is on screen and no other choice is.
        found = [c for c in quiz.choices if len(c) >= 6 and c.lower() in text.lower()]
        return answer if found == [answer] else None
    return find_number(answer, text)


def every_selection(sizes) -> list:
    return [item for column in range(n_columns(sizes)) for item in column_items(column, sizes)]


def detail_text(screen: LessonScreen) -> str:
    """The detail panel's lines for every selection the learner could move to."""
    cycle = screen.session.cycle
    state = cycle.state
    phase = state.last_phase
    before = cycle.previous_state if phase is not None and phase.kind == "update" else None
    batch = 1 if state.x is None else len(state.x)
    lines = []
    for selection in every_selection(state.network.sizes):
        for sample in range(batch):
            title, pairs = detail_lines(cycle, state, selection, sample, before)
            lines.append(title)
            lines += [line for _, line in pairs]
    return "\n".join(lines)


async def views(pilot, screen: LessonScreen, label: str, view: str, charts: bool) -> dict[str, str]:
    """The screen with `view` brought forward (as tab would), and with `charts` each chart kind (as c would)."""
    app = pilot.app
    out = {}
    if screen.view != view:
        screen.view = view
        screen._apply_view()
        screen.refresh_view()
    await pilot.pause()
    out[f"{label} view {view}"] = screen_text(app)
    if charts and screen.charts_visible():
        panel = screen.chart_panel()
        await pilot.pause()
        first = panel.kind
        for _ in range(len(panel.kinds) - 1):
            panel.next_chart()
            await pilot.pause()
            out[f"{label} chart {panel.kind}"] = screen_text(app)
        panel.show(first)
    return out


async def screens(pilot, screen: LessonScreen) -> dict[str, str]:
    """What the learner can see. At 80x24: the network view (with the status line and the last
    message) and the step's text (the lesson view shows it, scrolled); the charts view holds the wide
    screen's charts, smaller. On a wide screen every panel shows at once: the screen with each chart.
    At either size: the detail panel's arithmetic for every selection."""
    size = pilot.app.size
    label = f"{size.width}x{size.height}"
    if (size.width, size.height) == NARROW:
        out = await views(pilot, screen, label, "network", charts=False)
        out["80x24 lesson text"] = f"{screen.session.step.text}\n{screen.session.todo()}"
    else:
        out = await views(pilot, screen, label, screen.view, charts=True)
    out["detail (every selection)"] = detail_text(screen)
    return out


async def walk(lesson_id: str, size: tuple[int, int], monkeypatch) -> tuple[list[Leak], int]:
    """Walk the lesson to its end as a learner would (the screen's own actions: a phase at a time,
    training, the next step); the leaks found and how many quizzes were looked at."""
    pending: list = []

    def hold(self, quizzes, then):  # instead of opening the quiz screen: look first
        self.asking = True
        pending.append((quizzes, then))

    monkeypatch.setattr(LessonScreen, "ask", hold)
    leaks: list[Leak] = []
    asked = 0
    app = make_app(lesson_id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        session = screen.session

        async def look(quizzes) -> None:
            nonlocal asked
            seen = await screens(pilot, screen)
            for quiz in quizzes:
                asked += 1
                session.quiz_closed(quiz)
                if (lesson_id, quiz.id) in GIVENS:
                    continue
                answer = giveaway(quiz, session.cycle)
                for where, text in seen.items():
                    found = answer_on_screen(quiz, answer, text)
                    if found:
                        leaks.append(Leak(lesson_id, quiz.id, f"step {session.index + 1}, {where}", found))

        async def settle() -> None:
            while pending:
                quizzes, then = pending.pop(0)
                await look(quizzes)
                screen.asking = False
                then()

        for _ in range(500):
            await settle()
            action = session.step.action
            if action.do == "cycle" and not session.action_done and not session.cycle.diverged:
                screen.run_phases(lambda phase: True, limit=1)
                continue
            if action.do == "train" and not session.action_done and not session.cycle.diverged:
                due = session.quizzes_due("train")
                if due:
                    await look(due)
                session.finish_step()  # the same epochs t would train, here on this thread
                screen.refresh_view()
                continue
            if session.is_last:
                break
            screen.action_next_step()
        else:
            raise AssertionError(f"the walk did not reach the end of {lesson_id} (stuck at step {session.index + 1})")
    return leaks, asked
