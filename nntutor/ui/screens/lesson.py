"""The lesson screen: the step's text, the network, the arithmetic, the charts and the keys.

State flows down: after every action the screen hands the cycle's state to
its widgets, and each redraws only if its part changed. Long work (training)
runs in a thread worker that posts TrainProgress / TrainFinished messages.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from rich.markdown import Markdown as RichMarkdown
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from nntutor.engine import LearningCycle

from ..format import num
from ..messages import TrainFinished, TrainProgress
from ..plain import plain, plain_content
from ..selection import clamp, first, move
from ..session import LessonSession
from ..widgets.detail import DetailPanel, detail_lines
from ..widgets.network import NetView, NetworkPanel
from ..widgets.status import StatusLine, status_parts
from ..widgets.text_pane import TextPane
from ..widgets.too_small import TooSmall, breakpoints
from .quiz import QuizOutcome, QuizScreen

VIEWS = ("network", "lesson", "charts")
LR_LADDER = tuple(m * 10.0**e for e in range(-5, 4) for m in (1, 2, 5))
AUTOPLAY_SPEEDS = (2.0, 1.0, 0.5, 0.25, 0.1, 0.05)  # seconds per phase
TRAIN_PROGRESS_EVERY = 0.25  # seconds between progress messages (the status line) while training
# A progress message redraws every panel and chart only while the UI thread
# has used at most this share of the CPU time since the last such redraw (the
# training thread the rest): the two share one interpreter lock and, on a
# busy machine, the same core, so panels that cost 100 ms are drawn about
# once a second of training, and training keeps ~90 % of the engine's speed.
TRAIN_REDRAW_SHARE = 0.1
TRAIN_CHUNK_SECONDS = 0.05  # epochs are run in chunks of about this long
TRAIN_UNTIL_STOPPED = 100_000  # epochs for t outside a train step (any key stops sooner)


def next_lr(lr: float, up: bool) -> float:
    """The next rate on the 1-2-5 ladder above (or below) lr."""
    if up:
        return next((v for v in LR_LADDER if v > lr * (1 + 1e-9)), LR_LADDER[-1])
    return next((v for v in reversed(LR_LADDER) if v < lr * (1 - 1e-9)), LR_LADDER[0])


class LessonScreen(Screen):
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = breakpoints()
    AUTO_FOCUS = None

    BINDINGS = [
        Binding("space,n", "next_phase", "Next", id="phase.next", tooltip="Run the next phase of the cycle"),
        Binding(
            "backspace,p",
            "undo",
            "Back",
            key_display="⌫",
            id="phase.undo",
            tooltip="Step back: undo the last phase (or training run, reset, rate change)",
        ),
        Binding("N,ctrl+y", "redo", "Redo", id="phase.redo", tooltip="Redo what step back undid"),
        Binding(
            "f",
            "run_to('forward')",
            "Forward",
            show=False,
            id="phase.forward",
            tooltip="Forward one layer (runs up to the next forward phase)",
        ),
        Binding("l", "run_to('loss')", "Loss", show=False, id="phase.loss", tooltip="Run up to and including the loss"),
        Binding(
            "b",
            "run_to('backward')",
            "Backward",
            show=False,
            id="phase.backward",
            tooltip="Backward one layer (runs up to the next backward phase)",
        ),
        Binding(
            "u",
            "run_to('update')",
            "Update",
            show=False,
            id="phase.update",
            tooltip="Run up to and including the update (applies the gradients)",
        ),
        Binding(
            "enter",
            "finish_pass",
            "Pass",
            key_display="⏎",
            id="phase.pass",
            tooltip="Finish the pass: every phase up to and including the update",
        ),
        Binding("t", "train", "Train", id="train", tooltip="Train epochs in the background; any key stops"),
        Binding("a", "autoplay", "Play", id="autoplay", tooltip="Auto-play: one phase at a time; a again stops"),
        Binding(
            "greater_than_sign",
            "speed(1)",
            "Faster",
            show=False,
            key_display=">",
            id="autoplay.faster",
            tooltip="Auto-play faster",
        ),
        Binding(
            "less_than_sign",
            "speed(-1)",
            "Slower",
            show=False,
            key_display="<",
            id="autoplay.slower",
            tooltip="Auto-play slower",
        ),
        Binding("up,k", "select('up')", "Select up", show=False, id="select.up", tooltip="Move the selection up"),
        Binding(
            "down,j", "select('down')", "Select down", show=False, id="select.down", tooltip="Move the selection down"
        ),
        Binding(
            "left,h",
            "select('left')",
            "Select left",
            show=False,
            id="select.left",
            tooltip="Move the selection left (along a connection)",
        ),
        Binding(
            "right",
            "select('right')",
            "Select right",
            show=False,
            id="select.right",
            tooltip="Move the selection right (l is the loss key)",
        ),
        Binding(
            "s",
            "sample(1)",
            "Sample",
            show=False,
            id="sample.next",
            tooltip="Show the next sample of the batch in the panels",
        ),
        Binding(
            "plus,equals_sign",
            "lr(True)",
            "lr+",
            key_display="+",
            show=False,
            id="lr.up",
            tooltip="Learning rate up (1-2-5 steps)",
        ),
        Binding(
            "minus",
            "lr(False)",
            "lr-",
            key_display="-",
            show=False,
            id="lr.down",
            tooltip="Learning rate down (1-2-5 steps)",
        ),
        Binding(
            "r", "reset", "Reset", show=False, id="reset", tooltip="Reset the network to the lesson's start (undoable)"
        ),
        Binding(
            "c",
            "next_chart",
            "Chart",
            show=False,
            id="chart.next",
            tooltip="Show the charts, then the next chart: loss, function or regions, surface",
        ),
        Binding(
            "e",
            "loss_chart('cycle_mode')",
            "Step/epoch",
            show=False,
            id="chart.mode",
            tooltip="Loss chart: every step, each epoch's mean, or as suits the lesson",
        ),
        Binding(
            "g",
            "loss_chart('toggle_log')",
            "Log scale",
            show=False,
            id="chart.log",
            tooltip="Loss chart: log scale on or off",
        ),
        Binding(
            "tab", "cycle_view", "Panels", id="view.next", tooltip="Cycle the panels: network, lesson text, charts"
        ),
        Binding(
            "right_square_bracket",
            "next_step",
            "Step",
            key_display="]",
            id="step.next",
            tooltip="Next lesson step (finishes what this step asks first)",
        ),
        Binding(
            "left_square_bracket",
            "previous_step",
            "Prev",
            key_display="[",
            show=False,
            id="step.previous",
            tooltip="Previous lesson step (the network goes back to where it began)",
        ),
        Binding(
            "pagedown", "scroll_text(1)", "Text down", show=False, id="text.down", tooltip="Scroll the lesson text down"
        ),
        Binding("pageup", "scroll_text(-1)", "Text up", show=False, id="text.up", tooltip="Scroll the lesson text up"),
        Binding("escape", "lessons", "Lessons", show=False, id="lessons", tooltip="Back to the lesson list"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help", tooltip="Every key"),
        Binding("q", "app.quit", "Quit", show=False, id="quit", tooltip="Quit (progress is saved)"),
    ]

    def __init__(self, session: LessonSession):
        super().__init__()
        self.session = session
        self.selection = first(session.cycle.network.sizes)
        self.sample = 0
        self.view = "network"
        self.training = False
        self.train_epochs_done = 0
        self.train_state: Any = None  # the training worker's latest state, shown while it runs
        self.next_progress_at = math.inf  # when the training worker may post its next progress (UI sets it)
        self.train_cpu = 0.0  # CPU seconds the training worker has used in this run (the worker sets it)
        self.redraw_cpu = (0.0, 0.0)  # (UI thread, worker) CPU seconds at the last whole redraw while training
        self._train_stop: threading.Event | None = None  # set to stop the running training thread
        self.autoplay_timer: Timer | None = None
        self.speed = 2
        self.shown_step: int | None = None
        self.message = ""  # a one-line note shown under the status (what a key did)
        self._binding_key: tuple | None = None
        self._charts_key: Any = None
        self._chart_panel: Any = None  # built when the charts first show
        self._chart_kind = "loss"  # the chart the step asks for
        self.asking = False
        self.quiz_closed_at: float | None = None  # Textual's event clock
        self._after_quiz: Any = None  # what to do once the quiz screen has gone

    # -- layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(classes="screen-body", id="lesson-body"):
            yield StatusLine(id="status")
            yield Static("", id="notice", markup=False)
            with Horizontal(id="main"):
                with TextPane(id="lesson-pane"):
                    yield Static("", id="lesson-text")
                with Vertical(id="work"):
                    yield NetworkPanel(id="network")
                    yield Vertical(id="charts")
                    yield DetailPanel(id="detail")
            yield Static("", id="message", markup=False)
        yield Footer(compact=True)

    def chart_panel(self) -> Any:
        """The charts, built the first time they show.

        plotext then loads only when a learner opens the charts, which keeps
        it out of the start-up of an 80x24 lesson (where the network shows
        first). The panel draws once it has mounted.
        """
        if self._chart_panel is None:
            from ..charts import ChartPanel

            kinds = ["loss", "function"]
            for kind in ("surface", "curve"):
                if any(step.show == kind for step in self.session.lesson.steps):
                    kinds.append(kind)
            spec = self.session.lesson.surface
            surface = (
                {} if spec is None else dict(weight_layer=spec.layer, weights=(spec.w1, spec.w2), ranges=spec.ranges)
            )
            self._chart_panel = ChartPanel(
                kinds=tuple(kinds), initial=self._chart_kind, surface=surface, id="chart-panel"
            )
            mounting = self.query_one("#charts", Vertical).mount(self._chart_panel)
            self._charts_key = None

            async def draw_when_mounted() -> None:
                await mounting
                self.refresh_view()

            self.call_later(draw_when_mounted)
        return self._chart_panel

    def on_mount(self) -> None:
        self._apply_view()
        self.enter_step()

    # -- the step --------------------------------------------------------------------
    def enter_step(self) -> None:
        """Show the current step; ask its opening quizzes, then apply its settings."""
        if self.gone():
            return
        step = self.session.step
        if step.show in ("loss", "function", "regions", "surface", "curve"):
            self.view = "charts"
            self._chart_kind = step.show
            if self._chart_panel is not None and self._chart_panel.is_mounted:
                self._chart_panel.show(step.show)
        elif step.show == "network":
            self.view = "network"
        self._apply_view()
        self.refresh_view()
        due = self.session.quizzes_due(None)
        if due:
            self.ask(due, then=self._after_opening_quizzes)
        else:
            self._after_opening_quizzes()

    def _after_opening_quizzes(self) -> None:
        self.session.apply_entry_action()
        self.refresh_view()

    # -- running phases -------------------------------------------------------------
    def run_phases(self, stop, limit: int | None = None, reason: str = "") -> None:
        """Run phases until `stop(phase)` is true for one that ran; pause before a quiz's reveal phase."""
        if self._busy():
            return
        cycle = self.session.cycle
        if cycle.diverged:
            self.say("The network diverged: press r to reset, or ⌫ to step back.")
            self.refresh_view()
            return
        ran: list[str] = []
        limit = limit or len(cycle.phases) + 1
        for _ in range(limit):
            if cycle.diverged:
                break
            phase = cycle.next_phase
            due = self.session.quizzes_due(str(phase))
            if due:
                self.stop_autoplay()
                self._report(ran, reason, pause=f"a quiz comes before {phase}")
                self.ask(due, then=lambda p=phase: self._run_revealing(p))
                return
            cycle.step()
            self.session.phase_ran(phase)
            ran.append(str(phase))
            if stop(phase):
                break
        self._report(ran, reason)

    def _run_revealing(self, phase: Any) -> None:
        """After a quiz: run the phase that reveals its answer."""
        cycle = self.session.cycle
        if not cycle.diverged and cycle.next_phase == phase:
            cycle.step()
            self.session.phase_ran(phase)
            self.say(f"ran {phase}: compare with your answer")
        self.refresh_view()

    def _report(self, ran: list[str], reason: str, pause: str = "") -> None:
        if len(ran) > 1 or reason or pause:
            text = f"ran {', '.join(ran)}" if ran else ""
            if reason:
                text = f"{reason}: {text}"
            if pause:
                text = f"{text}; paused: {pause}" if text else f"paused: {pause}"
            self.say(text)
        else:
            self.say("")
        self.refresh_view()

    def _busy(self) -> bool:
        return self.training or self.asking

    # -- actions: the cycle ------------------------------------------------------------
    def action_next_phase(self) -> None:
        self.run_phases(lambda phase: True, limit=1)

    def action_run_to(self, kind: str) -> None:
        cycle = self.session.cycle
        if cycle.diverged:
            self.run_phases(lambda p: True)
            return
        nxt = cycle.next_phase
        reason = "" if nxt.kind == kind else f"{kind} is not next ({nxt} is)"
        self.run_phases(lambda phase: phase.kind == kind, reason=reason)

    def action_finish_pass(self) -> None:
        self.run_phases(lambda phase: phase.kind == "update")

    def action_undo(self) -> None:
        self._move_in_history(self.session.cycle.undo, "stepped back", "nothing to step back to")

    def action_redo(self) -> None:
        self._move_in_history(self.session.cycle.redo, "redone", "nothing to redo")

    def _move_in_history(self, move, done: str, nothing: str) -> None:
        if self._busy():
            return
        self.say(done if move() else nothing)
        self.refresh_view()

    def action_reset(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        self.session.cycle.reset()
        self.say("the network is back at the lesson's start (⌫ undoes the reset)")
        self.refresh_view()

    def action_lr(self, up: bool) -> None:
        if self._busy():
            return
        cycle = self.session.cycle
        cycle.set_lr(next_lr(cycle.state.lr, up))
        self.say(f"learning rate {num(cycle.state.lr)}")
        self.refresh_view()

    # -- actions: selection and view -------------------------------------------------------
    def action_select(self, direction: str) -> None:
        sizes = self.session.cycle.network.sizes
        self.selection = move(clamp(self.selection, sizes), direction, sizes)
        self.refresh_view()

    def action_sample(self, delta: int) -> None:
        x = self.session.cycle.state.x
        batch = 0 if x is None else len(x)
        if batch <= 1:
            self.say("the batch has one sample")
        else:
            self.sample = (self.sample + delta) % batch
            self.say(f"showing sample {self.sample + 1} of {batch}")
        self.refresh_view()

    def action_cycle_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self._apply_view()
        self.refresh_view()

    def action_next_chart(self) -> None:
        if self.gone():
            return
        if not self.charts_visible():
            self.view = "charts"
            self._apply_view()
        elif self.chart_panel().is_mounted:
            kind = self.chart_panel().next_chart()
            self.say(f"chart: {kind}")
        self.refresh_view()

    def action_loss_chart(self, change: str) -> None:
        """Change how the loss chart draws; it comes forward (the charts open first if hidden)."""
        if self.gone():
            return
        if not self.charts_visible():
            self.view = "charts"
            self._apply_view()
        self.say(self.chart_panel().change_loss_chart(change))
        self.refresh_view()

    def _apply_view(self) -> None:
        for view in VIEWS:
            self.set_class(view == self.view, f"-view-{view}")

    def charts_visible(self) -> bool:
        """The charts show in the charts view, and always on a wide, tall terminal."""
        return self.view == "charts" or (self.has_class("-wide") and self.has_class("-tall"))

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_view)

    def action_scroll_text(self, direction: int) -> None:
        if self.gone():
            return
        pane = self.query_one("#lesson-pane", TextPane)
        if direction > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_lessons(self) -> None:
        if not self.is_active:
            return
        self.stop_autoplay()
        self.app.leave_lesson(self)

    # -- actions: lesson steps ------------------------------------------------------------
    def action_next_step(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        session = self.session
        ran = session.finish_step()
        if not session.next_step():
            self.say("lesson complete: escape for the lesson list, [ to go back a step")
            self.refresh_view()
            return
        self.say(f"finished the step first: {', '.join(ran)}" if ran else "")
        self.sample = 0
        self.enter_step()

    def action_previous_step(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        if self.session.previous_step():
            self.say("back to where this step begins")
            self.sample = 0
            self.enter_step()
        else:
            self.say("this is the first step")
            self.refresh_view()

    # -- auto-play ---------------------------------------------------------------------
    def action_autoplay(self) -> None:
        if self.autoplay_timer is not None:
            self.stop_autoplay()
            self.say("auto-play stopped")
            self.refresh_view()
            return
        if self._busy():
            return
        self.autoplay_timer = self.set_interval(AUTOPLAY_SPEEDS[self.speed], self._autoplay_tick)
        self.say(f"auto-play: a phase every {AUTOPLAY_SPEEDS[self.speed]:g} s (a stops, < > speed)")
        self.refresh_view()

    def action_speed(self, delta: int) -> None:
        self.speed = max(0, min(len(AUTOPLAY_SPEEDS) - 1, self.speed + delta))
        if self.autoplay_timer is not None:
            self.autoplay_timer.stop()
            self.autoplay_timer = self.set_interval(AUTOPLAY_SPEEDS[self.speed], self._autoplay_tick)
        self.say(f"auto-play speed: a phase every {AUTOPLAY_SPEEDS[self.speed]:g} s")
        self.refresh_view()

    def _autoplay_tick(self) -> None:
        if self._busy() or self.session.cycle.diverged:
            self.stop_autoplay()
            self.refresh_view()
            return
        self.run_phases(lambda phase: True, limit=1)

    def stop_autoplay(self) -> None:
        if self.autoplay_timer is not None:
            self.autoplay_timer.stop()
            self.autoplay_timer = None
            self.refresh_bindings()

    # -- training ------------------------------------------------------------------------
    def action_train(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        cycle = self.session.cycle
        if cycle.diverged:
            self.say("The network diverged: press r to reset, or ⌫ to step back.")
            self.refresh_view()
            return
        due = self.session.quizzes_due("train")
        if due:
            self.ask(due, then=self._start_training)
        else:
            self._start_training()

    def _start_training(self) -> None:
        cycle = self.session.cycle
        epochs = self.session.train_epochs()
        self.training = True
        self.train_epochs_done = 0
        self.train_state = None
        target = f"{epochs} epochs" if epochs else "until a key is pressed"
        self.say(f"training {target}: any key stops")
        self.refresh_view()
        self.next_progress_at = time.monotonic() + TRAIN_PROGRESS_EVERY
        self.train_cpu, self.redraw_cpu = 0.0, (time.thread_time(), 0.0)
        self._train_stop = threading.Event()
        self._train(cycle, cycle.state, epochs or TRAIN_UNTIL_STOPPED, self._train_stop)

    @work(thread=True, exclusive=True, group="train", exit_on_error=False)
    def _train(self, cycle: LearningCycle, start: Any, epochs: int, stop: threading.Event) -> None:
        worker = get_current_worker()
        # Train in chunks from the current state without touching the cycle;
        # the last state is adopted on the UI thread as one undoable step.
        state, done, chunk = start, 0, 1
        cpu_start = time.thread_time()
        try:
            while done < epochs and not stop.is_set() and not worker.is_cancelled and not state.diverged:
                began = time.monotonic()
                n = min(chunk, epochs - done)
                state, records = cycle.train_from(state, n)
                done += len(records)
                if len(records) < n:  # diverged
                    break
                elapsed = time.monotonic() - began
                chunk = max(1, min(chunk * 2, int(n * TRAIN_CHUNK_SECONDS / max(elapsed, 1e-6)) or 1))
                if time.monotonic() >= self.next_progress_at:
                    # One progress message at a time: the UI sets the next
                    # moment once it has drawn this one (_progress_drawn).
                    self.next_progress_at = math.inf
                    self.train_cpu = time.thread_time() - cpu_start
                    self.post_message(TrainProgress(state, done))
        except Exception as exc:  # report; never take the app down
            self.post_message(TrainFinished(state, done, True, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(TrainFinished(state, done, done < epochs and not state.diverged))

    def on_train_progress(self, message: TrainProgress) -> None:
        if not self.training:
            return
        self.train_state = message.state
        self.train_epochs_done = message.epochs
        ui_cpu, trained_cpu = time.thread_time(), self.train_cpu
        ui_before, trained_before = self.redraw_cpu
        share = TRAIN_REDRAW_SHARE / (1 - TRAIN_REDRAW_SHARE)
        if ui_cpu - ui_before <= share * (trained_cpu - trained_before):
            self.redraw_cpu = (ui_cpu, trained_cpu)
            self.refresh_view()
        elif not self.gone():  # the epochs count still moves
            self._show_status(message.state)
        self.call_after_refresh(self._progress_drawn)

    def _progress_drawn(self) -> None:
        self.next_progress_at = time.monotonic() + TRAIN_PROGRESS_EVERY

    def on_train_finished(self, message: TrainFinished) -> None:
        self.training = False
        self.train_state = None
        cycle = self.session.cycle
        if message.epochs:
            cycle.adopt(message.state)
            if not message.stopped:
                self.session.trained()
        if message.error:
            self.say(f"training stopped by an error: {message.error}")
        elif cycle.diverged:
            self.say(f"training diverged after {message.epochs} epochs")
        else:
            how = "stopped" if message.stopped else "done"
            self.say(f"training {how}: {message.epochs} epochs (⌫ undoes the whole run)")
        self.refresh_view()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A run cancelled before its thread started never posts TrainFinished: end it here.
        # (A run that started posts TrainFinished first, so `training` is already False.)
        if event.worker.group == "train" and event.state in (WorkerState.CANCELLED, WorkerState.ERROR):
            if self.training:
                self.training = False
                self.train_state = None
                self.say("training stopped before it began")
                self.refresh_view()

    def stop_training(self) -> None:
        """Ask the training thread to stop after its chunk; it then posts TrainFinished.

        Not Worker.cancel: a key pressed in the same burst as t cancelled the
        worker's task before it had started, so neither TrainFinished nor a
        state change ever came, and the lesson stayed "stopping..." for good.
        """
        if self._train_stop is not None:
            self._train_stop.set()

    def on_unmount(self) -> None:
        self.stop_training()  # a lesson left while training: its thread stops too

    def _closes_quiz(self, event: events.Key) -> bool:
        """Enter or escape typed while a quiz was still on screen belongs to the quiz.

        A burst such as "enter enter" closes the quiz with its first key; the
        second was typed before the lesson was back in view, so it neither
        stops the training the quiz led to nor runs past the phase that
        reveals the answer. A key typed after the quiz closed acts as usual.
        """
        closed = self.quiz_closed_at
        return event.key in ("enter", "escape") and closed is not None and event.time <= closed

    def on_key(self, event: events.Key) -> None:
        if self._closes_quiz(event):
            event.stop()
            event.prevent_default()
        elif self.training:  # any key stops training, and does nothing else
            event.stop()
            event.prevent_default()
            self.stop_training()
            self.say("stopping...")
            self.refresh_view()

    # -- quizzes -------------------------------------------------------------------------
    def ask(self, quizzes: list[Any], then) -> None:
        """Ask `quizzes` one after another, each on its own screen, then call `then`.

        Each quiz is pushed from the key handler that made it due, so the keys
        that follow in the same burst already go to the quiz. A quiz whose live
        value cannot be read (the network diverged) is skipped with a word.
        """
        self.asking = True
        self._ask_next(list(quizzes), len(quizzes), then)

    def _ask_next(self, quizzes: list[Any], total: int, then) -> None:
        if self.gone():
            return
        if not self.is_active:  # e.g. the palette is open above: go on when this screen is back
            self._after_quiz = lambda: self._ask_next(quizzes, total, then)
            return
        while quizzes:
            quiz = quizzes.pop(0)
            try:
                expected = quiz.expected(self.session.cycle)
            except LookupError as exc:  # a diverged network has no loss to ask about
                self.session.quiz_closed(quiz)
                self.say(f"quiz skipped: {exc}")
                continue
            n = total - len(quizzes)
            title = "Quiz" if total == 1 else f"Quiz {n} of {total}"
            screen = QuizScreen(quiz, expected, self.session.record_answer, title)
            self.app.push_screen(screen, callback=lambda outcome: self._quiz_closed(outcome, quizzes, total, then))
            return
        self.asking = False
        then()

    def _quiz_closed(self, outcome: QuizOutcome, quizzes: list[Any], total: int, then) -> None:
        if self.gone():  # the lesson was left while its quiz closed: nothing more to do here
            return
        self.quiz_closed_at = outcome.closed_at
        self.session.quiz_closed(outcome.quiz)
        self._ask_next(quizzes, total, then)

    def on_screen_resume(self) -> None:
        then, self._after_quiz = self._after_quiz, None
        if then is not None:
            then()

    # -- drawing --------------------------------------------------------------------------
    def gone(self) -> bool:
        """Off the screen stack (or not yet on it): its widgets may already be removed.

        An action can still reach a screen on its way out, e.g. one the
        command palette was opened from, or a key queued before escape.
        (Not `is_mounted`: that turns true only after on_mount, where the
        first step is entered.)
        """
        return self not in self.app.screen_stack

    def say(self, text: str) -> None:
        self.message = text

    def refresh_view(self) -> None:
        """Hand the current state to every widget; each redraws only what changed."""
        if self.gone():
            return
        session = self.session
        cycle = session.cycle
        state = self.train_state if self.train_state is not None else cycle.state
        sizes = state.network.sizes
        self.selection = clamp(self.selection, sizes)
        batch = 0 if state.x is None else len(state.x)
        if self.sample >= max(batch, 1):
            self.sample = 0
        phase = state.last_phase
        before_update = cycle.previous_state if phase is not None and phase.kind == "update" else None
        if before_update is not None and before_update.network is state.network:
            before_update = None

        self._show_status(state)
        self._show_lesson_text()

        network = self.query_one("#network", NetworkPanel)
        network.set_network(sizes, state.network.activations, cycle.loss_fn.name)
        network.show(NetView(state, phase, self.selection, self.sample))

        title, lines = detail_lines(cycle, state, self.selection, self.sample, before_update)
        note = f"sample {self.sample + 1} of {batch} (s: next)" if batch > 1 else ""
        sel_layer = self.selection[1] if self.selection[0] in ("n", "w") else None
        current = None
        if phase is not None and (phase.layer is None or phase.layer == sel_layer):
            current = phase.kind
        self.query_one("#detail", DetailPanel).show(title, lines, current, note)

        notice = self.query_one("#notice", Static)
        diverged = cycle.diverged
        notice.set_class(bool(diverged), "-shown")
        if diverged:
            notice.update(f"⚠ {diverged}  Press r to reset, or ⌫ to step back.")
        message = self.query_one("#message", Static)
        message.update(self.message, layout=False)  # one row high, shown or hidden by its class
        message.set_class(not self.message, "-empty")
        self._update_charts(state)
        self._refresh_keys()

    def _show_status(self, state: Any) -> None:
        session = self.session
        extra = f"TRAINING {self.train_epochs_done} epochs" if self.training else ""
        shown = session.cycle if not self.training else _Shown(session.cycle, state)
        self.query_one("#status", StatusLine).show(status_parts(shown, session.index, session.n_steps, extra))

    def _show_lesson_text(self) -> None:
        session = self.session
        key = (session.index, session.action_done)
        if key == self.shown_step:
            return
        self.shown_step = key
        step = session.step
        pane = self.query_one("#lesson-pane", TextPane)
        # Lesson strings are plain text: titles never parsed as markup, no control characters.
        pane.border_title = plain_content(
            f"{session.lesson.title} · step {session.index + 1}/{session.n_steps}: {step.title}"
        )
        pane.border_subtitle = plain_content(session.todo())
        text = f"{plain(step.text)}\n\n*To do:* {plain(session.todo())}"
        self.query_one("#lesson-text", Static).update(RichMarkdown(text))
        if key[1] is False or step.action.do == "read":
            pane.scroll_home(animate=False)
        self.call_after_refresh(pane.show_hint)

    def _update_charts(self, state: Any) -> None:
        if not self.charts_visible():
            return
        if self._chart_panel is not None and self._chart_panel.is_mounted:
            self._chart_panel.select(self.selection)  # the curve chart follows the selection
        if self._charts_key is state:  # states are immutable: the same object, the same charts
            return
        panel = self.chart_panel()
        if not panel.is_mounted:  # it draws once mounted (chart_panel asks for a refresh)
            return
        self._charts_key = state
        source = self.session.cycle if self.train_state is None else _Shown(self.session.cycle, state)
        session = self.session
        panel.update_from(source, session.runs, session.run_label)

    def _refresh_keys(self) -> None:
        cycle = self.session.cycle
        key = (
            cycle.can_undo,
            cycle.can_redo,
            bool(cycle.diverged),
            self.training,
            self.asking,
            self.autoplay_timer is not None,
        )
        if key != self._binding_key:
            self._binding_key = key
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        cycle = self.session.cycle
        if action == "redo":
            return cycle.can_redo
        if action == "undo":
            return True if cycle.can_undo else None
        if action in ("next_phase", "finish_pass", "train", "run_to") and cycle.diverged:
            return None
        if action in ("speed",):
            return self.autoplay_timer is not None
        return True


class _Shown:
    """The cycle as it looks while a training worker runs: its latest state, the rest from the cycle."""

    def __init__(self, cycle: LearningCycle, state: Any):
        self._cycle = cycle
        self.state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cycle, name)

    @property
    def network(self) -> Any:
        return self.state.network

    @property
    def next_phase(self) -> Any:
        return self._cycle.phases[self.state.position]

    @property
    def diverged(self) -> Any:
        return self.state.diverged
