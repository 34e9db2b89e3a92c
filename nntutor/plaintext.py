"""Untrusted text made safe to print: what a lesson file, a path or an option supplies.

Two uses, one definition of "unsafe":

* ``unsafe_character`` finds what a lesson's text fields may not hold at all
  (the validator refuses it): C0/C1 control characters other than newline and
  tab, which a terminal obeys (ESC starts an escape sequence, OSC 52 writes
  the clipboard, BEL ends one), and the bidirectional overrides, isolates and
  marks that make text read differently from how it is stored.
* ``escape`` turns any text into one printable line for a report: every
  control, format, separator, surrogate or unassigned character is written as
  ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``; printable text, spaces, accents
  and CJK included, is left as it is. A file name that was not UTF-8 comes
  from the OS with its bytes as surrogates (U+DC80-U+DCFF); they are shown as
  the bytes they were.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings/overrides U+202A-202E, isolates U+2066-2069, the LRM/RLM/ALM
# marks; every C0 control but tab and newline; DEL and the C1 controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_NAMES = {
    "\x1b": "ESC",
    "\x07": "BEL",
    "\x9b": "CSI",
    "\x9d": "OSC",
    "\r": "carriage return",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
}


def unsafe_character(text: str) -> tuple[int, str] | None:
    """The index and a description of the first character a lesson may not hold, or None."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    name = _NAMES.get(char) or unicodedata.name(char, "control character")
    return found.start(), f"U+{ord(char):04X} ({name})"


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_escape(char: str) -> bool:
    if " " <= char <= "~":
        return False
    category = unicodedata.category(char)
    return category[0] == "C" or category in ("Zl", "Zp")


def escape(text: object) -> str:
    """``text`` as one line of printable characters (see the module docstring)."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(_escaped(c) if _needs_escape(c) else c for c in text)


def one_line(text: str) -> str:
    """Text someone typed, made fit for a one-line lesson field: every unsafe
    character, line break and tab becomes a space."""
    return _UNSAFE.sub(" ", text).replace("\n", " ").replace("\t", " ")
