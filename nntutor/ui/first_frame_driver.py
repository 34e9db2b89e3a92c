"""Textual's Linux terminal driver, writing frames itself until the first one is on the terminal.

Textual's LinuxDriver hands every write to a writer thread and returns at once, and
Textual 8.2 tells an app nothing of when that thread has written (its flush is a
no-op). A lesson's opening starts its preparation after its first frame, in a thread
whose ``import numpy`` loads shared libraries in long C calls holding the interpreter
lock: a frame still queued then reached the terminal late, later than the process's
CPU time explains (issue 9).

This driver writes on the calling thread (the UI thread) and flushes at each of the
app's flushes, until `write_in_background`; from then on Textual's writer thread
writes, as before. `frames_flushed` tells the app (first_frame.py) that a display
drew something: the first one, written here, is the first frame on the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App


class FirstFrameDriver(LinuxDriver):
    def __init__(self, app: App, **options: Any) -> None:
        super().__init__(app, **options)
        # LinuxDriver's output file (sys.__stderr__ in Textual 8.2), written here without its writer
        # thread: private, hence the pin of textual in pyproject.toml.
        self.output = self._file
        self.in_background = self.output is None
        self.frames_flushed = 0  # flushes that followed writes, since application mode started
        self._unflushed = False
        from .first_frame import FirstFrameApp  # loaded: it chose this driver

        if isinstance(app, FirstFrameApp):  # the app learns its driver here: Textual gives it no public handle
            app.first_frame_driver = self

    def start_application_mode(self) -> None:
        super().start_application_mode()
        self.flush()  # its escape codes are no frame
        self.frames_flushed = 0

    # Before write_in_background, this writes on whichever thread calls: the UI thread's frames, and
    # LinuxDriver's input thread's replies to a terminal that reports in-band resizes. Each call writes
    # one whole escape sequence or frame, so none is split; only their order against the frame may differ.
    def write(self, data: str) -> None:
        self._unflushed = True
        if self.output is None or self.in_background:
            super().write(data)
        else:
            self.output.write(data)

    def flush(self) -> None:
        """The app flushes after each display that drew something (and after its own escape codes)."""
        if not self._unflushed:
            return
        self._unflushed = False
        self.frames_flushed += 1
        if self.output is not None and not self.in_background:
            self.output.flush()

    def write_in_background(self) -> None:
        """From now on Textual's writer thread writes (a slow terminal no longer holds up the app)."""
        if self.output is not None and not self.in_background:
            self.output.flush()
        self.in_background = True
