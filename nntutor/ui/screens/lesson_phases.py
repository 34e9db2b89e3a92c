"""Running the learning cycle's phases from the lesson screen: enter, the run-to keys, undo, reset, the rate.

A key runs phases until its goal, pausing before a phase whose quiz is due
(the quiz is asked first, then the phase that reveals its answer runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from ..format import num
from ..session import LessonSession

if TYPE_CHECKING:
    from ..playground_session import PlaygroundSession

LR_LADDER = tuple(m * 10.0**e for e in range(-5, 4) for m in (1, 2, 5))


def next_lr(lr: float, up: bool) -> float:
    """The next rate on the 1-2-5 ladder above (or below) lr."""
    if up:
        return next((v for v in LR_LADDER if v > lr * (1 + 1e-9)), LR_LADDER[-1])
    return next((v for v in reversed(LR_LADDER) if v < lr * (1 - 1e-9)), LR_LADDER[0])


class PhaseRunning(Screen):
    """The phase-running part of LessonScreen (a base class of it, not a screen of its own)."""

    session: LessonSession | PlaygroundSession

    if TYPE_CHECKING:  # provided by LessonScreen and its other parts
        training: bool
        asking: bool

        def stop_autoplay(self) -> None: ...
        def say(self, text: str) -> None: ...
        def refresh_view(self) -> None: ...
        def ask(self, quizzes: list[Any], then: Any) -> None: ...

    def run_phases(self, stop, limit: int | None = None, reason: str = "") -> None:
        """Run phases until `stop(phase)` is true for one that ran; pause before a quiz's reveal phase."""
        if self._busy():
            return
        cycle = self.session.cycle
        if cycle.diverged:
            self.say("The network diverged: press r to reset, or ⌫ to step back.")
            self.refresh_view()
            return
        ran: list[str] = []
        limit = limit or len(cycle.phases) + 1
        for _ in range(limit):
            if cycle.diverged:
                break
            phase = cycle.next_phase
            due = self.session.quizzes_due(str(phase))
            if due:
                self.stop_autoplay()
                self._report(ran, reason, pause=f"a quiz comes before {phase}")
                self.ask(due, then=lambda p=phase: self._run_revealing(p, stop(p)))
                return
            cycle.step()
            self.session.phase_ran(phase)
            ran.append(str(phase))
            if stop(phase):
                break
        self._report(ran, reason)

    def _run_revealing(self, phase: Any, was_the_goal: bool) -> None:
        """After a quiz: run the phase that reveals its answer, and stop there so it can be compared.

        `was_the_goal`: the key pressed asked for no more than this phase;
        otherwise the message says that pressing it again goes on."""
        cycle = self.session.cycle
        if not cycle.diverged and cycle.next_phase == phase:
            cycle.step()
            self.session.phase_ran(phase)
            more = "" if was_the_goal else "; press the same key again to go on"
            self.say(f"ran {phase}: compare with your answer{more}")
        self.refresh_view()

    def _report(self, ran: list[str], reason: str, pause: str = "") -> None:
        if len(ran) > 1 or reason or pause:
            text = f"ran {', '.join(ran)}" if ran else ""
            if reason:
                text = f"{reason}: {text}"
            if pause:
                text = f"{text}; paused: {pause}" if text else f"paused: {pause}"
            self.say(text)
        else:
            self.say("")
        self.refresh_view()

    def _busy(self) -> bool:
        return self.training or self.asking

    # -- keys of the cycle ------------------------------------------------------------
    def action_next_phase(self) -> None:
        self.run_phases(lambda phase: True, limit=1)

    def action_run_to(self, kind: str) -> None:
        cycle = self.session.cycle
        if cycle.diverged:
            self.run_phases(lambda p: True)
            return
        nxt = cycle.next_phase
        reason = "" if nxt.kind == kind else f"{kind} is not next ({nxt} is)"
        self.run_phases(lambda phase: phase.kind == kind, reason=reason)

    def action_finish_pass(self) -> None:
        self.run_phases(lambda phase: phase.kind == "update")

    def action_undo(self) -> None:
        self._move_in_history(self.session.cycle.undo, "stepped back", "nothing to step back to")

    def action_redo(self) -> None:
        self._move_in_history(self.session.cycle.redo, "redone", "nothing to redo")

    def _move_in_history(self, move, done: str, nothing: str) -> None:
        if self._busy():
            return
        self.say(done if move() else nothing)
        if isinstance(self.session, LessonSession):
            self.session.history_moved()
        self.refresh_view()

    def action_reset(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        if isinstance(self.session, LessonSession):  # the run ended is kept beside the new one
            self.session.restart_run()
        else:  # the playground keeps its runs itself
            self.session.cycle.reset()
        self.say("the network is back at the lesson's start (⌫ undoes the reset)")
        self.refresh_view()

    def action_lr(self, up: bool) -> None:
        if self._busy():
            return
        cycle = self.session.cycle
        cycle.set_lr(next_lr(cycle.state.lr, up))
        self.say(f"learning rate {num(cycle.state.lr)}")
        self.refresh_view()
