"""Untrusted text (from a lesson file, a path, a learner) made safe to draw.

Lesson strings are plain text: they are never parsed as Textual/Rich markup
(callers wrap them in ``Content``/``Text`` or pass ``markup=False``), and no
control character may reach the terminal, where ESC starts an escape sequence
(``ESC ] 0 ; title BEL`` retitles the window, OSC 52 writes the clipboard).
The validator refuses such characters; this is the defence at the render
boundary for whatever reaches the screen anyway (a file opened by path, a
folder name, an error message quoting a file).
"""

from __future__ import annotations

import re

from textual.content import Content

REPLACEMENT = "\ufffd"  # shown where a control character was: visible, and harmless
# C0 controls but tab and newline, DEL, C1 controls, and the bidi marks, embeddings,
# overrides and isolates that can reorder what the learner reads.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\n\t\r]")


def plain(text: object, one_line: bool = False) -> str:
    """``text`` with every control character replaced by U+FFFD (and line breaks by spaces if ``one_line``)."""
    text = str(text)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _UNSAFE.sub(REPLACEMENT, text)


def plain_content(text: object, one_line: bool = True) -> Content:
    """Content that shows ``text`` literally: brackets are text, never markup."""
    return Content(plain(text, one_line))
