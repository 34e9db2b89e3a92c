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


# `nntutor LESSON` loads the app and the opening screen before the first frame, not the screens it may never show.
def test_the_app_loads_the_lesson_list_help_and_palette_only_when_they_are_shown():
    loaded = _modules_after("import nntutor.cli, nntutor.ui.app")
    assert "nntutor.ui.screens.opening" in loaded  # what the first frame shows is there
    not_yet = {
        "nntutor.ui.screens.lesson_list",
        "nntutor.curriculum.commands",
        "nntutor.ui.screens.help",
        "nntutor.ui.widgets.palette",
        "nntutor.ui.screens.lesson",
        "numpy",
    }
    assert not not_yet & loaded
