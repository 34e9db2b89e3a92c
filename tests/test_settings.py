"""Kept between sessions in the data folder: the chosen theme; and where the palette's screenshots go."""

import json

import pytest
from textual.command import CommandInput

from nntutor.curriculum.loader import find_lesson
from nntutor.curriculum.progress import ProgressStore
from nntutor.settings import Settings
from nntutor.ui.app import NNTutorApp


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))  # a server account: no ~/Downloads
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    return tmp_path / "home"


def _app(home, learner="ada"):
    return NNTutorApp(find_lesson("neuron"), store=ProgressStore(home, learner=learner))


async def test_the_chosen_theme_is_there_in_the_learners_next_session_and_only_theirs(home):
    app = _app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
    assert json.loads((home / "settings" / "ada.json").read_text())["theme"] == "nord"

    app = _app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    app = _app(home, learner="bo")  # another learner in the same data folder
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme != "nord"


def test_any_learner_name_is_one_plain_file_name(tmp_path):
    names = ("../../etc/passwd", "a/b", ".", "..", "x" * 64, "名前", "名" * 64, "名" * 63 + "前")
    paths = {Settings(name, tmp_path).path for name in names}
    assert len(paths) == len(names)
    for path in paths:
        assert path.parent == tmp_path / "settings" and path.name.endswith(".json") and len(path.name) < 130
        path.parent.mkdir(exist_ok=True)
        path.write_text("{}")  # a name the file system takes


async def test_a_damaged_or_unknown_setting_starts_with_the_default_theme(home):
    (home / "settings").mkdir(parents=True)
    default = NNTutorApp(store=ProgressStore(home)).theme
    for text in ("{not json", json.dumps({"theme": "no-such-theme"}), json.dumps(["nord"])):
        (home / "settings" / "ada.json").write_text(text)
        app = _app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == default


def test_a_setting_that_cannot_be_saved_says_why(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    problem = Settings("ada", blocker / "home").remember_theme("nord")
    assert problem and "cannot save the settings" in problem and str(blocker) in problem


async def test_the_palette_screenshot_lands_in_the_data_folder_and_says_where(home):
    app = NNTutorApp(store=ProgressStore(home))  # the lesson list
    told = []
    notify = app.notify
    app.notify = lambda message, **options: (told.append(message), notify(message, **options))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one(CommandInput).value = "Screenshot"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.5)  # the palette delivers it on a 0.1 s timer
        shots = list((home / "screenshots").glob("*.svg"))
        assert len(shots) == 1 and "<svg" in shots[0].read_text()
        assert any(str(shots[0]) in message for message in told), told
