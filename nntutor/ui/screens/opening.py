"""A lesson's first frame: its text and layout, drawn before numpy and the engine load.

The app pushes this screen the moment a lesson is chosen (``nntutor LESSON``,
a resume, or enter in the lesson list) and prepares the lesson in a thread
worker meanwhile: the imports of the engine and the lesson screen, the
checking walk of a file not walked before, the network built and the steps
replayed up to where the learner left off. The screen shows the step's title
and text where the lesson screen will show them, with a placeholder where the
network goes that says what is being done. When the work is done the app (the
one owner of every change of screen) replaces this screen with the lesson
screen, or, when the walk refuses the file, says why and shows the list.

Keys pressed meanwhile do nothing but escape (back to the list) and q or
ctrl+q (quit): the screen says it is preparing, and the lesson's keys work
once it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ..plain import plain, plain_content
from ..step_markdown import StepMarkdown
from ..widgets.footer import FittingFooter
from ..widgets.text_pane import TextPane
from ..widgets.too_small import TooSmall, breakpoints, size_classes

if TYPE_CHECKING:
    from ..app import NNTutorApp


@dataclass(frozen=True)
class Refused:
    """The lesson cannot open: what ``validate`` would say, or the engine's objection."""

    text: str


class OpeningScreen(Screen):
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = breakpoints()
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "lessons", "Lessons", tooltip="Back to the lesson list"),
        Binding("q", "app.quit", "Quit", tooltip="Quit (progress is saved)"),
    ]

    class Doing(Message):
        """What the preparation is doing now (posted from its thread)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, lesson: Any, step: int) -> None:
        """`lesson`: a Lesson, or a ListedLesson (curriculum/listing.py: its steps' titles and texts)."""
        super().__init__()
        self.lesson = lesson
        self.step = max(0, min(step, len(lesson.steps) - 1))
        self.preparation: Worker | None = None

    def compose(self) -> ComposeResult:
        # Classed before its widgets mount, so each is styled once (see size_classes).
        self.update_classes(size_classes(self.app.size))
        step = self.lesson.steps[self.step]
        yield TooSmall()
        with Vertical(classes="screen-body", id="lesson-body"):
            yield Static(plain_content(self.lesson.title), id="status")
            with Horizontal(id="main"):
                with TextPane(id="lesson-pane") as pane:
                    # Lesson strings are plain text: titles never parsed as markup, no control characters.
                    pane.border_title = plain_content(
                        f"{self.lesson.title} · step {self.step + 1}/{len(self.lesson.steps)}: {step.title}"
                    )
                    # As the lesson screen draws it; a text it draws with rich.markdown, plainly (no
                    # import of rich.markdown before this frame), with nothing in it taken for markup.
                    yield Static(StepMarkdown(plain(step.text), plainly=True), id="lesson-text")
                with Vertical(id="work"):
                    yield Static("preparing the network…", id="network", markup=False)
            yield Static("", id="message", markup=False)  # one row, as on the lesson screen
        yield FittingFooter(keys_known=True)  # escape and q: known now, drawn in this first frame

    def on_mount(self) -> None:
        # The heavy part starts once this frame is on the terminal: its imports (numpy, the engine)
        # must not come first, and a thread shares the interpreter with the drawing and the writing.
        cast("NNTutorApp", self.app).after_frame(self, self._prepare)

    def _prepare(self) -> None:
        if not self.is_attached:  # left (escape) before its first frame was out
            return
        # A thread worker belongs to this screen: if the screen goes (escape), its result is not
        # delivered. An unexpected error in it ends the app (exit_on_error), as before.
        work = partial(prepare_lesson, self.lesson, self.step, self.say)
        self.preparation = self.run_worker(work, thread=True, group="opening")

    def on_opening_screen_doing(self, message: Doing) -> None:
        self.query_one("#network", Static).update(message.text)

    def say(self, text: str) -> None:
        """From the preparing thread: show what it is doing now (thread-safe)."""
        self.post_message(self.Doing(text))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The preparation ended: the app opens the lesson, or says why not (only while this is the screen)."""
        if event.state == WorkerState.SUCCESS:
            cast("NNTutorApp", self.app).lesson_prepared(self, event.worker.result)

    def action_lessons(self) -> None:
        cast("NNTutorApp", self.app).leave_lesson(self)


def prepare_lesson(lesson: Any, step: int, say: Any) -> Any:
    """The lesson's session at `step`, or Refused; run in a thread worker while the opening screen shows.
    `lesson`: a Lesson, or a ListedLesson (a shipped one, its first frame drawn from the listing).

    Nothing here touches a screen or the progress store (the app hands the session
    the store on its own thread); `say(text)` tells the opening screen what is done now.
    """
    say("preparing the network: loading the engine…")
    from nntutor.lifelong import import_for_good

    # numpy, the engine, the walk and the lesson screen's modules, loaded here, not on the UI thread
    import_for_good("nntutor.curriculum.check", "nntutor.ui.session", "nntutor.ui.screens.lesson")
    from nntutor.curriculum.check import refuse_unless_it_opens
    from nntutor.curriculum.listing import ListedLesson
    from nntutor.curriculum.loader import load_lesson
    from nntutor.curriculum.problems import LessonError
    from nntutor.engine import EngineError

    from ..session import LessonSession

    say("checking the lesson…")
    try:
        if isinstance(lesson, ListedLesson):  # the first frame came from the listing: the file is read now
            lesson = load_lesson(lesson.path)
            step = min(step, len(lesson.steps) - 1)
        refuse_unless_it_opens(lesson)  # the walk `validate` runs, once a file (its verdict is cached)
        session = LessonSession(lesson)
        if step:
            say(f"replaying the lesson up to step {step + 1} (where you left it)…")
        session.open_at(step)
    except (EngineError, LessonError) as exc:
        return Refused(f"{lesson.id}: {exc}")
    return session
