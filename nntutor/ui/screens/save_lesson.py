"""Asking where to save the playground's experiment as a lesson: a folder and a name.

Returns (folder, name) on enter, or None on escape. What is typed is only ever
used as a path and as the lesson's title (written escaped by the TOML writer).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from .modal import TutorModal

DEFAULT_FOLDER = "my-lessons"


class SaveLessonScreen(TutorModal):
    # The screen's own rules (parsed when it is first shown, not before the app's first frame).
    DEFAULT_CSS = """
    SaveLessonScreen { align: center middle; }
    #save-box {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    #save-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="save.cancel", tooltip="Close without saving"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="save-box") as box:
            box.border_title = "Save as lesson"
            # The title first: it is what must be typed, and where typing starts (the folder has a default).
            yield Static("Lesson title (the file name is made from it):", markup=False)
            yield Input("", placeholder="e.g. Smallest network for the spiral", id="save-name")
            yield Static("Folder (made if missing; relative to where nntutor started):", markup=False)
            yield Input(DEFAULT_FOLDER, id="save-folder")
            yield Static("enter saves · tab moves · escape cancels", markup=False, id="save-keys")

    def on_mount(self) -> None:
        self.query_one("#save-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        folder = self.query_one("#save-folder", Input).value.strip()
        name = self.query_one("#save-name", Input).value.strip()
        if not name:
            self.query_one("#save-name", Input).focus()
            self.query_one("#save-keys", Static).update("a title is needed · enter saves · escape cancels")
            return
        self.dismiss((folder or DEFAULT_FOLDER, name))

    def action_cancel(self) -> None:
        self.dismiss(None)
