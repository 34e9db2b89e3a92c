"""The app's first frame: when it is on the terminal, and what waits for it.

A lesson's opening prepares the lesson in a thread (screens/opening.py) whose
imports hold the interpreter lock in long C calls: started before the first frame
is on the terminal, it holds up the drawing and the writing (issue 9). Textual may
run a new screen's after-refresh callbacks before its first frame, and its
Linux driver writes in a thread of its own, telling nobody when; so in a terminal on
Linux or macOS the app runs with FirstFrameDriver (first_frame_driver.py), which
writes until the first frame is out itself, and this app starts what waits for the
first frame after the display that wrote it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.screen import Screen

    from .first_frame_driver import FirstFrameDriver


class FirstFrameApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.first_frame_driver: FirstFrameDriver | None = None  # set by that driver as it starts
        self._frames_seen = 0  # the driver's frames_flushed at the last display
        self._waiting: list[tuple[Screen, Callable[[], None]]] = []  # see after_frame

    def get_driver_class(self) -> type[Driver]:
        """Textual's choice, with FirstFrameDriver in place of its LinuxDriver (a terminal on Linux or
        macOS); the headless, web and Windows drivers as they are."""
        chosen = super().get_driver_class()
        linux = sys.modules.get("textual.drivers.linux_driver")  # loaded when chosen
        if linux is not None and chosen is linux.LinuxDriver:
            from .first_frame_driver import FirstFrameDriver

            return FirstFrameDriver
        return chosen

    def post_display_hook(self) -> None:
        """After each display (Textual's hook): if it flushed a frame (any display, with another driver),
        what waited for the active screen's frame starts. Once the first frame is on the terminal,
        later frames are written by Textual's writer thread."""
        driver = self.first_frame_driver
        if driver is not None:
            if driver.frames_flushed == self._frames_seen:  # a display that drew nothing (in a batch)
                return
            self._frames_seen = driver.frames_flushed
            driver.write_in_background()
        if not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        for screen, callback in waiting:
            if screen is self.screen:
                self.call_later(callback)  # not inside Textual's display
            elif screen.is_attached:
                self._waiting.append((screen, callback))

    def after_frame(self, screen: Screen, callback: Callable[[], None]) -> None:
        """Run `callback` once a frame of `screen` has been drawn: written to the terminal if it is the
        app's first (handed to Textual's writer thread, later on). Textual may run a new screen's
        after-refresh callbacks before its first frame."""
        self._waiting.append((screen, callback))
