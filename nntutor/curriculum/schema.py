"""The lesson format: one table of fields per TOML table, with each field's
type and limits. The checks that span fields live beside it (schema_parts.py,
schema_quizzes.py, schema_steps.py, joined in lesson_builder.py); the JSON
Schema for editors is generated from these same tables (format_schema.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nntutor.engine.limits import LIMITS
from nntutor.engine.names import ACTIVATION_NAMES, DATASET_NAMES, LOSS_NAMES, MAX_L2

from . import limits
from .fields import (
    Field,
    Invalid,
    boolean,
    describe,
    described,
    integer,
    list_of,
    number,
    one_of,
    slug,
    text,
)

FORMAT_VERSION = 1
ACTIONS = ("read", "cycle", "train", "set", "reset", "nudge", "playground")
PANELS = ("network", "loss", "function", "regions", "surface", "curve")
QUIZ_KINDS = ("number", "choice", "direction")
DATASET_OPTIONS = ("samples", "noise", "seed", "test_fraction", "standardize", "scale", "one_hot")


def _batch(value: Any) -> str | int:
    if value == "full" or (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= LIMITS.max_samples):
        return value
    raise Invalid(
        f'expected "full" or a whole number of samples per step from 1 to {LIMITS.max_samples}, got {describe(value)}'
    )


def _phase(value: Any) -> str:
    kinds = '"sample", "forward K", "loss", "backward K", "update"'
    if not isinstance(value, str) or len(value) > 20:
        raise Invalid(f"expected a phase: {kinds}, got {describe(value)}")
    return " ".join(value.split())


def _reveal(value: Any) -> str:
    if value == "train":
        return value
    return _phase(value)


_PHASE_SCHEMA = {
    "type": "string",
    "maxLength": 20,
    "description": 'a phase: "sample", "forward K", "loss", "backward K" or "update"',
}
described(_batch, {"oneOf": [{"const": "full"}, {"type": "integer", "minimum": 1, "maximum": LIMITS.max_samples}]})
described(_phase, _PHASE_SCHEMA)
described(_reveal, {**_PHASE_SCHEMA, "description": 'a phase (see "until"), or "train"'})


def _numbers(depth: int, max_len: int) -> Any:
    """Nested lists ``depth`` deep of finite numbers."""
    check = number()
    for _ in range(depth):
        check = list_of(check, min_len=1, max_len=max_len, what="a list")
    return check


_SEED = integer(0, 2**32 - 1)
_MAX_WIDTH = LIMITS.max_neurons

TOP_FIELDS = {
    "format_version": Field(integer(0, 10**6), required=True),
    "id": Field(slug, required=True),
    "title": Field(text(limits.MAX_TITLE, one_line=True), required=True),
    "summary": Field(text(limits.MAX_SUMMARY, empty=True, one_line=True)),
    "network": Field(lambda v: v, required=True),
    "data": Field(lambda v: v, required=True),
    "steps": Field(lambda v: v, required=True),
    "surface": Field(lambda v: v),
}
SURFACE_FIELDS = {
    "weights": Field(list_of(text(40), min_len=2, max_len=2, what="a list of two weight paths"), required=True),
    "ranges": Field(
        list_of(
            list_of(number(), min_len=2, max_len=2, what="a [low, high] pair"),
            min_len=2,
            max_len=2,
            what="a list of two [low, high] pairs",
        )
    ),
}
NETWORK_FIELDS = {
    "layers": Field(
        list_of(integer(1, LIMITS.max_neurons), min_len=2, max_len=LIMITS.max_layers + 1, what="a list of layer sizes"),
        required=True,
    ),
    "activations": Field(
        list_of(one_of(*ACTIVATION_NAMES), min_len=1, max_len=LIMITS.max_layers, what="a list of activation names"),
        required=True,
    ),
    "loss": Field(one_of(*LOSS_NAMES), required=True),
    "lr": Field(number(hi=100.0, above=0.0), required=True),
    "l2": Field(number(0.0, MAX_L2)),
    "batch": Field(_batch),
    "seed": Field(_SEED),
    "weights": Field(_numbers(3, _MAX_WIDTH)),
    "biases": Field(_numbers(2, _MAX_WIDTH)),
}
DATA_FIELDS = {
    "dataset": Field(one_of(*DATASET_NAMES)),
    "samples": Field(integer(1, LIMITS.max_samples)),
    "noise": Field(number(0.0, 10.0)),
    "seed": Field(_SEED),
    "test_fraction": Field(number(0.0, 0.9)),
    "standardize": Field(boolean),
    "scale": Field(number(hi=1000.0, above=0.0)),
    "one_hot": Field(boolean),
    "inputs": Field(_numbers(2, max(limits.MAX_INLINE_SAMPLES, _MAX_WIDTH))),
    "targets": Field(_numbers(2, max(limits.MAX_INLINE_SAMPLES, _MAX_WIDTH))),
}
STEP_FIELDS = {
    "title": Field(text(limits.MAX_TITLE, one_line=True), required=True),
    "text": Field(text(limits.MAX_STEP_TEXT), required=True),
    "do": Field(one_of(*ACTIONS)),
    "until": Field(_phase),
    "epochs": Field(integer(1, limits.MAX_EPOCHS)),
    "lr": Field(number(hi=100.0, above=0.0)),
    "l2": NETWORK_FIELDS["l2"],
    "batch": Field(_batch),
    "reset": Field(boolean),
    "seed": NETWORK_FIELDS["seed"],
    "layers": replace(NETWORK_FIELDS["layers"], required=False),
    "activations": replace(NETWORK_FIELDS["activations"], required=False),
    "loss": replace(NETWORK_FIELDS["loss"], required=False),
    "data": Field(lambda v: v),
    "label": Field(text(limits.MAX_LABEL, one_line=True)),
    "parameter": Field(lambda v: v),
    "by": Field(number()),
    "to": Field(number()),
    "show": Field(one_of(*PANELS)),
    "goal": Field(lambda v: v),
    "quizzes": Field(lambda v: v),
}
# The keys of a step that belong to one kind of action.
ACTION_KEYS = {
    "until": "cycle",
    "epochs": "train",
    "lr": "set",
    "l2": "set",
    "batch": "set",
    "reset": "set",
    "seed": "set",
    "layers": "set",
    "activations": "set",
    "loss": "set",
    "data": "set",
    "label": "set",
    "parameter": "nudge",
    "by": "nudge",
    "to": "nudge",
    "goal": "playground",
}
# The keys of a set step that start a new run: a fresh network from the
# lesson's settings with every change so far applied.
NEW_RUN_KEYS = ("batch", "reset", "seed", "layers", "activations", "loss", "data")
QUIZ_FIELDS = {
    "id": Field(slug),
    "kind": Field(one_of(*QUIZ_KINDS), required=True),
    "question": Field(text(limits.MAX_QUESTION), required=True),
    "answer": Field(lambda v: v),
    "check": Field(lambda v: v),
    "tolerance": Field(number(lo=0.0)),
    "relative_tolerance": Field(number(0.0, 1.0)),
    "reveal": Field(_reveal),
    "hint": Field(text(limits.MAX_NOTE, empty=True)),
    "explanation": Field(text(limits.MAX_NOTE, empty=True)),
    "choices": Field(
        list_of(text(limits.MAX_CHOICE, one_line=True), min_len=2, max_len=limits.MAX_CHOICES, what="a list of choices")
    ),
}
