"""The charts load while the lesson waits for the learner, not at the first c (nntutor/ui/chart_preload.py)."""

from __future__ import annotations

import subprocess
import sys

# In a fresh interpreter: open backprop (its first step shows the network) and press nothing. The
# lesson screen opens without the charts' plotext; they load after it is drawn, with no key pressed;
# then c shows the loss chart.
NO_KEY_PRESSED = """
import asyncio, sys, time
from textual.app import App
from nntutor.curriculum.folders import find_in, lesson_folders
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens import lesson

# What was loaded when the lesson screen, drawn, started the preload: recorded where it happens,
# so that a slow machine cannot make the test look later than the screen did.
loaded_at_preload = []
start_preload = lesson.preload_charts

def recording_preload():
    loaded_at_preload.append("plotext" in sys.modules)
    start_preload()

lesson.preload_charts = recording_preload

async def main():
    app = NNTutorApp(find_in("backprop", lesson_folders(), walk=False))
    async with App.run_test(app, size=(80, 24)) as pilot:
        deadline = time.monotonic() + 60  # generous: a loaded machine
        while "plotext" not in sys.modules and time.monotonic() < deadline:
            await pilot.pause(0.01)
        print(loaded_at_preload, "plotext" in sys.modules)
        await pilot.press("c")
        await pilot.pause(0.3)
        print(app.screen.query_one("#chart-panel").kind)

asyncio.run(main())
"""


def test_the_charts_load_after_the_lesson_screen_is_drawn_with_no_key_pressed():
    out = subprocess.run(
        [sys.executable, "-c", NO_KEY_PRESSED], capture_output=True, text=True, check=True, timeout=180
    ).stdout.splitlines()
    assert out == ["[False] True", "loss"]
