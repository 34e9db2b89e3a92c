"""Teachers' lesson folders (--lessons DIR, NNTUTOR_LESSONS) beside the shipped lessons: the app, list,
validate and trace find their lessons; an id used twice is reported, and the first one kept."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nntutor.curriculum.folders import LESSONS_ENV, find_in, lesson_folders, load_all
from nntutor.curriculum.loader import shipped_lessons_dir

NEURON = shipped_lessons_dir() / "01-neuron.toml"


def _teacher_lesson(folder: Path, lesson_id: str, title: str) -> Path:
    """The shipped neuron lesson under another id and title: a lesson that validates."""
    folder.mkdir(parents=True, exist_ok=True)
    text = NEURON.read_text(encoding="utf-8")
    text = text.replace('id = "neuron"', f'id = "{lesson_id}"', 1).replace(
        'title = "The neuron"', f'title = "{title}"', 1
    )
    path = folder / f"{lesson_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def teacher(tmp_path, monkeypatch):
    monkeypatch.delenv(LESSONS_ENV, raising=False)
    folder = tmp_path / "class"
    _teacher_lesson(folder, "our-neuron", "Our own neuron")
    return folder


def _nntutor(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nntutor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_folders_come_shipped_first_then_the_environment_then_the_options(tmp_path, monkeypatch):
    monkeypatch.setenv(LESSONS_ENV, os.pathsep.join([str(tmp_path / "a"), "", str(tmp_path / "b")]))
    folders = lesson_folders([tmp_path / "c", tmp_path / "a"])
    assert folders == [shipped_lessons_dir(), tmp_path / "a", tmp_path / "b", tmp_path / "c"]


def test_a_teachers_lesson_is_listed_beside_the_shipped_ones(teacher):
    lessons, problems = load_all(lesson_folders([teacher]))
    ids = [lesson.id for lesson in lessons]
    assert ids[0] == "neuron" and ids[-1] == "our-neuron" and not problems
    assert find_in("our-neuron", lesson_folders([teacher])).title == "Our own neuron"


def test_an_id_used_twice_is_reported_and_the_first_kept(teacher):
    copy = _teacher_lesson(teacher, "neuron", "A second neuron")
    lessons, problems = load_all(lesson_folders([teacher]))
    assert [lesson.title for lesson in lessons if lesson.id == "neuron"] == ["The neuron"]
    assert len(problems) == 1 and str(copy) in str(problems[0]) and '"neuron" is already used' in str(problems[0])


def test_a_missing_folder_is_reported_and_the_others_still_load(tmp_path, teacher):
    lessons, problems = load_all(lesson_folders([tmp_path / "nowhere", teacher]))
    assert "our-neuron" in [lesson.id for lesson in lessons]
    assert [str(p) for p in problems if "nowhere" in str(p)]


def test_list_validate_and_trace_take_lessons_and_the_environment(teacher, tmp_path):
    home = {"NNTUTOR_HOME": str(tmp_path / "home")}
    listed = _nntutor("list", "--lessons", str(teacher), env=home)
    assert listed.returncode == 0, listed.stderr
    assert "our-neuron" in listed.stdout and "Our own neuron" in listed.stdout and "backprop" in listed.stdout
    by_env = _nntutor("list", env={**home, LESSONS_ENV: str(teacher)})
    assert "our-neuron" in by_env.stdout

    traced = _nntutor("trace", "our-neuron", "--phases", "2", env={**home, LESSONS_ENV: str(teacher)})
    assert traced.returncode == 0, traced.stderr
    assert traced.stdout == _nntutor("trace", "neuron", "--phases", "2", env=home).stdout  # the same network

    _teacher_lesson(teacher, "neuron", "A second neuron")
    checked = _nntutor("validate", "--lessons", str(teacher), env=home)
    assert checked.returncode == 1
    assert '"neuron" is already used' in checked.stdout and str(teacher / "neuron.toml") in checked.stdout


async def test_the_app_lists_a_teachers_lessons_and_resumes_one_opened_by_path(teacher, tmp_path, monkeypatch):
    from nntutor.curriculum.progress import ProgressStore
    from nntutor.ui.app import NNTutorApp
    from nntutor.ui.screens.lesson_list import LessonListScreen

    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
    app = NNTutorApp(store=ProgressStore(tmp_path / "home", learner="ada"), lessons_dir=lesson_folders([teacher]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        assert "our-neuron" in [lesson.id for lesson in app.lessons]

    elsewhere = _teacher_lesson(tmp_path / "handout", "handout", "A handout")  # opened by path, in no folder
    app = NNTutorApp(find_in(str(elsewhere), lesson_folders()), store=ProgressStore(tmp_path / "home", learner="ada"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _open_lesson(app) == "handout"
    app = NNTutorApp(store=ProgressStore(tmp_path / "home", learner="ada"))  # bare nntutor: resumes it
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _open_lesson(app) == "handout"


def _open_lesson(app) -> str | None:
    """The id of the lesson on the app's screen stack (its opening quiz may be above it)."""
    from nntutor.ui.screens.lesson import LessonScreen

    return next((s.session.lesson.id for s in app.screen_stack if isinstance(s, LessonScreen)), None)


async def test_a_copy_of_a_shipped_lesson_opened_by_path_is_the_one_resumed(tmp_path, monkeypatch):
    """A teacher's edited copy keeps the shipped id: bare nntutor resumes the file opened last, the
    copy, and after the shipped one is opened again, the shipped one."""
    from nntutor.curriculum.progress import ProgressStore
    from nntutor.ui.app import NNTutorApp
    from nntutor.ui.screens.lesson import LessonScreen

    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
    shipped = next(shipped_lessons_dir().glob("*-backprop.toml"))
    copy = tmp_path / "handout" / "backprop.toml"
    copy.parent.mkdir()
    copy.write_text(
        shipped.read_text(encoding="utf-8").replace('title = "', 'title = "Our copy: ', 1), encoding="utf-8"
    )

    def title_on_screen(app) -> str | None:
        return next((s.session.lesson.title for s in app.screen_stack if isinstance(s, LessonScreen)), None)

    for opened, resumed_title in ((str(copy), "Our copy: "), ("backprop", "Backpropagation")):
        store = ProgressStore(tmp_path / "home", learner="ada")
        async with NNTutorApp(find_in(opened, lesson_folders(), walk=False), store=store).run_test() as pilot:
            await pilot.pause()
        async with NNTutorApp(store=ProgressStore(tmp_path / "home", learner="ada")).run_test() as pilot:
            await pilot.pause()
            assert (title_on_screen(pilot.app) or "").startswith(resumed_title)
