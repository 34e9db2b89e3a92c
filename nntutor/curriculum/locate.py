"""Finding the line and column of a lesson file that a field path such as
``steps[3].quizzes[0].hint`` names, so a problem can say where to look.

tomllib gives no positions, so the text is scanned the way lesson files are
written: ``[table]`` and ``[[array.of.tables]]`` headers, then ``key = value``
lines. A path it cannot place (an inline table, a dotted key) gets no line,
never a wrong one: the scan answers only when the header and key both match
(or, for a missing key, with the header of the table it belongs in; for
a key written as a table, ``[netwrk]`` or ``[[steps]]``, with its first header).
Columns count characters from 1, as tomllib's syntax errors do, and point at
the key (or the header's bracket, or the offending character when asked).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(r'\s*"?([A-Za-z0-9_\-]+)"?\s*=')
_SEGMENT = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")

Context = tuple[tuple[str, int | None], ...]


class Place(NamedTuple):
    line: int  # from 1
    column: int  # from 1, in characters


def _segments(where: str) -> list[tuple[str, list[int]]]:
    return [(m[1], [int(i) for i in re.findall(r"\d+", m[2])]) for m in _SEGMENT.finditer(where)]


def _contexts(lines: list[str]):
    """Yield (line number, column, table context, key or None) for each header and key line."""
    context: Context = ()
    counts: dict[tuple, int] = {}  # (parent context, array name) -> tables seen
    multiline = None
    for number, line in enumerate(lines, 1):
        if multiline:  # inside a '''...''' or \"\"\"...\"\"\" string: no keys here
            if line.count(multiline) % 2 == 1:
                multiline = None
            continue
        header = _HEADER.match(line)
        if header and header[1] == header[3].replace("]", "[") and not line.lstrip().startswith("#"):
            names = [n.strip() for n in header[2].split(".")]
            parent = _resolve(context, names[:-1])
            if header[1] == "[[":
                array = (parent, names[-1])
                counts[array] = counts.get(array, -1) + 1
                context = parent + ((names[-1], counts[array]),)
            else:
                context = parent + ((names[-1], None),)
            yield number, _indent(line), context, None
            continue
        key = _KEY.match(line)
        if key:
            yield number, _indent(line), context, key[1]
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    multiline = quote


def _indent(line: str) -> int:
    """The column of the line's first character that is not blank."""
    return len(line) - len(line.lstrip()) + 1


def _resolve(context: Context, names: list[str]) -> Context:
    """The context of a header's parent names: the latest table of each name on the way down."""
    out: Context = ()
    for name in names:
        match = next((c for c in context[: len(out) + 1] if c[0] == name), None)
        out = out + ((name, match[1] if match else None),)
    return out


def locate(text: str, where: str, needle: str | None = None) -> Place | None:
    """Where field ``where`` is; with ``needle``, the first place from there holding that character."""
    segments = _segments(where)
    if not segments:
        return None
    lines = text.splitlines()
    tables: Context = ()
    key = None
    # Leading segments with one index are arrays of tables (steps[3]); a name
    # with no index is a table (network) unless it is the last: then a key.
    for i, (name, indices) in enumerate(segments):
        last = i == len(segments) - 1
        if last and len(indices) != 1 or (last and name not in ("steps", "quizzes")):
            key = name
        else:
            tables = tables + ((name, indices[0] if indices else None),)
    found = own_table = header = None
    depth = len(tables)
    for number, column, context, line_key in _contexts(lines):
        if context == tables and line_key == key:
            found = Place(number, column)
            break
        if line_key is not None or context[:depth] != tables:
            continue
        if context == tables and header is None:
            header = Place(number, column)
        elif own_table is None and len(context) > depth and context[depth][0] == key:
            own_table = Place(number, column)
    # A key written as a table of its own ([netwrk], [[steps]], [a.b.c]): its first header;
    # a missing key: the header of the table it belongs in.
    found = found or own_table or header
    if found is None or needle is None:
        return found
    return _needle_place(lines, found, needle)


def _needle_place(lines: list[str], start: Place, char: str) -> Place:
    """The first place from ``start`` where ``char`` is written, as itself or as a TOML escape."""
    code = ord(char)
    escapes = [char, f"\\u{code:04x}", f"\\U{code:08x}"] + {"\b": ["\\b"], "\f": ["\\f"], "\r": ["\\r"]}.get(char, [])
    written = re.compile("|".join(re.escape(e) for e in escapes), re.IGNORECASE)  # \u001B or \u001b
    for number in range(start.line, len(lines) + 1):
        found = written.search(lines[number - 1])
        if found:
            return Place(number, found.start() + 1)
    return start
