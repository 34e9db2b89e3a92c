"""Auto-play on the lesson screen: a phase every few seconds (a starts and stops it, < > change the pace)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer

if TYPE_CHECKING:
    from ..playground_session import PlaygroundSession
    from ..session import LessonSession

AUTOPLAY_SPEEDS = (2.0, 1.0, 0.5, 0.25, 0.1, 0.05)  # seconds per phase


class Autoplay(Screen):
    """The auto-play part of LessonScreen (a base class of it, not a screen of its own)."""

    session: LessonSession | PlaygroundSession
    autoplay_timer: Timer | None = None
    speed = 2  # an index into AUTOPLAY_SPEEDS

    if TYPE_CHECKING:  # provided by LessonScreen and its other parts

        def _busy(self) -> bool: ...
        def say(self, text: str) -> None: ...
        def refresh_view(self) -> None: ...
        def run_phases(self, stop, limit: int | None = None, reason: str = "") -> None: ...

    def action_autoplay(self) -> None:
        if self.autoplay_timer is not None:
            self.stop_autoplay()
            self.say("auto-play stopped")
            self.refresh_view()
            return
        if self._busy():
            return
        self.autoplay_timer = self.set_interval(AUTOPLAY_SPEEDS[self.speed], self._autoplay_tick)
        self.say(f"auto-play: a phase every {AUTOPLAY_SPEEDS[self.speed]:g} s (a stops, < > speed)")
        self.refresh_view()

    def action_speed(self, delta: int) -> None:
        self.speed = max(0, min(len(AUTOPLAY_SPEEDS) - 1, self.speed + delta))
        if self.autoplay_timer is not None:
            self.autoplay_timer.stop()
            self.autoplay_timer = self.set_interval(AUTOPLAY_SPEEDS[self.speed], self._autoplay_tick)
        self.say(f"auto-play speed: a phase every {AUTOPLAY_SPEEDS[self.speed]:g} s")
        self.refresh_view()

    def _autoplay_tick(self) -> None:
        if self._busy() or self.session.cycle.diverged:
            self.stop_autoplay()
            self.refresh_view()
            return
        self.run_phases(lambda phase: True, limit=1)

    def stop_autoplay(self) -> None:
        if self.autoplay_timer is not None:
            self.autoplay_timer.stop()
            self.autoplay_timer = None
            self.refresh_bindings()
