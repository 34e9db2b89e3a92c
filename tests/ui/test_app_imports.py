"""What `nntutor LESSON` loads before a lesson's first frame: the app and the opening screen, not the
screens it may never show (issue 9, "first frame first"). Each check runs in a fresh interpreter."""

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


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
