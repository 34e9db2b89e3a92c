"""Small value checkers for lesson fields, and the table walker that uses them.

Each checker takes a raw TOML value and returns the value to keep, or raises
``Invalid`` with what was expected. ``check_table`` applies a table of them to
one TOML table and reports unknown keys with a likely-typo suggestion.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .problems import Problem


class Invalid(ValueError):
    """A value does not fit its field; the message says what was expected.

    ``at`` locates the bad item inside the value, like ``[2][0]``.
    """

    def __init__(self, message: str, at: str = ""):
        super().__init__(message)
        self.message = message
        self.at = at


Check = Callable[[Any], Any]


def described(check: Check, json_schema: dict[str, Any]) -> Check:
    """``check`` with the JSON Schema of what it accepts (``format_schema`` builds the lesson's from them)."""
    check.json_schema = json_schema  # type: ignore[attr-defined]
    return check


def describe(value: Any) -> str:
    """Name a TOML value the way an author would recognise it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'text "{shown}"'
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _fail(expected: str, value: Any) -> Invalid:
    return Invalid(f"expected {expected}, got {describe(value)}")


def text(max_len: int, *, empty: bool = False, one_line: bool = False) -> Check:
    """Text of at most ``max_len`` characters; ``one_line`` refuses line breaks and tabs
    (a title or a choice is drawn on one line)."""

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise _fail("text", value)
        if not empty and not value.strip():
            raise Invalid("must not be empty")
        if one_line and ("\n" in value or "\t" in value):
            raise Invalid("must be one line (no line breaks or tabs)")
        if len(value) > max_len:
            raise Invalid(f"is {len(value)} characters long; at most {max_len} allowed")
        return value

    line = r"[^\n\t]*" if one_line else r"[\s\S]*"
    pattern = f"^{line}$" if empty else f"^{line}\\S{line}$"
    return described(check, {"type": "string", "maxLength": max_len, "pattern": pattern})


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(value: Any) -> str:
    if not isinstance(value, str) or not _SLUG.fullmatch(value) or len(value) > 40:
        raise _fail('lower-case letters, digits and dashes (like "neuron-basics")', value)
    return value


described(slug, {"type": "string", "pattern": f"^{_SLUG.pattern}$", "maxLength": 40})


def number(lo: float | None = None, hi: float | None = None, *, above: float | None = None) -> Check:
    """A finite int or float within bounds (``above`` is an exclusive lower bound)."""

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail("a number", value)
        if not math.isfinite(value) or abs(value) > 1e12:
            raise _fail("a finite number no larger than 1e12", value)
        if above is not None and value <= above:
            raise _fail(f"a number above {above:g}", value)
        if lo is not None and value < lo:
            raise _fail(f"a number of at least {lo:g}", value)
        if hi is not None and value > hi:
            raise _fail(f"a number of at most {hi:g}", value)
        return float(value)

    bounds: dict[str, float] = {"minimum": -1e12 if lo is None else lo, "maximum": 1e12 if hi is None else hi}
    if above is not None:
        bounds["exclusiveMinimum"] = above
    return described(check, {"type": "number", **bounds})


def integer(lo: int, hi: int) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(f"a whole number from {lo} to {hi}", value)
        if not lo <= value <= hi:
            raise _fail(f"a whole number from {lo} to {hi}", value)
        return value

    return described(check, {"type": "integer", "minimum": lo, "maximum": hi})


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail("true or false", value)
    return value


described(boolean, {"type": "boolean"})


def one_of(*options: str) -> Check:
    def check(value: Any) -> str:
        if value in options and isinstance(value, str):
            return value
        listed = ", ".join(f'"{o}"' for o in options)
        hint = ""
        if isinstance(value, str):
            close = difflib.get_close_matches(value, options, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise Invalid(f"expected one of {listed}, got {describe(value)}{hint}")

    return described(check, {"enum": list(options)})


def list_of(item: Check, *, min_len: int, max_len: int, what: str = "a list") -> Check:
    """A list whose items pass ``item``; an item's message names its index."""

    def check(value: Any) -> tuple:
        if not isinstance(value, list):
            raise _fail(what, value)
        if not min_len <= len(value) <= max_len:
            raise Invalid(f"expected {what} of {min_len} to {max_len} items, got {len(value)}")
        out = []
        for i, v in enumerate(value):
            try:
                out.append(item(v))
            except Invalid as exc:
                raise Invalid(exc.message, f"[{i}]{exc.at}") from None
        return tuple(out)

    items = getattr(item, "json_schema", {})
    return described(check, {"type": "array", "items": items, "minItems": min_len, "maxItems": max_len})


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False


def check_table(
    raw: Any, fields: Mapping[str, Field], where: str, file: str, problems: list[Problem]
) -> dict[str, Any]:
    """Check one TOML table against ``fields``; return the keys that passed."""
    if not isinstance(raw, dict):
        problems.append(Problem(file, where, f"expected a table, got {describe(raw)}"))
        return {}
    good: dict[str, Any] = {}
    for key, value in raw.items():
        at = f"{where}.{key}" if where else key
        field = fields.get(key)
        if field is None:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            known = ", ".join(fields)
            problems.append(Problem(file, at, f"unknown key{hint}; known keys here: {known}"))
            continue
        try:
            good[key] = field.check(value)
        except Invalid as exc:
            problems.append(Problem(file, at + exc.at, exc.message))
    for key, field in fields.items():
        if field.required and key not in raw:
            at = f"{where}.{key}" if where else key
            problems.append(Problem(file, at, "missing (this field is required)"))
    return good
