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
        self.first_frame_shown = False
        self._after_first_frame: list[Callable[[], None]] = []

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
        """After each display (Textual's hook): the first to reach the terminal is the first frame (with
        another driver, the first display). What waited for it starts; later frames are written by
        Textual's writer thread."""
        if self.first_frame_shown:
            return
        driver = self.first_frame_driver
        if driver is not None and not driver.frame_written:
            return
        self.first_frame_shown = True
        if driver is not None:
            driver.write_in_background()
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            self.call_later(callback)  # not inside Textual's display

    def after_first_frame(self, screen: Screen, callback: Callable[[], None]) -> None:
        """Run `callback` once `screen` is on the terminal: after the app's first frame if that is still
        to come, else after `screen`'s next refresh."""
        if self.first_frame_shown:
            screen.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)
