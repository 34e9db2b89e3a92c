"""Opening a lesson refuses exactly what `validate` refuses, and walks each file once."""

import shutil
from pathlib import Path

import pytest

from nntutor.curriculum import LessonError, check, find_lesson, load_lessons, validate_file
from nntutor.curriculum.check import check_file, refuse_unless_it_opens

HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "files"


def test_a_lesson_that_fails_only_the_walk_is_listed_but_not_opened(tmp_path):
    shutil.copy(HOSTILE / "check-with-no-reveal.toml", tmp_path / "a.toml")
    lessons, problems = load_lessons(tmp_path)  # the list runs the static checks only
    assert [lesson.id for lesson in lessons] == ["check-with-no-reveal"] and problems == []
    expected = [f"{tmp_path / 'a.toml'}:40:1: steps[2].quizzes[0].check: dW[1][0,0] has no value when the step begins"]
    assert [str(p) for p in validate_file(tmp_path / "a.toml")] == expected
    with pytest.raises(LessonError) as from_list:
        refuse_unless_it_opens(lessons[0])
    with pytest.raises(LessonError) as by_path:
        find_lesson(str(tmp_path / "a.toml"))
    assert [str(p) for p in from_list.value.problems] == [str(p) for p in by_path.value.problems] == expected


def test_a_file_that_passed_is_not_walked_again_until_its_bytes_change(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    shutil.copy(HOSTILE / "plain-base.toml", path)
    assert check_file(path)[0] is not None
    walks = []
    monkeypatch.setattr(check, "walk_lesson", lambda lesson: walks.append(lesson) or pytest.fail("walked again"))
    assert check_file(path)[0] is not None and find_lesson(str(path)).id == "plain-base"
    path.write_text(path.read_text().replace('title = "Hostile"', 'title = "Changed"'))
    with pytest.raises(pytest.fail.Exception):
        check_file(path)
    assert len(walks) == 1


def test_a_file_with_problems_is_walked_every_time(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    shutil.copy(HOSTILE / "reveal-never-runs.toml", path)
    assert check_file(path)[0] is None
    assert check_file(path)[0] is None  # still refused: failures are never cached


def test_an_unwritable_cache_only_costs_a_walk(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("NNTUTOR_HOME", str(blocker))
    shutil.copy(HOSTILE / "plain-base.toml", tmp_path / "a.toml")
    assert check_file(tmp_path / "a.toml")[0] is not None
    assert check_file(tmp_path / "a.toml")[0] is not None
