"""A quiz: the question, an answer typed with the keyboard, then feedback with the real value.

The answer is typed straight into the screen (no text box), so that the
same keys work for every kind of quiz:

- number: digits, '.', '-', 'e'; backspace deletes; enter answers;
- choice: 1-9 picks a choice, or up/down then enter;
- direction: u (up), d (down), n (no change), or the up/down arrows and '='.

A wrong first answer does not give the answer away: the hint shows and the
learner tries once more; the second answer (or a right one) shows the value
the network really gives and the explanation. Every attempt is saved the
moment it is given (``record``), so nothing is lost if the program dies
while the feedback shows. h or ? shows the hint, escape skips the quiz (or
closes it once answered); enter closes the feedback.

Every text here comes from a lesson file and is drawn as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ..format import num
from ..plain import plain, plain_content
from .modal import TutorModal, event_clock

NUMBER_KEYS = set("0123456789.-+e")
DIRECTION_KEYS = {"u": "up", "up": "up", "d": "down", "down": "down", "n": "no change", "equals_sign": "no change"}
ATTEMPTS = 2  # a wrong first answer gets one more try, with the hint, before the answer shows


@dataclass(frozen=True)
class QuizOutcome:
    quiz: Any
    answered: bool  # False: skipped before any answer
    correct: bool = False  # the last answer was right
    result: Any = None  # curriculum QuizResult of the last answer
    closed_at: float | None = None  # when the quiz left the screen, on the clock Textual stamps events with


class QuizScreen(TutorModal):
    # The screen's own rules (parsed when a quiz is first shown, not before the app's first frame).
    DEFAULT_CSS = """
    /* at the bottom, so the step text the quiz is about stays in view above it */
    QuizScreen { align: center bottom; }
    #quiz-box {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    #quiz-question { text-style: bold; margin-bottom: 1; }
    #quiz-answer { height: auto; }
    #quiz-hint { height: auto; color: $text-muted; }
    #quiz-feedback { height: auto; margin-top: 1; }
    #quiz-feedback.-right { color: $success; }
    #quiz-feedback.-wrong { color: $warning; }
    #quiz-hint.-empty, #quiz-feedback.-empty { display: none; }
    #quiz-keys { height: 1; color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("enter", "submit", "Answer", id="quiz.submit"),
        Binding("h,question_mark", "hint", "Hint", id="quiz.hint"),
        Binding("escape", "skip", "Skip", id="quiz.skip"),
    ]

    def __init__(
        self, quiz: Any, expected: float | str, record: Callable[[Any, bool], None] | None = None, title: str = "Quiz"
    ):
        """`expected`: the right answer, read once as the quiz is asked; `record(quiz, correct)` saves an attempt."""
        super().__init__()
        self.quiz = quiz
        self.expected = expected
        self.record = record
        self.title_text = title
        self.typed = ""
        self.choice = 0
        self.direction: str | None = None
        self.hint_shown = False
        self.attempts = 0
        self.tried: Any = None  # the wrong first attempt (QuizResult) while the learner tries again
        self.result: Any = None  # the final result, shown with the answer

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz-box") as box:
            box.border_title = plain_content(self.title_text)
            yield Static(plain(self.quiz.question), markup=False, id="quiz-question")
            yield Static("", id="quiz-answer")
            yield Static("", id="quiz-hint")
            yield Static("", id="quiz-feedback")
            yield Static("", markup=False, id="quiz-keys")

    def on_mount(self) -> None:
        self._draw()

    # -- input -----------------------------------------------------------------
    # Not an override in Textual's sense: Textual runs the on_key of every
    # class in the MRO (this one, then TutorModal's async one unless this one
    # prevented the default), so the two may differ in kind.
    def on_key(self, event: events.Key) -> None:  # type: ignore[override]
        if self.leaving:  # a key read before the quiz closed must not touch its removed widgets
            return
        if self.result is not None:
            if event.key not in ("enter", "escape"):
                event.stop()
                event.prevent_default()
            return
        if self._edit_answer(event):
            event.stop()
            event.prevent_default()
            self._draw()

    def _edit_answer(self, event: events.Key) -> bool:
        """Apply a key to the answer being typed or chosen; True if it was one."""
        kind = self.quiz.kind
        if kind == "number":
            char = event.character or ""
            if event.key == "backspace":
                self.typed = self.typed[:-1]
                return True
            if char and char in NUMBER_KEYS and len(self.typed) < 24:
                self.typed += char
                return True
        elif kind == "choice":
            n = len(self.quiz.choices)
            if event.character and event.character.isdigit() and 1 <= int(event.character) <= n:
                self.choice = int(event.character) - 1
                return True
            if event.key in ("up", "k"):
                self.choice = (self.choice - 1) % n
                return True
            if event.key in ("down", "j"):
                self.choice = (self.choice + 1) % n
                return True
        elif kind == "direction" and event.key in DIRECTION_KEYS:
            self.direction = DIRECTION_KEYS[event.key]
            return True
        return False

    # -- actions -------------------------------------------------------------------
    # (check_action keeps keys and commands off a leaving quiz; the guards below
    # also cover a direct call.)
    def action_hint(self) -> None:
        if self.result is None and not self.leaving:
            self.hint_shown = True
            self._draw()

    def action_skip(self) -> None:
        if not self.leaving:
            self._close()

    def action_submit(self) -> None:
        if self.leaving:
            return
        if self.result is not None:
            self._close()
            return
        response = self.response()
        if response is None or response == "":
            self._say("Type an answer first.")
            return
        result = self.quiz.check(response, expected=self.expected)
        if result.given is None:  # unreadable: say why, let the learner try again
            self._say(result.message)
            return
        self.attempts += 1
        if self.record is not None:
            self.record(self.quiz, result.correct)  # saved now: the feedback may never be closed
        if result.correct or self.attempts >= ATTEMPTS:
            self.result = result
            self.tried = None
        else:
            self.tried = result
            self.hint_shown = True
            self.typed = ""
        self._draw()

    def _close(self) -> None:
        last = self.result or self.tried
        closed_at = event_clock()
        if last is None:
            self.dismiss(QuizOutcome(self.quiz, False, closed_at=closed_at))
        else:
            self.dismiss(QuizOutcome(self.quiz, True, last.correct, last, closed_at))

    def _say(self, text: str) -> None:
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.update(Text(plain(text), style="italic"))
        feedback.remove_class("-empty")

    def response(self) -> Any:
        if self.quiz.kind == "number":
            return self.typed
        if self.quiz.kind == "choice":
            return self.choice
        return self.direction

    # -- drawing -------------------------------------------------------------------
    def _draw(self) -> None:
        self.query_one("#quiz-answer", Static).update(self._answer_text())
        hint = self.query_one("#quiz-hint", Static)
        hint.set_class(not self.hint_shown or self.result is not None, "-empty")
        if self.hint_shown and self.quiz.hint:
            hint.update(Text("Hint: " + plain(self.quiz.hint), "italic"))
        elif self.hint_shown:
            hint.update(Text("No hint for this one: look at the numbers on screen.", "italic"))
        feedback = self.query_one("#quiz-feedback", Static)
        keys = self.query_one("#quiz-keys", Static)
        shown = self.result or self.tried
        feedback.set_class(shown is None, "-empty")
        feedback.set_class(shown is not None and shown.correct, "-right")
        feedback.set_class(shown is not None and not shown.correct, "-wrong")
        if self.result is not None:
            feedback.update(self._feedback_text(self.result))
            keys.update("enter or esc continues")
            return
        if self.tried is not None:
            given = _shown(self.tried.given)
            feedback.update(
                Text.assemble(("✗ Not yet. ", "bold"), f"You said {given}. Try once more (the hint is above).")
            )
        typing = {
            "number": "type a number (⌫ deletes)",
            "choice": "1-9 or ↑↓ to choose",
            "direction": "u / d / n",
        }[self.quiz.kind]
        keys.update(f"{typing} · enter answers · h hint · esc skips")

    def _answer_text(self) -> Text:
        kind = self.quiz.kind
        if kind == "number":
            return Text.assemble(("Your answer: ", "bold"), (self.typed or "", ""), ("▏", "blink"))
        if kind == "choice":
            text = Text()
            for n, choice in enumerate(self.quiz.choices):
                mark = "▸" if n == self.choice else " "
                if n:
                    text.append("\n")
                text.append(f"{mark} {n + 1}. {plain(choice, one_line=True)}", "reverse" if n == self.choice else "")
            return text
        text = Text("Which way? ", "bold")
        for word, keys in (("up", "u ↑"), ("down", "d ↓"), ("no change", "n =")):
            text.append(f" {word} ({keys}) ", "reverse" if word == self.direction else "")
        return text

    def _feedback_text(self, r: Any) -> Text:
        expected, given = _shown(r.expected), _shown(r.given)
        feedback = Text()
        feedback.append("✓ Right. " if r.correct else "✗ Not quite. ", "bold green" if r.correct else "bold red")
        if self.quiz.kind == "number":
            source = "the network gives" if self.quiz.path is not None else "the answer is"
            feedback.append(f"You said {given}; {source} {expected}.\n")
        elif not r.correct:
            feedback.append(f"You said {given}; the answer is {expected}.\n")
        else:
            feedback.append("\n")
        if r.explanation:
            feedback.append(plain(r.explanation))
        return feedback


def _shown(value: Any) -> str:
    """An answer as the feedback shows it: numbers to 6 significant digits, choices as plain text."""
    return num(value, 6) if isinstance(value, float) else plain(value, one_line=True)
