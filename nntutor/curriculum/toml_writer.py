"""A small, exact TOML writer for the lesson files nntutor writes itself.

tomllib (the standard library) reads TOML but cannot write it. The lessons
the playground saves need only a few shapes: tables and arrays of tables of
text, whole numbers, floats, booleans and (nested) lists of them. This writes
exactly those, so that reading the file back gives the same values bit for
bit: floats as `repr` (the shortest text that reads back to the same double),
every string as a basic string with every backslash, quote and control
character escaped, so nothing a learner types can break out of it or reach a
terminal as an escape sequence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character escaped."""
    out = []
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"TOML lesson files hold finite numbers only, got {v!r}")
        text = repr(v)
        return text if any(c in text for c in ".e") else text + ".0"
    if isinstance(v, str):
        return string(v)
    if isinstance(v, Sequence):
        return "[" + ", ".join(value(item) for item in v) + "]"
    raise TypeError(f"cannot write a {type(v).__name__} as a TOML value")


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else string(name)


def _is_table(v: Any) -> bool:
    return isinstance(v, Mapping)


def _is_table_array(v: Any) -> bool:
    return isinstance(v, Sequence) and not isinstance(v, str) and bool(v) and all(_is_table(t) for t in v)


def dumps(doc: Mapping[str, Any]) -> str:
    """The document as TOML text: plain keys first, then tables, then arrays of tables, in the order given."""
    lines: list[str] = []
    _table(doc, [], lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _table(table: Mapping[str, Any], path: list[str], lines: list[str]) -> None:
    for name, v in table.items():
        if v is not None and not _is_table(v) and not _is_table_array(v):
            lines.append(f"{key(name)} = {value(v)}")
    for name, v in table.items():
        if _is_table(v):
            lines.append("")
            lines.append("[" + ".".join(key(p) for p in path + [name]) + "]")
            _table(v, path + [name], lines)
    for name, v in table.items():
        if _is_table_array(v):
            for item in v:
                lines.append("")
                lines.append("[[" + ".".join(key(p) for p in path + [name]) + "]]")
                _table(item, path + [name], lines)
