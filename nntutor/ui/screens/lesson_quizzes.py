"""Asking a step's quizzes from the lesson screen, one screen each, then going on.

The keys a quiz reads stay with it (screens/modal.py); enter or escape
typed while it was still on screen, but routed to the lesson after it
closed, is dropped here (_closes_quiz).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.screen import ModalScreen, Screen

from ..session import LessonSession
from .quiz import QuizOutcome, QuizScreen

if TYPE_CHECKING:
    from ..playground_session import PlaygroundSession


class QuizAsking(Screen):
    """The quiz part of LessonScreen (a base class of it, not a screen of its own)."""

    session: LessonSession | PlaygroundSession
    asking = False
    quiz_closed_at: float | None = None  # when the last quiz left the screen (Textual's event clock)
    _after_quiz: Any = None  # what to do once the quiz screen has gone
    # The last ask()'s skipped quizzes, each as "quiz skipped: <why>" (the training it led to repeats them).
    skipped_words: tuple[str, ...] = ()

    if TYPE_CHECKING:  # provided by LessonScreen

        def say(self, text: str) -> None: ...
        def gone(self) -> bool: ...

    def _closes_quiz(self, event: events.Key) -> bool:
        """Enter or escape typed while a quiz was still on screen belongs to the quiz.

        A burst such as "enter enter" closes the quiz with its first key; the
        second was typed before the lesson was back in view, so it neither
        stops the training the quiz led to nor runs past the phase that
        reveals the answer. A key typed after the quiz closed acts as usual.
        """
        closed = self.quiz_closed_at
        return event.key in ("enter", "escape") and closed is not None and event.time <= closed

    def _passes_to_modal(self, event: events.Key) -> bool:
        """A key this screen reads while a modal (its quiz, help, the palette) is above it belongs to the modal.

        The App routes each key to the screen on top when it reads it, and it
        reads a whole burst ("space 0.2689 enter") before this screen has
        handled the first key; when that key opens a quiz, the rest were
        typed for the quiz, so they are passed on to it, in order, as the App
        would have (to the widget with the focus there, else the screen).
        Left to bubble instead, a key ran the palette's bindings before the
        palette had composed its list (NoMatches, in the tmux key bursts).
        """
        above = self.app.screen
        if above is self or not isinstance(above, ModalScreen) or self.gone():
            return False
        event.stop()
        event.prevent_default()
        (above.focused or above).post_message(events.Key(event.key, event.character))
        return True

    def ask(self, quizzes: list[Any], then) -> None:
        """Ask `quizzes` one after another, each on its own screen, then call `then`.

        Each quiz is pushed from the key handler that made it due, so the keys
        that follow in the same burst already go to the quiz. A quiz whose live
        value cannot be read (the network diverged) is skipped with a word.
        """
        self.asking = True
        self.skipped_words = ()
        self._ask_next(list(quizzes), len(quizzes), then)

    def _ask_next(self, quizzes: list[Any], total: int, then) -> None:
        if self.gone():
            return
        if not self.is_active:  # e.g. the palette is open above: go on when this screen is back
            self._after_quiz = lambda: self._ask_next(quizzes, total, then)
            return
        while quizzes:
            quiz = quizzes.pop(0)
            session = self.session
            assert isinstance(session, LessonSession), "quizzes come only from a lesson's steps"
            try:
                expected = quiz.expected(session.cycle)
            except LookupError as exc:  # a diverged network has no loss to ask about
                session.quiz_closed(quiz)
                self.say(f"quiz skipped: {exc}")
                # Short enough to share the message row with what comes next ("test_loss is inf").
                self.skipped_words += (f"quiz skipped: {str(exc).split(' (')[0]}",)
                continue
            n = total - len(quizzes)
            title = "Quiz" if total == 1 else f"Quiz {n} of {total}"
            screen = QuizScreen(quiz, expected, session.record_answer, title)
            self.app.push_screen(screen, callback=lambda outcome: self._quiz_closed(outcome, quizzes, total, then))
            return
        self.asking = False
        then()

    def _quiz_closed(self, outcome: QuizOutcome, quizzes: list[Any], total: int, then) -> None:
        if self.gone():  # the lesson was left while its quiz closed: nothing more to do here
            return
        self.quiz_closed_at = outcome.closed_at
        assert isinstance(self.session, LessonSession), "quizzes come only from a lesson's steps"
        self.session.quiz_closed(outcome.quiz)
        self._ask_next(quizzes, total, then)

    def on_screen_resume(self) -> None:
        then, self._after_quiz = self._after_quiz, None
        if then is not None:
            then()
