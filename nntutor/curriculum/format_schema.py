"""The lesson format as a JSON Schema, generated from the validator's own field tables.

Editors that read JSON Schema (for TOML: Taplo, "Even Better TOML") complete
and check a lesson file with it. Each checker in ``fields`` and ``schema``
describes itself (its ``json_schema``); the tables say which keys a table has
and which are required. What only the builder's code knows, which key holds
which sub-table, is said once here, in ``_NESTED``. The validator stays the
authority: the schema checks types, ranges and keys, not the rules that span
fields (shapes against layer sizes, quiz paths against the network).

``python -m nntutor.curriculum.format_schema`` prints it; the shipped copy is
lessons/lesson.schema.json (a test keeps the two equal).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import limits
from .fields import Field
from .goal import GOAL_FIELDS
from .schema import (
    DATA_FIELDS,
    DATASET_OPTIONS,
    FORMAT_VERSION,
    NETWORK_FIELDS,
    QUIZ_FIELDS,
    STEP_FIELDS,
    SURFACE_FIELDS,
    TOP_FIELDS,
)


def _table(fields: Mapping[str, Field], nested: Mapping[str, dict[str, Any]], where: str) -> dict[str, Any]:
    properties = {}
    for key, field in fields.items():
        if key in nested:
            properties[key] = nested[key]
            continue
        described = getattr(field.check, "json_schema", None)
        if described is None:
            raise LookupError(f"{where}.{key}: its checker does not describe itself (add json_schema)")
        properties[key] = described
    table: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [key for key, field in fields.items() if field.required]
    if required:
        table["required"] = required
    return table


def lesson_schema() -> dict[str, Any]:
    """The JSON Schema of a lesson file (as parsed from TOML)."""
    path = {"type": "string", "maxLength": 40, "description": 'a parameter or value path, like "W[1][0,0]"'}
    data_change = {key: DATA_FIELDS[key] for key in ("dataset", *DATASET_OPTIONS)}
    quiz = _table(
        QUIZ_FIELDS,
        {
            "answer": {
                "type": ["number", "string"],
                "description": "number: the value; direction: up, down or same; choice: the choice's text or "
                "its number counting from 1",
            },
            "check": {**path, "description": "the live quantity the answer is checked against"},
        },
        "steps.quizzes",
    )
    step = _table(
        STEP_FIELDS,
        {
            "data": {**_table(data_change, {}, "steps.data"), "description": "dataset options a set step changes"},
            "parameter": {**path, "description": 'the weight or bias a nudge step changes, like "W[1][0,0]"'},
            "goal": {
                **_table(GOAL_FIELDS, {}, "steps.goal"),
                "minProperties": 1,
                "description": "what the learner's own network must reach in a playground step",
            },
            "quizzes": {"type": "array", "items": quiz, "maxItems": limits.MAX_QUIZZES_PER_STEP},
        },
        "steps",
    )
    top = _table(
        TOP_FIELDS,
        {
            "network": _table(NETWORK_FIELDS, {}, "network"),
            "data": _table(DATA_FIELDS, {}, "data"),
            "steps": {"type": "array", "items": step, "minItems": 1, "maxItems": limits.MAX_STEPS},
            "surface": _table(SURFACE_FIELDS, {}, "surface"),
        },
        "",
    )
    top["properties"]["format_version"] = {"const": FORMAT_VERSION}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",  # draft 7: what editors' TOML servers read
        "title": "nntutor lesson",
        "description": "A lesson file for nntutor (TOML). `nntutor validate` checks what this schema cannot.",
        **top,
    }


def schema_text() -> str:
    return json.dumps(lesson_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
