"""The shipped lessons' walk list: every shipped lesson walks cleanly, and the list names exactly them."""

import json

from nntutor.curriculum.check import walk_problems
from nntutor.curriculum.loader import lesson_files, load_lesson, shipped_lessons_dir
from nntutor.curriculum.shipped_walks import FILE_NAME, current_list, shipped_digests
from nntutor.curriculum.walk import walk_lesson

REGENERATE = 'python -c "from nntutor.curriculum.shipped_walks import write_list; write_list()"'


def test_the_shipped_walk_list_names_every_shipped_lesson_that_walks_cleanly_and_nothing_else():
    shipped = json.loads((shipped_lessons_dir() / FILE_NAME).read_text(encoding="utf-8"))
    expected = current_list()
    assert len(expected["passed"]) == len(lesson_files(shipped_lessons_dir())), "every shipped lesson must walk cleanly"
    assert len(expected["listed"]) == len(lesson_files(shipped_lessons_dir()))
    assert shipped == expected, f"lessons/{FILE_NAME} is out of date: {REGENERATE}"


def test_a_shipped_lesson_opens_without_a_walk_and_an_edited_copy_is_walked(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
    calls = []
    import nntutor.curriculum.check as check

    monkeypatch.setattr(check, "walk_lesson", lambda lesson: calls.append(lesson.id) or walk_lesson(lesson))
    shipped = lesson_files(shipped_lessons_dir())[0]
    lesson = load_lesson(shipped)
    assert lesson.digest in shipped_digests()
    assert walk_problems(lesson) == [] and calls == []  # listed: no walk
    edited = tmp_path / shipped.name
    edited.write_text(shipped.read_text(encoding="utf-8") + "\n# a teacher's note\n", encoding="utf-8")
    assert walk_problems(load_lesson(edited)) == [] and calls == [lesson.id]  # other bytes: walked
