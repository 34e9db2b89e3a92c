"""The nntutor app: the lesson list, the lesson screen, quizzes and help.

nntutor            resume the last lesson where it was left (or the lesson list)
nntutor LESSON     open a lesson by id or path
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.command import CommandListItem, Provider, SimpleProvider
from textual.theme import ThemeProvider

from nntutor.curriculum.folders import find_in, lesson_folders
from nntutor.curriculum.listing import find_listed, list_all
from nntutor.curriculum.loader import load_lesson
from nntutor.curriculum.problems import LessonError
from nntutor.curriculum.progress import ProgressStore
from nntutor.curriculum.shipped_walks import walked_before
from nntutor.settings import Settings, screenshots_folder

from .first_frame import FirstFrameApp
from .plain import plain

if TYPE_CHECKING:
    from .screens.opening import OpeningScreen

# numpy, the engine and the lesson screen load in the opening's thread (screens/opening.py),
# after the lesson's first frame: this module imports none of them. The opening screen, the
# lesson list, help and the palette load when first shown: each first frame needs only its own.
OPENING_MODULE = "nntutor.ui.screens.opening"

PROGRESS_RETRY_S = 2.0  # how often progress that could not be saved is tried again


def _tutor_commands() -> type[Provider]:
    """The palette's commands, loaded when the palette first opens (Textual takes a callable here)."""
    from .widgets.palette import TutorCommands

    return TutorCommands


class NNTutorApp(FirstFrameApp):
    """The app owns every change of screen: each request names the screen it comes from
    and is ignored unless that screen is still the active one (keys arrive in bursts,
    and a request can outlive the screen that made it, as a lesson's preparation can
    outlive its opening screen)."""

    CSS_PATH = "nntutor.tcss"
    TITLE = "nntutor"
    COMMANDS = {_tutor_commands}
    BINDINGS = [
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            show=False,
            id="app.palette",
            tooltip="Command palette: every action by name",
        ),
        Binding(
            "P",
            "playground",
            "Playground",
            show=False,
            id="app.playground",
            tooltip="Open the playground: build your own network and watch every neuron",
        ),
    ]

    def __init__(
        self,
        lesson: Any = None,
        store: Any = None,
        lessons_dir: str | Path | list[Path] | None = None,
        learner: str | None = None,
        playground: Any = None,
    ):
        """`lesson`: a Lesson, or None to resume the last one (or show the list).

        `playground`: a playground Setup to open instead of a lesson (`nntutor play`).

        `store`: a ProgressStore (default: `learner`'s in the user's data folder);
        `lessons_dir`: the folder of the lesson files, or a list of folders (default: the
        shipped lessons, then $NNTUTOR_LESSONS).
        """
        super().__init__()
        self.start_lesson = lesson
        self.start_playground = playground
        self.store = store if store is not None else ProgressStore(learner=learner)
        folders = lesson_folders() if lessons_dir is None else lessons_dir
        self.lesson_folders = [Path(f) for f in folders] if isinstance(folders, list) else [Path(folders)]
        self.lessons: list[Any] = []
        self.problems: list[Any] = []
        self.settings = Settings(self.store.learner)
        remembered = self.settings.theme()
        if remembered is not None and remembered in self.available_themes:
            self.theme = remembered

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.store.warning:  # it names a path: plain text, never markup
            self.notify(plain(self.store.warning), title="Progress", severity="warning", timeout=8, markup=False)
        # The lesson session writes progress from this (the UI) thread, so the store calls back here.
        self.store.on_problem = self._progress_problem
        self.set_interval(PROGRESS_RETRY_S, self.store.retry)
        if self.start_playground is not None:
            self.action_playground(self.start_playground)
            return
        lesson = self.start_lesson
        if lesson is None:
            last = self.store.last_lesson()
            lesson = self._lesson_to_resume(last) if last else None
        if lesson is None:
            self.show_lesson_list()
        else:
            self.open_lesson(lesson)

    def _progress_problem(self, problem: str | None) -> None:
        """Said once per new reason a write waits, and once when all is saved again."""
        if problem is None:
            self.notify("Progress is saved again.", title="Progress", timeout=4)
        else:
            self.notify(
                plain(f"Progress not saved: {problem}. Kept in memory; retrying."),
                title="Progress",
                severity="error",
                timeout=10,
                markup=False,
            )

    def _lesson_to_resume(self, last: str) -> Any:
        """The lesson opened last: its file when that was another file of the same id (a copy of a
        shipped lesson opened by path, say), else the one of that id in the lesson folders."""
        in_folders = self._lesson_in_folders(last)
        remembered = self.settings.lesson_file()
        if in_folders is not None and (remembered is None or _same_file(in_folders.path, remembered)):
            return in_folders  # a shipped one from its listing: no file parsed before the first frame
        return self._last_lesson_file(last) or in_folders

    def _lesson_in_folders(self, lesson_id: str) -> Any:
        """The lesson to resume, found by id in the lesson folders (its file alone is read; a shipped
        one from its listing: the opening reads it in full), or None."""
        listed = find_listed(lesson_id, self.lesson_folders, by_id=True)
        if listed is not None:
            return listed
        try:
            return find_in(lesson_id, self.lesson_folders, walk=False, by_id=True)
        except LessonError:
            return None

    def _last_lesson_file(self, last: str | None) -> Any:
        """The last lesson when it came from a file outside the lesson folders (nntutor PATH)."""
        path = self.settings.lesson_file()
        try:
            lesson = load_lesson(path) if last and path else None
        except LessonError:
            return None
        return lesson if lesson is not None and lesson.id == last else None

    def _load_lessons(self) -> list[Any]:
        """The lessons as the list shows them (ListedLessons, read cheaply: curriculum/listing.py)."""
        try:
            self.lessons, self.problems = list_all(self.lesson_folders)
        except Exception as exc:  # a broken lesson folder must not stop the app
            self.lessons, self.problems = [], [f"cannot read the lessons: {type(exc).__name__}: {exc}"]
        return self.lessons

    def show_lesson_list(self) -> None:
        """The lesson list, read afresh from the files (a lesson opened by name starts without it)."""
        from .screens.lesson_list import LessonListScreen

        self._load_lessons()
        self.push_screen(LessonListScreen(self.lessons, self.problems, self.store))

    def action_playground(self, setup: Any = None) -> None:
        """Open the playground (with `setup`, else the default 2-4-4-1 on the circle data).

        From a lesson's playground step it opens on the lesson's network with the step's goal instead.
        """
        from .playground_session import PlaygroundSession
        from .playground_setup import default_setup
        from .screens.lesson import LessonScreen
        from .screens.playground import PlaygroundScreen, open_for_lesson

        screen = self.screen
        if isinstance(screen, PlaygroundScreen):
            return
        if isinstance(screen, LessonScreen) and screen.session.step.action.do == "playground":
            open_for_lesson(screen)  # the step's task, on the lesson's network
            return
        self.push_screen(PlaygroundScreen(PlaygroundSession(setup or default_setup())))

    def open_listed(self, listed: Any) -> None:
        """Open a lesson of the list (a ListedLesson): its file is read now, so what opens is what
        the file holds now; a file broken since the list was read is said, and the list stays."""
        try:
            lesson = load_lesson(listed.path)
        except LessonError as exc:
            self.notify(plain(str(exc)), title="Cannot open the lesson", severity="error", timeout=10, markup=False)
            return
        self.open_lesson(lesson)

    def open_lesson(self, lesson: Any, step: int | None = None) -> None:
        """Open a lesson at `step`, or where the learner left it (the start once completed).

        Its first frame (the opening screen: the step's text, the layout) shows at once; then the
        rest is prepared in a thread (screens/opening.py), which ends in `lesson_prepared`."""
        if step is None:
            progress = self.store.lesson(lesson.id)
            step = progress.step if progress.started and not progress.completed else 0
        from .screens.opening import OpeningScreen

        self.push_screen(OpeningScreen(lesson, step))

    def lesson_prepared(self, opening: OpeningScreen, prepared: Any) -> None:
        """The lesson of `opening` is ready (a LessonSession) or refused (Refused): it replaces the
        opening screen, or the refusal is said and the list shows; only while `opening` is active."""
        from .screens.lesson import LessonScreen  # loaded by the preparation already
        from .screens.opening import Refused

        if self.screen is not opening:
            return
        if isinstance(prepared, Refused):
            self.notify(
                plain(prepared.text), title="Cannot open the lesson", severity="error", timeout=10, markup=False
            )
            self.leave_lesson(opening)
            return
        prepared.keep_progress_in(self.store)
        self.switch_screen(LessonScreen(prepared))
        if opening.lesson.path is not None:
            self.settings.remember_lesson_file(opening.lesson.path)

    def leave_lesson(self, screen: Any) -> None:
        """Back from `screen` (a lesson, or its opening) to the lesson list, if `screen` is still the active one.

        A lesson opened from the list returns to it; one opened by name is
        replaced by a fresh list in one move (never a moment with no screen).
        """
        from .screens.lesson_list import LessonListScreen

        if self.screen is not screen:
            return
        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, LessonListScreen):
            self.pop_screen()
        else:
            self._load_lessons()
            self.switch_screen(LessonListScreen(self.lessons, self.problems, self.store))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a lesson opens, the palette, the playground and help wait for it (they are not offered)."""
        if action in ("command_palette", "playground", "help") and self._opening_shown():
            return False
        return True

    def _opening_shown(self) -> bool:
        """Whether the active screen is a lesson's opening (its module not loaded yet: no lesson was opened)."""
        opening = sys.modules.get(OPENING_MODULE)
        return opening is not None and isinstance(self.screen, opening.OpeningScreen)

    def action_command_palette(self) -> None:
        """One palette at a time, never over a screen that is leaving (check_action keeps it from an opening screen)."""
        from .widgets.palette import TutorPalette

        if self.use_command_palette and not TutorPalette.is_open(self):
            self.push_screen(TutorPalette())

    def search_commands(self, commands: Sequence[CommandListItem], placeholder: str = "Search for commands…"):
        """Textual's list-of-commands palette, as the tutor's palette (closes once)."""
        from .widgets.palette import TutorPalette

        return self.push_screen(
            # As Textual's own App.search_commands: the palette takes a SimpleProvider instance
            # (command.py checks for one), though its ProviderSource type names classes only.
            TutorPalette(
                providers=[SimpleProvider(self.screen, list(commands))],  # type: ignore[list-item]
                placeholder=placeholder,
            )
        )

    def search_themes(self) -> None:
        """The theme picker (palette "Theme"), as the tutor's palette (closes once)."""
        from .widgets.palette import TutorPalette

        self.push_screen(TutorPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def _remember_theme(self, theme: Any) -> None:
        problem = self.settings.remember_theme(theme.name)
        if problem:
            self.notify(plain(problem), title="Theme", severity="warning", markup=False)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's "Screenshot": saved in the data folder (Textual's default, ~/Downloads, is
        missing on most servers), or sent to the browser under `nntutor serve`."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        folder = Path(path) if path else screenshots_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(filename, str(folder), time_format)
        except OSError as exc:
            self.notify(
                plain(f"Cannot save it in {folder}: {exc.strerror or exc}"),
                title="Screenshot",
                severity="error",
                markup=False,
            )
            return None
        self.notify(plain(f"Saved as {saved}"), title="Screenshot", markup=False)
        return None

    def on_unmount(self) -> None:
        self.store.close()


def _lesson_named(lesson_arg: str, folders: list[Path]) -> Any:
    """The lesson `nntutor LESSON` opens. A shipped one that passed the walk comes from its listing
    (its first frame parses nothing; the opening reads the file). Any other is read here, and walked
    if never walked before, before the tutor starts, so that one the walk refuses is refused as
    validate refuses it; one walked before opens at once. Raises LessonError."""
    listed = find_listed(lesson_arg, folders)
    if listed is not None and walked_before(listed.digest):
        return listed
    lesson = find_in(lesson_arg, folders, walk=False)
    if not walked_before(lesson.digest):
        from nntutor.curriculum.check import refuse_unless_it_opens

        refuse_unless_it_opens(lesson)
    return lesson


def run_app(
    lesson_arg: str | None, learner: str | None = None, folders: list[Path] | None = None, playground: Any = None
) -> int:
    """Run the tutor; `lesson_arg` is a lesson id or path, or None to resume; `folders`: where lessons
    are (default: the shipped ones and $NNTUTOR_LESSONS); `playground` a playground Setup to open
    instead. Returns the exit status."""
    folders = folders or lesson_folders()
    lesson = None
    if lesson_arg and playground is None:
        try:
            lesson = _lesson_named(lesson_arg, folders)
        except LessonError as exc:  # a file problem: one line each, names escaped, status 1
            for problem in exc.problems:
                print(f"nntutor: cannot open the lesson: {problem}", file=sys.stderr)
            return 1
    app = NNTutorApp(lesson, learner=learner, lessons_dir=folders, playground=playground)
    app.run()
    if app.store.pending:
        lost = app.store.pending
        print(
            f"nntutor: progress not saved ({app.store.problem}): {lost} change{'s' if lost != 1 else ''} lost",
            file=sys.stderr,
        )
    return app.return_code or 0  # an unhandled error ends the app with 1: the shell must see it


if __name__ == "__main__":
    sys.exit(run_app(sys.argv[1] if len(sys.argv) > 1 else None))


def _same_file(path: Path | None, other: Path) -> bool:
    """Whether two paths name one file (as far as resolving them tells; no file is read)."""
    try:
        return path is not None and Path(path).resolve() == Path(other).resolve()
    except (OSError, RuntimeError):  # a loop of links, a path the system refuses
        return False
