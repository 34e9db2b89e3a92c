"""The lesson list: every lesson with its progress; broken lesson files with what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from nntutor.curriculum.scores import describe_progress

from ..plain import plain
from ..widgets.too_small import TooSmall, breakpoints, size_classes
from .list_entry import ListEntry

if TYPE_CHECKING:
    from ..app import NNTutorApp


class LessonOptions(OptionList):
    """The list of lessons. Page keys wait until the list has been laid out: while the
    too-small notice hides it, Textual's OptionList has no lines to page through."""

    _drawn_width: int | None = None  # the width its options were last drawn at

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.scrollable_content_region.width
        if self._drawn_width is not None and width != self._drawn_width:
            # The scrollbar's gutter came or went after the list's own resize (a height-only resize
            # toggles -overflows), so no Resize dropped the options drawn at the old width: drop them
            # here (OptionList's private cache clearing, as its resize handler does; Textual 8.2).
            self._clear_caches()
        self._drawn_width = width
        return super().render_lines(crop)

    # Textual runs every class's handler of an event, base classes last unless prevented: this one
    # takes the event (OptionList's takes none) to prevent OptionList's (private, Textual 8.2).
    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        """OptionList's own handler drops every option it has drawn at each resize. Before the app's
        first frame comes one that changes nothing (the terminal's size, sent as the driver starts),
        after the list was drawn once: every visible entry was drawn twice. Drawn options now stay
        while the width they were drawn at does (the scrollbar's gutter is kept, see nntutor.tcss)."""
        if self.scrollable_content_region.width == self._drawn_width:
            event.prevent_default()

    def _laid_out(self) -> bool:
        return bool(self.scrollable_content_region) and (self.highlighted or 0) in self._index_to_line

    def action_page_down(self) -> None:
        if self._laid_out():
            super().action_page_down()

    def action_page_up(self) -> None:
        if self._laid_out():
            super().action_page_up()

    def action_select(self) -> None:
        """Enter opens the lesson at once, in this key's handler (OptionList would post a message
        first, and a key typed right after, such as ctrl+p, could act before the lesson opened)."""
        screen = self.screen
        if isinstance(screen, LessonListScreen):
            screen.action_open()


class LessonListScreen(Screen):
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = breakpoints()
    AUTO_FOCUS = "#lessons"
    BINDINGS = [
        Binding("enter", "open", "Open", id="list.open", tooltip="Open the highlighted lesson where you left it"),
        Binding("j", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding(
            "x",
            "reset_progress",
            "Reset",
            id="list.reset",
            show=False,
            tooltip="Clear your progress in the highlighted lesson (asks first)",
        ),
        Binding("question_mark", "app.help", "Help", key_display="?", id="list.help"),
        Binding("q", "app.quit", "Quit", id="list.quit"),
    ]

    def __init__(self, lessons: list[Any], problems: list[Any], store: Any):
        super().__init__()
        self.lessons = lessons
        self.problems = problems
        self.store = store
        self.fewest_rows = 0  # of the entries (see _overflows)

    def compose(self) -> ComposeResult:
        self.update_classes(size_classes(self.app.size))  # styled once (see size_classes)
        yield TooSmall()
        with Vertical(classes="screen-body"):
            yield Static("nntutor · lessons", id="list-title")
            options = self._options()
            yield LessonOptions(*options, id="lessons", classes="-overflows" if self._overflows() else "")
            note = self.store.warning if self.store is not None and self.store.warning else ""
            yield Static(plain(note), markup=False, id="list-note")
        yield Footer()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []  # None: a separator line
        width = max([len("playground"), *(len(lesson.id) for lesson in self.lessons)])
        playground = Content.assemble(
            "Playground: build your own network, watch every neuron\n",
            ("no script: edit, step and train freely (nntutor play)", "italic"),
        )
        options.append(Option(ListEntry("playground", playground, width), id="playground"))
        for lesson in self.lessons:
            progress = self.store.lesson(lesson.id) if self.store is not None else None
            where = describe_progress(lesson, progress) if progress is not None else ""
            text = Content.assemble(plain(lesson.title, True), "\n", (plain(where, True), "italic"))
            options.append(Option(ListEntry(plain(lesson.id, True), text, width), id=f"lesson:{lesson.id}"))
        if self.problems:
            options.append(None)
        for n, problem in enumerate(self.problems):
            text = Content.assemble(("broken  ", "bold"), plain(_problem_text(problem)))
            options.append(Option(text, id=f"problem:{n}", disabled=True))
        if not self.lessons:
            options.append(Option(Content.styled("No lessons found.", "italic"), disabled=True))
        self.fewest_rows = sum(1 if option is None else _text_rows(option.prompt) for option in options)
        return options

    def _overflows(self) -> bool:
        """Whether the entries surely take more rows than the list has: the fewest they can take (their
        lines unwrapped) against the most it can have (the screen less the title and footer). The list
        then keeps its scrollbar's gutter (nntutor.tcss), which the scrollbar fills anyway."""
        return self.fewest_rows > self.app.size.height - 2

    def on_mount(self) -> None:
        # The playground is the first entry; the cursor starts on the first lesson, where a course begins.
        if self.lessons:
            self.query_one("#lessons", OptionList).highlighted = 1

    def on_resize(self) -> None:
        # While the too-small notice covers the list, keys must not reach the hidden list.
        option_list = self.query_one("#lessons", OptionList)
        option_list.set_class(self._overflows(), "-overflows")
        tiny = self.has_class("-tiny-w") or self.has_class("-tiny-h")
        if tiny and option_list.has_focus:
            self.set_focus(None)
        elif not tiny and self.focused is None:
            self.set_focus(option_list)

    def on_screen_resume(self) -> None:
        # Progress changes while a lesson is open: redraw the list when it is shown again.
        option_list = self.query_one("#lessons", OptionList)
        highlighted = option_list.highlighted
        option_list.set_options(self._options())
        option_list.set_class(self._overflows(), "-overflows")
        if highlighted is not None and highlighted < option_list.option_count:
            option_list.highlighted = highlighted

    def action_cursor(self, delta: int) -> None:
        option_list = self.query_one("#lessons", OptionList)
        if delta > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_open(self) -> None:
        option_list = self.query_one("#lessons", OptionList)
        if option_list.highlighted is None:
            return
        self._open(option_list.get_option_at_index(option_list.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def action_reset_progress(self) -> None:
        lesson = self._highlighted_lesson()
        if lesson is None or self.store is None:
            return
        progress = self.store.lesson(lesson.id)
        if not progress.started and not progress.quizzes:
            self.notify(f"Nothing to clear in {lesson.title}.", title="Reset", markup=False)
            return
        from .confirm import ConfirmScreen  # loaded when first asked, not for the list's first frame

        question = f"Clear your progress in {lesson.title}: the step you reached and your quiz answers?"
        self.app.push_screen(
            ConfirmScreen("Reset", question), callback=lambda yes: self._reset(lesson) if yes else None
        )

    def _reset(self, lesson: Any) -> None:
        self.store.forget(lesson.id)
        self.on_screen_resume()
        self.notify(f"Progress in {lesson.title} cleared.", title="Reset", markup=False)

    def _highlighted_lesson(self) -> Any:
        option_list = self.query_one("#lessons", OptionList)
        if option_list.highlighted is None:
            return None
        option_id = option_list.get_option_at_index(option_list.highlighted).id or ""
        return next((lesson for lesson in self.lessons if f"lesson:{lesson.id}" == option_id), None)

    def _open(self, option_id: str | None) -> None:
        """Open a lesson (or the playground) now, from the key's own handler: the keys typed after
        enter go to it. Only while this list is the active screen (a second enter typed at once
        opens nothing more).
        """
        if not option_id or not self.is_active:
            return
        if option_id == "playground":
            cast("NNTutorApp", self.app).action_playground()  # the only App this screen runs in
            return
        if not option_id.startswith("lesson:"):
            return
        lesson_id = option_id.split(":", 1)[1]
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                cast("NNTutorApp", self.app).open_listed(lesson)
                return


def _problem_text(problem: Any) -> str:
    """A broken lesson's problem with the file's name (its folder is the same for every lesson)."""
    path = getattr(problem, "path", None)
    if path is None:
        return str(problem)
    parts = [Path(path).name]
    if getattr(problem, "line", None) is not None:
        parts[0] += f":{problem.line}" + (f":{problem.column}" if problem.column is not None else "")
    if problem.where:
        parts.append(problem.where)
    parts.append(problem.message)
    return ": ".join(parts)


def _text_rows(prompt: Any) -> int:
    """The rows an entry takes at the least: its lines of text, none wrapped."""
    text = prompt.text if isinstance(prompt, ListEntry) else prompt
    return text.plain.count("\n") + 1
