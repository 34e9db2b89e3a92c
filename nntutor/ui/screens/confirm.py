"""A yes-or-no question over the screen below, for actions that throw something away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ..plain import plain
from .modal import TutorModal


class ConfirmScreen(TutorModal):
    """Dismissed with True only by y; n, escape and q keep things as they are."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $warning;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    #confirm-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape,q", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, question: str):
        """`question` is plain text (a lesson title may hold brackets or escapes: never markup)."""
        super().__init__()
        self.box_title = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self.box_title
            yield Static(plain(self.question), markup=False, id="confirm-question")
            yield Static("y: yes   n or escape: no", markup=False, id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
