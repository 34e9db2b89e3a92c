"""The JSON Schema of the lesson format: generated from the validator's field tables, shipped equal to them,
accepting every shipped lesson and refusing what the validator refuses for a field's type, range or name."""

import copy
import json
import tomllib

import pytest

from nntutor.curriculum.format_schema import lesson_schema, schema_text
from nntutor.curriculum.lesson_builder import LessonBuilder
from nntutor.curriculum.loader import shipped_lessons_dir
from nntutor.curriculum.schema import (
    DATA_FIELDS,
    NETWORK_FIELDS,
    QUIZ_FIELDS,
    STEP_FIELDS,
    TOP_FIELDS,
)

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install '.[test]')")

SHIPPED = shipped_lessons_dir() / "lesson.schema.json"
LESSONS = sorted(shipped_lessons_dir().glob("*.toml"))


def _validator():
    schema = lesson_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_shipped_schema_is_the_one_the_field_tables_give():
    """After changing a field table: python -m nntutor.curriculum.format_schema > lessons/lesson.schema.json"""
    assert SHIPPED.read_text(encoding="utf-8") == schema_text()


def test_every_key_of_every_table_is_in_the_schema():
    properties = lesson_schema()["properties"]
    step = properties["steps"]["items"]["properties"]
    assert set(properties) == set(TOP_FIELDS)
    assert set(properties["network"]["properties"]) == set(NETWORK_FIELDS)
    assert set(properties["data"]["properties"]) == set(DATA_FIELDS)
    assert set(step) == set(STEP_FIELDS)
    assert set(step["quizzes"]["items"]["properties"]) == set(QUIZ_FIELDS)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_shipped_lesson_fits_the_schema(path):
    errors = list(_validator().iter_errors(tomllib.loads(path.read_text(encoding="utf-8"))))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


BREAKS = {
    "an unknown key": lambda lesson: lesson.update(titel="x"),
    "a title that is a number": lambda lesson: lesson.update(title=3),
    "a title on two lines": lambda lesson: lesson.update(title="one\ntwo"),
    "an id with capitals": lambda lesson: lesson.update(id="Neuron"),
    "a negative learning rate": lambda lesson: lesson["network"].update(lr=-0.1),
    "a layer size of 0": lambda lesson: lesson["network"].update(layers=[0, 1]),
    "an unknown activation": lambda lesson: lesson["network"].update(activations=["sigmoidd"]),
    "a step without a title": lambda lesson: lesson["steps"][0].pop("title"),
    "an unknown quiz kind": lambda lesson: lesson["steps"][0].setdefault("quizzes", [{}])[0].update(kind="essay"),
    "a batch of 0": lambda lesson: lesson["network"].update(batch=0),
}


@pytest.mark.parametrize("what", BREAKS)
def test_the_schema_refuses_what_the_validator_refuses_field_by_field(what):
    lesson = copy.deepcopy(tomllib.loads(LESSONS[0].read_text(encoding="utf-8")))
    BREAKS[what](lesson)
    builder = LessonBuilder("broken.toml")
    builder.lesson(lesson)
    assert [p for p in builder.problems if not p.warning], what  # the validator refuses it
    assert list(_validator().iter_errors(json.loads(json.dumps(lesson)))), what  # and so does the schema
