"""Waiting, as a learner does, until a lesson has opened: its opening screen (the first frame,
drawn while the lesson is prepared in a thread; nntutor/ui/screens/opening.py) has given way."""

from __future__ import annotations

import asyncio
import time

OPENING_TIMEOUT_S = 60.0  # a walk of a large lesson on a loaded machine; an opening that never ends fails


async def until_opened(pilot) -> None:
    """Pause until no opening screen is on the app's stack and the screen that took its place (the
    lesson screen, or the list after a refusal) has mounted."""
    from nntutor.ui.screens.opening import OpeningScreen

    app = pilot.app
    deadline = time.monotonic() + OPENING_TIMEOUT_S
    while any(isinstance(screen, OpeningScreen) for screen in app.screen_stack) or not app.screen.is_mounted:
        if time.monotonic() > deadline:
            raise AssertionError(f"the lesson did not open within {OPENING_TIMEOUT_S:g} s")
        await asyncio.sleep(0.01)
        await pilot.pause()
    await pilot.pause()
