"""Opening a lesson (issue 9 "first frame first", issue 8): its first frame, the opening screen, is
drawn before numpy and the engine load; the walk, the network and the replay of the steps run in
a thread meanwhile; then the app shows the lesson at the step left, or the refusal and the list.

The app's run_test waits for the opening (tests/conftest.py); these tests call textual's own
App.run_test to see the opening itself.
"""

import random
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from opened import until_opened
from textual import events
from textual.app import App
from ui_helpers import screen_text

from nntutor.curriculum.folders import find_in, lesson_folders
from nntutor.curriculum.listing import find_listed
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens import opening
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.lesson_list import LessonListScreen
from nntutor.ui.screens.opening import OpeningScreen
from nntutor.ui.session import LessonSession

HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "files"
LATE_STEP = 8  # overfitting's step 9 of 12, after 8000 epochs: the replay trains through the steps before it

# In a fresh interpreter: open overfitting, and look at the screen and the loaded modules when the
# opening screen's first frame is drawn (its preparation starts right after that frame).
FIRST_FRAME = """
import asyncio, sys
from textual.app import App
from nntutor.curriculum.folders import find_in, lesson_folders
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens import opening

seen = []
prepare = opening.OpeningScreen._prepare

def at_the_first_frame(screen):
    shown = "\\n".join(strip.text for strip in screen._compositor.render_strips())
    seen.append(("numpy" in sys.modules, "nntutor.engine.cycle" in sys.modules, shown))
    prepare(screen)

opening.OpeningScreen._prepare = at_the_first_frame

async def main():
    app = NNTutorApp(find_in("overfitting", lesson_folders(), walk=False))
    async with App.run_test(app, size=(80, 24)) as pilot:
        while not any(type(s).__name__ == "LessonScreen" and s.is_mounted for s in app.screen_stack):
            await pilot.pause(0.02)
    numpy_then, engine_then, shown = seen[0]
    print(numpy_then, engine_then, "numpy" in sys.modules)
    print(shown)

asyncio.run(main())
"""


def notifications_of(app: NNTutorApp) -> list[tuple[str | None, str]]:
    """What `app` will notify, as (title, message), in a list filled as it does."""
    said: list[tuple[str | None, str]] = []
    notify = app.notify
    app.notify = lambda message, **kw: said.append((kw.get("title"), str(message))) or notify(message, **kw)
    return said


def replayed_to(step: int) -> LessonSession:
    session = LessonSession(find_in("overfitting", lesson_folders()))
    session.open_at(step)
    return session


def where(session: LessonSession) -> tuple:
    """The step, how far the network has gone, and the runs kept."""
    state = session.cycle.state
    return session.index, state.steps_done, state.position, state.lr, [run.label for run in session.runs]


def test_the_first_frame_shows_the_lesson_before_numpy_and_the_engine_load():
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    loaded, shown = out.split("\n", 1)
    assert loaded == "False False True"  # not at the first frame; once the lesson opened, yes
    lesson = find_in("overfitting", lesson_folders(), walk=False)
    assert shown.startswith(f" {lesson.title} ")  # the title, where the status line goes
    first_words = " ".join(lesson.steps[0].text.split()[:6])
    assert first_words in " ".join(shown.split())  # the step's text, where the lesson screen shows it
    assert "preparing the network" in shown  # the placeholder where the network goes


@pytest.mark.parametrize("name", ["markup-link", "markup-click", "markup-style", "markup-close", "tab"])
async def test_the_opening_shows_a_hostile_step_text_as_written_in_its_first_frame(name, tmp_path, monkeypatch):
    # These texts are beyond step_markdown's subset: the opening draws them plainly (the lesson
    # screen hands them to rich.markdown); either way none of it is taken for markup.
    monkeypatch.setattr(OpeningScreen, "_prepare", lambda self: None)  # the opening stays
    lesson = find_in(str(HOSTILE / f"{name}-in-step-text.toml"), [tmp_path], walk=False)
    app = NNTutorApp(lesson, store=ProgressStore(tmp_path / "home"), lessons_dir=tmp_path)
    async with App.run_test(app, size=(80, 24)):
        assert isinstance(app.screen, OpeningScreen)
        written = " ".join(lesson.steps[0].text.split())
        assert written in " ".join(screen_text(app).split())
        assert app.return_code is None  # no [@click=app.quit] ran


async def test_a_late_resume_opens_at_the_step_left_with_the_steps_before_replayed(tmp_path):
    store = ProgressStore(tmp_path / "home")
    store.visit("overfitting", LATE_STEP)
    app = NNTutorApp(None, store=store)
    async with App.run_test(app, size=(80, 24)) as pilot:
        assert isinstance(app.screen, OpeningScreen)
        assert f"step {LATE_STEP + 1}/12" in screen_text(app)
        await until_opened(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.session.index == LATE_STEP
        assert where(screen.session) == where(replayed_to(LATE_STEP))
        assert screen.session.cycle.state.steps_done > 0
        assert app.store.lesson("overfitting").step == LATE_STEP  # the visit saved, from the UI thread
        assert app.store.pending == 0


async def notifications_when_refused(app: NNTutorApp) -> list[tuple[str | None, str]]:
    """Run `app` until its lesson has been refused: the list shows and no lesson screen ever did."""
    said = notifications_of(app)
    async with App.run_test(app, size=(80, 24)) as pilot:
        await until_opened(pilot)
        assert isinstance(app.screen, LessonListScreen)
        assert not any(isinstance(screen, LessonScreen) for screen in app.screen_stack)
    return said


async def test_a_lesson_that_fails_the_walk_shows_the_refusal_and_then_the_list(tmp_path):
    path = tmp_path / "a.toml"
    shutil.copy(HOSTILE / "check-with-no-reveal.toml", path)
    lesson = find_in(str(path), [tmp_path], walk=False)  # statically sound: only the walk refuses it
    said = await notifications_when_refused(
        NNTutorApp(lesson, store=ProgressStore(tmp_path / "home"), lessons_dir=tmp_path)
    )
    problem = f"{path}:40:1: steps[2].quizzes[0].check: dW[1][0,0] has no value when the step begins"
    assert ("Cannot open the lesson", f"check-with-no-reveal: {problem}") in said


async def test_a_lesson_drawn_from_its_listing_and_broken_since_shows_the_refusal_and_then_the_list(tmp_path):
    path = tmp_path / "07-backprop.toml"
    shutil.copy(find_in("backprop", lesson_folders()).path, path)
    listed = find_listed(str(path), [tmp_path])  # the shipped bytes: the opening is drawn from the listing
    assert listed is not None
    path.write_text("id = [", encoding="utf-8")  # then the file breaks: the opening's full read says so
    said = await notifications_when_refused(
        NNTutorApp(listed, store=ProgressStore(tmp_path / "home"), lessons_dir=tmp_path)
    )
    assert [title for title, text in said if "TOML syntax error" in text] == ["Cannot open the lesson"]


async def test_escape_during_the_opening_goes_to_the_list_and_the_lesson_never_shows(tmp_path):
    store = ProgressStore(tmp_path / "home")
    store.visit("overfitting", LATE_STEP)
    app = NNTutorApp(None, store=store)
    async with App.run_test(app, size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, LessonListScreen)
        await app.workers.wait_for_complete()  # the preparation ends; nothing takes its result
        await pilot.pause(0.2)
        assert isinstance(app.screen, LessonListScreen)
        assert not any(isinstance(screen, LessonScreen | OpeningScreen) for screen in app.screen_stack)


KEYS = (
    "space enter right_square_bracket left_square_bracket t a tab f b u n backspace plus minus r "
    "question_mark ctrl+p P up down left right pagedown pageup h j k"
).split()
CHARS = {"space": " ", "right_square_bracket": "]", "left_square_bracket": "[", "plus": "+", "minus": "-"}
CHARS["question_mark"] = "?"


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_keys_typed_during_the_opening_change_nothing_and_crash_nothing(seed, tmp_path, monkeypatch):
    rng = random.Random(seed)
    store = ProgressStore(tmp_path / "home")
    store.visit("overfitting", LATE_STEP)
    # The preparation waits until every key has reached the opening screen: on a fast machine
    # the replay could otherwise end within the burst, and the last keys act on the lesson.
    keys_handled = threading.Event()
    prepare = opening.prepare_lesson

    def prepare_after_the_keys(*args):
        assert keys_handled.wait(30), "the keys were not handled"
        return prepare(*args)

    monkeypatch.setattr(opening, "prepare_lesson", prepare_after_the_keys)
    app = NNTutorApp(None, store=store)
    async with App.run_test(app, size=(80, 24)) as pilot:
        assert isinstance(app.screen, OpeningScreen)
        for _ in range(300):  # in one go, as a burst reaches the terminal
            key = rng.choice(KEYS)
            app._driver.send_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen)  # every key met the opening
        keys_handled.set()
        await until_opened(pilot)
        assert app.is_running and app.return_code is None
        screen = app.screen
        assert isinstance(screen, LessonScreen), type(screen).__name__  # no palette, help or playground opened
        assert where(screen.session) == where(replayed_to(LATE_STEP))  # no key acted on the lesson
