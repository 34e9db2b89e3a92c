"""A monkey at the keyboard: thousands of seeded random key presses across every screen raise nothing.

The keys go straight to the driver (as fast typing does) with a short pause
every few keys; Pilot.press waits for idle after each key, which would make
thousands of presses take minutes.
"""

import asyncio
import random

from textual import events
from ui_helpers import make_app

from nntutor.ui.screens.lesson import LessonScreen

KEYS = (
    "space n backspace p N ctrl+y f l b u enter t a greater_than_sign less_than_sign up down left right "
    "h j k s plus minus r tab right_square_bracket left_square_bracket pagedown pageup escape question_mark "
    "0 1 2 3 4 5 9 full_stop e d x equals_sign"
).split()
RARE = ("ctrl+p",)
CHARS = {
    "space": " ",
    "full_stop": ".",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "question_mark": "?",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


async def test_random_keys_raise_nothing():
    rng = random.Random(20240607)
    app = make_app("backprop")
    quits = []

    async def keep_running() -> None:  # the palette offers Quit: count it, and keep the monkey going
        quits.append(app.screen)

    app.action_quit = keep_running
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = set()
        for n in range(3000):
            key = rng.choice(RARE) if rng.random() < 0.003 else rng.choice(KEYS)
            char = CHARS.get(key, key if len(key) == 1 else None)
            app._driver.send_message(events.Key(key, char))
            await asyncio.sleep(0.001)
            if n % 25 == 0:
                await pilot.pause()
            seen.add(type(app.screen).__name__)
            if n % 500 == 250:
                await pilot.resize_terminal(rng.choice([50, 80, 120, 160]), rng.choice([14, 24, 40]))
        await pilot.pause()
        assert app.is_running and app.return_code is None, f"the app ended (return code {app.return_code})"
        assert {"LessonScreen", "LessonListScreen", "QuizScreen", "HelpScreen"} <= seen, seen
        for screen in app.screen_stack:
            if isinstance(screen, LessonScreen):
                screen.stop_training()
        await pilot.pause(0.2)
