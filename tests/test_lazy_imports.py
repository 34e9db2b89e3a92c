"""Reading lessons loads neither numpy nor the engine: the lesson's first screen and the lesson list
are drawn before they load (issue 9, "first frame first"). Each check runs in a fresh interpreter."""

import importlib
import subprocess
import sys

import pytest

import nntutor.curriculum
import nntutor.engine


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


HEAVY = {"numpy", "nntutor.engine.cycle", "nntutor.curriculum.walk", "textual", "rich", "plotext"}


def test_finding_and_reading_a_lesson_unwalked_loads_no_numpy():
    loaded = _modules_after(
        "from nntutor.curriculum.folders import find_in, lesson_folders\n"
        "find_in('overfitting', lesson_folders(), walk=False)"
    )
    assert "nntutor.curriculum.model" in loaded  # it did read the lesson
    assert not HEAVY & loaded


def test_reading_every_lesson_for_the_list_loads_no_numpy():
    loaded = _modules_after(
        "from nntutor.curriculum.folders import lesson_folders, load_all\n"
        "lessons, problems = load_all(lesson_folders())\nassert len(lessons) >= 16, lessons"
    )
    assert not HEAVY & loaded


@pytest.mark.parametrize("package", [nntutor.engine, nntutor.curriculum])
def test_every_public_name_of_a_lazy_package_is_the_one_its_module_defines(package):
    homes = package._HOMES
    assert sorted(homes) == sorted(package.__all__)
    for name, home in homes.items():
        assert getattr(package, name) is getattr(importlib.import_module(f"{package.__name__}.{home}"), name)
    with pytest.raises(AttributeError, match="no_such_name"):
        package.no_such_name  # noqa: B018


# The app loads each screen when it is first shown (the opening screen of `nntutor LESSON` with the app: cli.main).
def test_the_app_loads_the_opening_lesson_list_help_and_palette_only_when_they_are_shown():
    loaded = _modules_after("import nntutor.cli, nntutor.ui.app")
    assert "textual.app" in loaded
    not_yet = {
        "nntutor.ui.screens.opening",
        "nntutor.ui.screens.lesson_list",
        "nntutor.curriculum.commands",
        "nntutor.ui.screens.help",
        "nntutor.ui.widgets.palette",
        "nntutor.ui.screens.lesson",
        "numpy",
    }
    assert not not_yet & loaded


# The lesson list's first frame: titles and counts of the shipped lessons come from their listing (walked.json).
LIST_NEEDS_NOT = {
    "tomllib",
    "nntutor.curriculum.model",
    "nntutor.curriculum.lesson_builder",
    "nntutor.curriculum.schema",
    "nntutor.curriculum.source",
    "nntutor.curriculum.commands",
    "nntutor.ui.screens.opening",
    "nntutor.ui.screens.confirm",
    "numpy",
}


def test_the_lesson_list_is_drawn_without_parsing_or_checking_a_shipped_lesson(tmp_path):
    loaded = _modules_after(
        "import asyncio\n"
        "from nntutor.curriculum.progress import ProgressStore\n"
        "from nntutor.ui.app import NNTutorApp\n"
        "async def first_frame():\n"
        f"    app = NNTutorApp(store=ProgressStore({str(tmp_path)!r}))\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert type(app.screen).__name__ == 'LessonListScreen', app.screen\n"
        "        assert len(app.lessons) >= 16 and not app.problems, (app.lessons, app.problems)\n"
        "asyncio.run(first_frame())"
    )
    assert "nntutor.ui.screens.lesson_list" in loaded
    assert not LIST_NEEDS_NOT & loaded, sorted(LIST_NEEDS_NOT & loaded)


# `nntutor LESSON` and a resume draw a shipped lesson's opening from its listing: the file is parsed and
# checked in the opening's thread, after the first frame (here the thread is not started).
OPENING_FRAME = """
import asyncio
from nntutor.curriculum.folders import lesson_folders
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp, _lesson_named
from nntutor.ui.screens import opening
opening.OpeningScreen._prepare = lambda screen: None
async def first_frame():
    store = ProgressStore({home!r})
    if {resume!r}:
        store.visit("overfitting", 8)
    app = NNTutorApp(None if {resume!r} else _lesson_named("backprop", lesson_folders()), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "OpeningScreen", app.screen
        assert str(app.screen.query_one("#status").render()) == app.screen.lesson.title
asyncio.run(first_frame())
"""


@pytest.mark.parametrize("resume", [False, True])
def test_a_shipped_lessons_opening_is_drawn_without_parsing_or_checking_it(resume, tmp_path):
    loaded = _modules_after(OPENING_FRAME.format(home=str(tmp_path), resume=resume))
    assert "nntutor.ui.screens.opening" in loaded
    assert not LIST_NEEDS_NOT - {"nntutor.ui.screens.opening"} & loaded
