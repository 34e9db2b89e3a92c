"""The lesson screen: the step's text, the network, the arithmetic, the charts and the keys.

State flows down: after every action the screen hands the cycle's state to
its widgets, and each redraws only if its part changed. Long work (training)
runs in a thread worker (lesson_training.py); a step's quizzes are asked by
lesson_quizzes.py; enter and the keys of the cycle run phases in
lesson_phases.py, auto-play is lesson_autoplay.py; the keys are listed in
lesson_keys.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ..chart_preload import preload_charts
from ..format import epochs
from ..plain import plain, plain_content
from ..runs import chart_kinds
from ..selection import clamp, first, move
from ..session import LessonSession
from ..step_markdown import StepMarkdown
from ..widgets.detail import DetailPanel, detail_lines
from ..widgets.footer import FittingFooter
from ..widgets.network import NetView, NetworkPanel
from ..widgets.status import StatusLine, status_parts
from ..widgets.text_pane import TextPane
from ..widgets.too_small import TooSmall, breakpoints, size_classes
from .lesson_autoplay import Autoplay
from .lesson_keys import LESSON_KEYS
from .lesson_phases import PhaseRunning
from .lesson_quizzes import QuizAsking
from .lesson_training import ShownWhileTraining, Training
from .modal import run_own_binding

if TYPE_CHECKING:
    from ..app import NNTutorApp
    from ..playground_session import PlaygroundSession

VIEWS = ("network", "lesson", "charts")
VIEW_CLASSES = tuple(f"-view-{view}" for view in VIEWS)


class LessonScreen(PhaseRunning, Autoplay, Training, QuizAsking):
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = breakpoints()
    AUTO_FOCUS = None

    BINDINGS = LESSON_KEYS

    def __init__(self, session: LessonSession | PlaygroundSession):
        super().__init__()
        self.session = session
        self.selection = first(session.cycle.network.sizes)
        self.sample = 0
        self.view = "network"
        self.shown_step: tuple[int, bool] | None = None  # (step index, action done) of the text shown
        self.message = ""  # a one-line note shown under the status (what a key did)
        self._binding_key: tuple | None = None
        self._charts_key: Any = None
        self._chart_panel: Any = None  # built when the charts first show
        self._chart_kind = "loss"  # the chart the step asks for

    # -- layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Classed before its widgets mount, so each is styled once: by size (see size_classes), and
        # #main by its view, which enter_step keeps unless the step shows a chart.
        self.update_classes(size_classes(self.app.size))
        yield TooSmall()
        with Vertical(classes="screen-body", id="lesson-body"):
            yield StatusLine(id="status")
            yield Static("", id="notice", markup=False)
            with Horizontal(id="main", classes=f"-view-{self.view}"):
                yield from self.compose_script_pane()
                with Vertical(id="work"):
                    yield NetworkPanel(id="network")
                    yield Vertical(id="charts")
                    yield DetailPanel(id="detail")
            yield Static("", id="message", markup=False)
        # The footer is mounted in on_mount, once the first step says which keys are on.

    def compose_script_pane(self) -> ComposeResult:
        """The pane beside the work area: the step's text (the playground shows its neuron pictures here)."""
        with TextPane(id="lesson-pane"):
            yield Static("", id="lesson-text")

    def chart_panel(self) -> Any:
        """The charts, built the first time they show.

        plotext then loads only when a learner opens the charts, which keeps
        it out of the start-up of an 80x24 lesson (where the network shows
        first). The panel draws once it has mounted.
        """
        if self._chart_panel is None:
            from ..charts import ChartPanel

            spec = self.session.lesson.surface
            surface = (
                {} if spec is None else dict(weight_layer=spec.layer, weights=(spec.w1, spec.w2), ranges=spec.ranges)
            )
            self._chart_panel = ChartPanel(
                kinds=chart_kinds(self.session.lesson), initial=self._chart_kind, surface=surface, id="chart-panel"
            )
            mounting = self.query_one("#charts", Vertical).mount(self._chart_panel)
            self._charts_key = None

            async def draw_when_mounted() -> None:
                await mounting
                self.refresh_view()

            self.call_later(draw_when_mounted)
        return self._chart_panel

    async def on_mount(self) -> None:
        self.enter_step()
        await self.mount(FittingFooter(keys_known=True))  # the first step's keys, shown in the first frame
        self.call_after_refresh(preload_charts)  # once the screen is drawn, the learner's first c costs no import

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
        due = self.session.quizzes_due(None)
        if due:
            self.refresh_view()  # the step shows under its quizzes
            self.ask(due, then=self._after_opening_quizzes)
        else:
            self._after_opening_quizzes()  # draws once, with the step's settings applied

    def _after_opening_quizzes(self) -> None:
        self.session.apply_entry_action()
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
            self._update_charts(self.session.cycle.state)  # judged on the present losses, not the last ones shown
        self.say(self.chart_panel().change_loss_chart(change, self.session.cycle))
        self.refresh_view()

    def _apply_view(self) -> None:
        """The view's class on #main (nntutor.tcss): one restyle of the main area, none when unchanged."""
        main = self.query_one("#main", Horizontal)
        wanted = f"-view-{self.view}"
        if not main.has_class(wanted):
            main.remove_class(*VIEW_CLASSES, update=False).add_class(wanted)

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
        cast("NNTutorApp", self.app).leave_lesson(self)  # the only App this screen runs in

    # -- actions: lesson steps ------------------------------------------------------------
    def action_next_step(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        session = self.session
        if isinstance(session, LessonSession) and session.quizzes_on_the_way():  # the work first, asking its quizzes
            self._work_toward_quizzes()
            return
        ran = session.finish_step()
        if not session.next_step():
            self.say("lesson complete: escape for the lesson list, [ to go back a step")
            self.refresh_view()
            return
        self.say(f"finished the step first: {', '.join(ran)}" if ran else "")
        self.sample = 0
        self.enter_step()

    def _work_toward_quizzes(self) -> None:
        """] before the step's work is done: run it up to the next quiz on its way, which is then asked.

        Pressing ] again goes on from there; once the work is done, ] moves to the next step."""
        action = self.session.step.action
        if action.do == "train":
            self.action_train()
            return
        until = action.until or "update"
        self.run_phases(lambda phase: str(phase) == until, reason="] does this step's work first")

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

    async def on_key(self, event: events.Key) -> None:
        """Every key, in the order typed: one the quiz owns is dropped or passed to it, any key
        stops training, and otherwise the key's binding runs now (modal.run_own_binding)."""
        if self._closes_quiz(event):
            event.stop()
            event.prevent_default()
        elif self._passes_to_modal(event):
            return
        elif self.training:  # the first key stops training and does nothing else; later ones wait
            event.stop()
            event.prevent_default()
            self.key_while_training(event)
        elif self.is_active:
            await run_own_binding(self, event)

    # -- drawing --------------------------------------------------------------------------
    def gone(self) -> bool:
        """Off the screen stack (or not yet on it): its widgets may already be removed.

        An action can still reach a screen on its way out, e.g. one the command palette was
        opened from, or a key queued before escape. (Not `is_mounted`: that turns true only after
        on_mount, where the first step is entered.)
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
        self._show_message()
        self._update_charts(state)
        self._refresh_keys()

    def _show_message(self) -> None:
        self.query_one("#message", Static).update(self.message, layout=False)  # always one row (nntutor.tcss)

    def _show_status(self, state: Any) -> None:
        session = self.session
        extra = f"TRAINING {epochs(self.train_epochs_done)}" if self.training else ""
        shown = session.cycle if not self.training else ShownWhileTraining(session.cycle, state)
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
        text = f"{plain(step.text)}\n\n*To do:* {plain(session.todo())}"
        self.query_one("#lesson-text", Static).update(StepMarkdown(text))
        if key[1] is False or step.action.do == "read":
            pane.scroll_home(animate=False)
        self.call_after_refresh(pane.show_todo, session.todo())

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
        source = self.session.cycle if self.train_state is None else ShownWhileTraining(self.session.cycle, state)
        session = self.session
        if isinstance(session, LessonSession):  # runs named by the rates they used (the playground names its own)
            panel.update_from(source, session.runs_beside(state), session.run_name(state))
        else:
            panel.update_from(source, session.runs, session.run_label)

    def _refresh_keys(self) -> None:
        cycle = self.session.cycle
        key = (
            cycle.can_undo,
            cycle.can_redo,
            bool(cycle.diverged),
            self.asking,
            self.autoplay_timer is not None,
        )
        if key != self._binding_key:
            self._binding_key = key
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._binding_key is None:  # a key before the first step is drawn (refresh_view) does nothing
            return False
        cycle = self.session.cycle
        if action == "redo":  # dimmed, not hidden, when nothing is undone: the footer keeps its keys (footer.py)
            return True if cycle.can_redo else None
        if action == "undo":
            return True if cycle.can_undo else None
        if action in ("next_phase", "finish_pass", "train", "run_to") and cycle.diverged:
            return None
        if action in ("speed",):
            return self.autoplay_timer is not None
        return True
