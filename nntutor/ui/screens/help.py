"""Help: every key of the screen below, generated from its bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from .modal import TutorModal

NOTES = (
    "Selection: the arrows always move it; h j k move too (left, down, up), but l runs the loss "
    "phase (f l b u are the phase keys), so move right with the arrow.",
    "Phase keys f l b u run the next phase of that kind; when another phase comes first, "
    "they run up to it (a message lists what ran). Quizzes stop a run just before the phase that "
    "reveals their answer.",
)


def help_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for every binding of `screen` and the app, keys of one action joined."""
    rows: dict[tuple, list[str]] = {}
    order: list[tuple] = []
    app = screen.app
    for node in (screen, app):
        for binding in _class_bindings(type(node)):
            if not binding.description or binding.system or _hidden(screen, binding):
                continue
            ident = (binding.action, binding.tooltip or binding.description)
            if ident not in rows:
                rows[ident] = []
                order.append(ident)
            display = app.get_key_display(binding.with_key(binding.key))  # this key, not the group's label
            if display not in rows[ident]:
                rows[ident].append(display)
    return [(" / ".join(rows[ident]), ident[1]) for ident in order]


def _class_bindings(cls: type) -> list[Binding]:
    """The bindings an nntutor class declares and those it inherits from nntutor classes, the base's first."""
    out: list[Binding] = []
    for klass in reversed(cls.__mro__):
        if "BINDINGS" in vars(klass) and klass.__module__.startswith("nntutor."):
            out.extend(Binding.make_bindings(vars(klass)["BINDINGS"]))
    return out


def _hidden(screen: Screen, binding: Binding) -> bool:
    """A key whose action the screen never offers (its HELP_HIDES, e.g. the playground's step keys, and the
    app's key that opens the playground), whether the binding is the screen's or the app's."""
    namespace, name, _ = parse_action(binding.action)
    return not namespace and name in getattr(screen, "HELP_HIDES", ())


class HelpScreen(TutorModal):
    # The screen's own rules (parsed when help is first shown, not before the app's first frame).
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    #help-notes { margin-top: 1; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close")]

    def __init__(self, below: Screen):
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        # A table, so that a description too long for the line wraps under itself, not under the keys.
        keys = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        keys.add_column(justify="right", no_wrap=True, style="bold")
        keys.add_column(ratio=1)
        for key, text in help_rows(self.below):
            keys.add_row(Text(key), Text(text))  # Text: keys such as [ and ] are not markup
        notes = "\n".join([*NOTES, "", "escape or ? closes this help; ctrl+p opens the command palette."])
        with VerticalScroll(id="help-box", can_focus=True) as box:
            box.border_title = "Keys"
            yield Static(keys, id="help-keys")
            yield Static(notes, markup=False, id="help-notes")
