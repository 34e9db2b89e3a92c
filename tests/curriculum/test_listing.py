"""The lesson list reads the shipped lessons from their listing in walked.json, and any other file in full."""

import shutil

import pytest

from nntutor.curriculum.folders import load_all
from nntutor.curriculum.listing import ListedLesson, list_all, read_listed
from nntutor.curriculum.loader import lesson_files, load_lesson, shipped_lessons_dir

SHIPPED = lesson_files(shipped_lessons_dir())


@pytest.fixture
def full_reads(monkeypatch):
    """The files read in full (parsed and checked), by name."""
    import nntutor.curriculum.loader as loader

    read = []
    original = loader.static_problems
    monkeypatch.setattr(loader, "static_problems", lambda path: read.append(path.name) or original(path))
    return read


def test_every_shipped_lesson_is_listed_as_a_full_read_lists_it_without_being_parsed(full_reads):
    for path in SHIPPED:
        assert read_listed(path) == (ListedLesson.of(load_lesson(path), path), [])
    assert full_reads == []


def test_the_list_has_the_lessons_and_problems_load_all_finds(tmp_path):
    shutil.copy(SHIPPED[0], tmp_path / "copy.toml")  # the same id again: reported, as load_all reports it
    (tmp_path / "broken.toml").write_text("id = [", encoding="utf-8")
    folders = [shipped_lessons_dir(), tmp_path]
    lessons, problems = load_all(folders)
    listed, listed_problems = list_all(folders)
    assert [(x.id, x.title, x.step_count, x.quiz_ids, x.goal_ids) for x in listed] == [
        (x.id, x.title, len(x.steps), tuple(q.id for q in x.quizzes), x.goal_ids) for x in lessons
    ]
    assert listed_problems == problems and len(problems) == 2


def test_an_edited_copy_of_a_shipped_lesson_is_read_in_full(tmp_path, full_reads):
    edited = tmp_path / SHIPPED[0].name
    text = SHIPPED[0].read_text(encoding="utf-8")
    edited.write_text(text.replace(f'title = "{load_lesson(SHIPPED[0]).title}"', 'title = "Edited"'), encoding="utf-8")
    listed, problems = read_listed(edited)
    assert listed is not None and listed.title == "Edited" and not problems
    assert full_reads == [edited.name]
    edited.write_text(text + "\n[oops\n", encoding="utf-8")
    listed, problems = read_listed(edited)
    assert listed is None and "TOML syntax error" in str(problems[0])


@pytest.mark.parametrize(
    "entry",
    [
        None,
        [],
        {"id": "x"},
        {"id": "x", "title": 3, "steps": 2, "quizzes": [], "goals": []},
        {"id": "x", "title": "t", "steps": 0, "quizzes": [], "goals": []},
        {"id": "x", "title": "t", "steps": 2, "quizzes": [1], "goals": []},
    ],
)
def test_a_listing_entry_of_the_wrong_shape_is_not_trusted(entry, monkeypatch, full_reads):
    assert ListedLesson.from_entry(entry, SHIPPED[0]) is None
    digest_of = {load_lesson(SHIPPED[0]).digest: entry}
    monkeypatch.setattr("nntutor.curriculum.shipped_walks.shipped_listing", lambda: digest_of)
    listed, _ = read_listed(SHIPPED[0])
    assert listed == ListedLesson.of(load_lesson(SHIPPED[0]), SHIPPED[0]) and full_reads == [SHIPPED[0].name]
