"""Every hostile lesson file the validator accepts opens in the app and shows its text literally.

The corpus (tests/hostile/) holds lesson files written to break things:
escapes, markup, sizes, numbers, encodings. Those `validate` refuses are
tested in tests/curriculum; here each one it accepts is opened at 80x24, a
cycle is stepped, the steps are walked with ] and every quiz that comes up
is answered once and closed. Nothing may raise, and no control character may
reach the screen. It takes about two minutes, so it is marked slow
(`pytest -m slow tests/ui/test_hostile_lessons.py`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import screen_text

from nntutor.curriculum.loader import find_lesson
from nntutor.curriculum.problems import LessonError
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.quiz import QuizScreen

CORPUS = Path(__file__).resolve().parent.parent / "hostile"
FILES = sorted(CORPUS.glob("**/*.toml")) if CORPUS.is_dir() else []
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7F, 0xA0)}


def accepted(path: Path):
    try:
        return find_lesson(str(path))
    except LessonError:
        return None
    except Exception:  # a crash while reading is the validator's business (tests/curriculum), not this test's
        return None


async def _answer_quizzes(app, pilot) -> None:
    for _ in range(4):
        if not isinstance(app.screen, QuizScreen):
            return
        await pilot.press("1", "enter", "1", "enter", "enter")
        await pilot.pause()
        if isinstance(app.screen, QuizScreen):
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.slow  # about 2 minutes for the whole corpus: run with -m slow
@pytest.mark.skipif(not FILES, reason="no hostile lesson corpus in tests/hostile yet")
async def test_every_accepted_hostile_lesson_opens_steps_and_shows_plain_text(tmp_path):
    opened = 0
    for path in FILES:
        lesson = accepted(path)
        if lesson is None:
            continue
        opened += 1
        app = NNTutorApp(lesson, store=ProgressStore(tmp_path / path.stem))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await _answer_quizzes(app, pilot)
            for keys in (("enter",), ("right_square_bracket",), ("space", "space"), ("right_square_bracket",)):
                await pilot.press(*keys)
                await pilot.pause()
                await _answer_quizzes(app, pilot)
                text = screen_text(app)
                leaked = CONTROL & set(text)
                assert not leaked, f"{path.name}: control characters {sorted(map(repr, leaked))} on screen"
            assert app.is_running and app.return_code is None, path.name
    assert opened, "the validator refused every file of the corpus: nothing was opened"
