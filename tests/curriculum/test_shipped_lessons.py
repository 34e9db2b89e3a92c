"""The lessons that ship: valid, answerable, and true to the engine's numbers."""

import re
from pathlib import Path

import pytest

from nntutor.curriculum import load_lesson, load_lessons, shipped_lessons_dir, validate_file, walk_lesson
from nntutor.curriculum.template import starter_lesson

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "lessons"

LESSON_FILES = sorted(SHIPPED.glob("*.toml"))


def test_the_three_first_lessons_ship_numbered_for_the_curriculum():
    names = [p.name for p in LESSON_FILES]
    assert {"01-neuron.toml", "03-loss.toml", "07-backprop.toml"} <= set(names)
    assert all(re.fullmatch(r"(0[1-9]|1[0-9])-[a-z0-9-]+\.toml", n) for n in names)


def test_shipped_lessons_dir_finds_them():
    assert sorted(p.name for p in shipped_lessons_dir().glob("*.toml")) == [p.name for p in LESSON_FILES]
    lessons, problems = load_lessons()
    assert problems == []
    ids = [lesson.id for lesson in lessons]
    assert [i for i in ids if i in ("neuron", "loss", "backprop")] == ["neuron", "loss", "backprop"]


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name)
def test_every_shipped_lesson_validates(path):
    assert [str(p) for p in validate_file(path)] == []


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name)
def test_every_fixed_answer_is_what_the_network_computes(path):
    walk = walk_lesson(load_lesson(path))
    assert walk.problems == []
    asked = {point.quiz.id for point in walk.points}
    assert asked == {q.id for q in walk.lesson.quizzes}, "every quiz is asked once"
    for point in walk.points:
        if point.live is not None and point.quiz.answer is not None:
            if point.quiz.kind == "number":
                assert point.quiz.close_enough(point.quiz.answer, point.live), point.where
            else:
                assert point.quiz.answer == point.live, point.where


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name)
def test_lessons_are_readable_at_80x24_and_teach_with_quizzes(path):
    lesson = load_lesson(path)
    assert len(lesson.steps) >= 4
    for step in lesson.steps:
        assert len(step.text) < 600, step.title
    assert len(lesson.quizzes) >= 2
    assert any(q.path is not None for q in lesson.quizzes), "at least one answer read from the live network"


def test_the_crowd_lesson_asks_the_textbook_numbers_before_they_appear():
    walk = walk_lesson(load_lesson(SHIPPED / "03-loss.toml"))
    by_id = {p.quiz.id: p for p in walk.points}
    assert (by_id["loss-350"].expected, by_id["loss-350"].phase) == (22500.0, "loss")
    assert (by_id["loss-600"].expected, by_id["loss-600"].phase) == (10000.0, "loss")
    # the slope dL/dy is computed by the loss phase, so it is asked before that phase
    assert (by_id["slope-350"].expected, by_id["slope-350"].phase) == (-300.0, "loss")
    assert (by_id["slope-600"].expected, by_id["slope-600"].phase) == (200.0, "loss")


def test_the_backprop_lesson_reproduces_the_worked_example():
    walk = walk_lesson(load_lesson(SHIPPED / "07-backprop.toml"))
    by_id = {p.quiz.id: p.live for p in walk.points}
    assert by_id["total-error"] == pytest.approx(0.298371109, abs=1e-9)
    assert by_id["dw5"] == pytest.approx(0.082167041, abs=1e-9)
    assert by_id["dw1"] == pytest.approx(0.000438568, abs=1e-9)
    assert by_id["w5-new"] == pytest.approx(0.35891648, abs=1e-8)


def test_the_shipped_lessons_use_every_feature_of_the_format():
    lessons, _ = load_lessons()
    steps = [s for lesson in lessons for s in lesson.steps]
    quizzes = [q for lesson in lessons for q in lesson.quizzes]
    from nntutor.curriculum.schema import ACTIONS

    assert {s.action.do for s in steps} == set(ACTIONS)
    assert {q.kind for q in quizzes} == {"number", "choice", "direction"}
    assert any(q.tolerance is not None for q in quizzes) and any(q.relative_tolerance is not None for q in quizzes)
    assert any(q.reveal == "train" for q in quizzes) and any(q.hint for q in quizzes)
    assert any(s.action.batch is not None for s in steps) and any(s.action.reset for s in steps)


def _readme_example() -> str:
    text = (SHIPPED / "README.md").read_text(encoding="utf-8")
    return re.search(r"## A complete example\n\n```toml\n(.*?)```", text, re.S)[1]


def test_the_readme_example_validates(tmp_path):
    path = tmp_path / "example.toml"
    path.write_text(_readme_example(), encoding="utf-8")
    assert [str(p) for p in validate_file(path)] == []


def test_the_readme_documents_every_field_the_validator_knows():
    from nntutor.curriculum import schema

    text = (SHIPPED / "README.md").read_text(encoding="utf-8")
    tables = (schema.TOP_FIELDS, schema.NETWORK_FIELDS, schema.DATA_FIELDS, schema.STEP_FIELDS, schema.QUIZ_FIELDS)
    for fields in tables:
        for key in fields:
            assert f"`{key}`" in text, key


def test_the_new_lesson_starter_validates(tmp_path):
    path = tmp_path / "04-My first lesson.toml"
    path.write_text(starter_lesson(path.name), encoding="utf-8")
    assert [str(p) for p in validate_file(path)] == []
    assert load_lesson(path).id == "my-first-lesson"


def test_no_lesson_file_mentions_a_machine_path():
    for path in [*LESSON_FILES, SHIPPED / "README.md"]:
        assert str(REPO) not in path.read_text(encoding="utf-8")
