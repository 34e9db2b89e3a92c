"""The lesson list reads the shipped lessons from their listing in walked.json, and any other file in full."""

import shutil

import pytest

from nntutor.curriculum.folders import find_in, load_all
from nntutor.curriculum.listing import ListedLesson, find_listed, list_all, read_listed
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
        {"id": "x", "title": 3, "steps": [["a", "b"]], "quizzes": [], "goals": []},
        {"id": "x", "title": "t", "steps": [], "quizzes": [], "goals": []},
        {"id": "x", "title": "t", "steps": 2, "quizzes": [], "goals": []},
        {"id": "x", "title": "t", "steps": [["a"]], "quizzes": [], "goals": []},
        {"id": "x", "title": "t", "steps": [["a", 1]], "quizzes": [], "goals": []},
        {"id": "x", "title": "t", "steps": [["a", "b"]], "quizzes": [1], "goals": []},
    ],
)
def test_a_listing_entry_of_the_wrong_shape_is_not_trusted(entry, monkeypatch, full_reads):
    assert ListedLesson.from_entry(entry, SHIPPED[0]) is None
    digest_of = {load_lesson(SHIPPED[0]).digest: entry}
    monkeypatch.setattr("nntutor.curriculum.shipped_walks.shipped_listing", lambda: digest_of)
    listed, _ = read_listed(SHIPPED[0])
    assert listed == ListedLesson.of(load_lesson(SHIPPED[0]), SHIPPED[0]) and full_reads == [SHIPPED[0].name]


def test_a_shipped_lesson_is_found_from_its_listing_with_every_step_title_and_text(full_reads):
    folders = [shipped_lessons_dir()]
    for lesson_id in ("backprop", "overfitting"):
        listed = find_listed(lesson_id, folders)
        lesson = find_in(lesson_id, folders, walk=False)
        assert listed is not None and full_reads == []
        assert (listed.id, listed.title, listed.path, listed.digest) == (
            lesson.id,
            lesson.title,
            lesson.path,
            lesson.digest,
        )
        assert [(step.title, step.text) for step in listed.steps] == [(step.title, step.text) for step in lesson.steps]
        assert find_listed(str(lesson.path), folders) == listed  # named by its path
    assert find_listed(str(lesson.path), folders, by_id=True) is None  # an id, never a path


def test_only_what_find_in_would_read_first_is_taken_from_the_listing(tmp_path, full_reads):
    edited = tmp_path / "07-backprop.toml"
    edited.write_text(SHIPPED[6].read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert SHIPPED[6].name == edited.name
    assert find_listed(str(edited), [shipped_lessons_dir()]) is None  # bytes not listed: read in full
    assert find_listed("backprop", [tmp_path, shipped_lessons_dir()]) is None  # the first folder has it, edited
    assert find_listed("nosuch", [shipped_lessons_dir()]) is None and find_listed("backprop", []) is None
    assert full_reads == []
