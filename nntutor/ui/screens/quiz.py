"""A quiz: the question, an answer typed with the keyboard, then feedback with the real value.

The answer is typed straight into the screen (no text box), so that the
same keys work for every kind of quiz:

- number: digits, '.', '-', 'e'; backspace deletes; enter answers;
- choice: 1-9 picks a choice, or up/down then enter;
- direction: u (up), d (down), n (no change), or the up/down arrows and '='.

h or ? shows the hint, escape skips the quiz (nothing is recorded). After an
answer the feedback shows whether it was right, the value the network really
gives, and the explanation; enter or escape closes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..format import num

NUMBER_KEYS = set("0123456789.-+e")
DIRECTION_KEYS = {"u": "up", "up": "up", "d": "down", "down": "down", "n": "no change", "equals_sign": "no change"}


@dataclass(frozen=True)
class QuizOutcome:
    quiz: Any
    answered: bool  # False: skipped
    correct: bool = False
    result: Any = None  # curriculum QuizResult
    closed_at: float | None = None  # when the key that closed the quiz was pressed (Textual's event clock)


class QuizScreen(ModalScreen[QuizOutcome]):
    BINDINGS = [
        Binding("enter", "submit", "Answer", id="quiz.submit"),
        Binding("h,question_mark", "hint", "Hint", id="quiz.hint"),
        Binding("escape", "skip", "Skip", id="quiz.skip"),
    ]

    def __init__(self, quiz: Any, cycle: Any, title: str = "Quiz"):
        super().__init__()
        self.quiz = quiz
        self.cycle = cycle
        self.title_text = title
        self.typed = ""
        self.choice = 0
        self.direction: str | None = None
        self.hint_shown = False
        self.result: Any = None
        self.key_time: float | None = None  # when the last key was pressed

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz-box") as box:
            box.border_title = self.title_text
            yield Static(self.quiz.question, markup=False, id="quiz-question")
            yield Static("", id="quiz-answer")
            yield Static("", id="quiz-hint")
            yield Static("", id="quiz-feedback")
            yield Static("", markup=False, id="quiz-keys")

    def on_mount(self) -> None:
        self._draw()

    # -- input -----------------------------------------------------------------
    def gone(self) -> bool:
        """Off the screen stack: a late key or palette command must not touch its removed widgets."""
        return self not in self.app.screen_stack

    def on_key(self, event: events.Key) -> None:
        if self.gone():
            return
        self.key_time = event.time
        if self.result is not None:
            if event.key not in ("enter", "escape"):
                event.stop()
                event.prevent_default()
            return
        handled = False
        kind = self.quiz.kind
        if kind == "number":
            char = event.character or ""
            if event.key == "backspace":
                self.typed = self.typed[:-1]
                handled = True
            elif char in NUMBER_KEYS and char and len(self.typed) < 24:
                self.typed += char
                handled = True
        elif kind == "choice":
            n = len(self.quiz.choices)
            if event.character and event.character.isdigit() and 1 <= int(event.character) <= n:
                self.choice = int(event.character) - 1
                handled = True
            elif event.key in ("up", "k"):
                self.choice = (self.choice - 1) % n
                handled = True
            elif event.key in ("down", "j"):
                self.choice = (self.choice + 1) % n
                handled = True
        elif kind == "direction" and event.key in DIRECTION_KEYS:
            self.direction = DIRECTION_KEYS[event.key]
            handled = True
        if handled:
            event.stop()
            event.prevent_default()
            self._draw()

    # -- actions -------------------------------------------------------------------
    def action_hint(self) -> None:
        if self.result is None and not self.gone():
            self.hint_shown = True
            self._draw()

    def action_skip(self) -> None:
        if self.gone():
            return
        if self.result is not None:
            self.dismiss(QuizOutcome(self.quiz, True, self.result.correct, self.result, self.key_time))
        else:
            self.dismiss(QuizOutcome(self.quiz, False, closed_at=self.key_time))

    def action_submit(self) -> None:
        if self.gone():
            return
        if self.result is not None:
            self.dismiss(QuizOutcome(self.quiz, True, self.result.correct, self.result, self.key_time))
            return
        response = self.response()
        if response is None or response == "":
            self._say("Type an answer first.")
            return
        result = self.quiz.check(response, self.cycle)
        if result.given is None:  # unreadable: say why, let the learner try again
            self._say(result.message)
            return
        self.result = result
        self._draw()

    def _say(self, text: str) -> None:
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(Text(text, style="italic"))
        feedback.remove_class("-empty")

    def response(self) -> Any:
        if self.quiz.kind == "number":
            return self.typed
        if self.quiz.kind == "choice":
            return self.choice
        return self.direction

    # -- drawing -------------------------------------------------------------------
    def _draw(self) -> None:
        kind = self.quiz.kind
        answer = self.query_one("#quiz-answer", Static)
        if kind == "number":
            answer.update(Text.assemble(("Your answer: ", "bold"), (self.typed or "", ""), ("▏", "blink")))
        elif kind == "choice":
            text = Text()
            for n, choice in enumerate(self.quiz.choices):
                mark = "▸" if n == self.choice else " "
                if n:
                    text.append("\n")
                text.append(f"{mark} {n + 1}. {choice}", "reverse" if n == self.choice else "")
            answer.update(text)
        else:
            words = [("up", "u ↑"), ("down", "d ↓"), ("no change", "n =")]
            text = Text("Which way? ", "bold")
            for word, keys in words:
                style = "reverse" if word == self.direction else ""
                text.append(f" {word} ({keys}) ", style)
            answer.update(text)
        hint = self.query_one("#quiz-hint", Static)
        hint.set_class(not self.hint_shown, "-empty")
        if self.hint_shown and self.quiz.hint:
            hint.update(Text("Hint: " + self.quiz.hint, "italic"))
        elif self.hint_shown:
            hint.update(Text("No hint for this one: look at the numbers on screen.", "italic"))
        keys = self.query_one("#quiz-keys", Static)
        self.query_one("#quiz-feedback", Static).set_class(self.result is None, "-empty")
        if self.result is None:
            typing = {
                "number": "type a number (⌫ deletes)",
                "choice": "1-9 or ↑↓ to choose",
                "direction": "u / d / n",
            }[kind]
            keys.update(f"{typing} · enter answers · h hint · esc skips")
            return
        r = self.result
        expected = num(r.expected, 6) if isinstance(r.expected, float) else str(r.expected)
        given = num(r.given, 6) if isinstance(r.given, float) else str(r.given)
        feedback = Text()
        if r.correct:
            feedback.append("✓ Right. ", "bold green")
        else:
            feedback.append("✗ Not quite. ", "bold red")
        if self.quiz.kind == "number":
            source = "the network gives" if self.quiz.path is not None else "the answer is"
            feedback.append(f"You said {given}; {source} {expected}.\n")
        elif not r.correct:
            feedback.append(f"You said {given}; the answer is {expected}.\n")
        else:
            feedback.append("\n")
        if r.explanation:
            feedback.append(r.explanation)
        self.query_one("#quiz-feedback", Static).update(feedback)
        self.query_one("#quiz-feedback", Static).set_class(r.correct, "-right")
        self.query_one("#quiz-feedback", Static).set_class(not r.correct, "-wrong")
        keys.update("enter or esc continues")
