"""plotext's picture, a string of text and ANSI colour codes, as Rich Text, fast.

rich's Text.from_ansi parses every colour code anew (about 35 us each); a chart's picture has
over a thousand of them, so decoding took as long as plotext took to build the picture. Here the
style after each code is computed once by rich's own decoder and then looked up, so the Text is
the same as Text.from_ansi's. A picture holding any escape but a colour code is left to rich,
which drops what it does not know: nothing raw reaches the terminal.
"""

from __future__ import annotations

import re

from rich.ansi import AnsiDecoder
from rich.style import Style
from rich.text import Span, Text

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_NEXT_STYLES: dict[tuple[Style, str], Style] = {}
_MOST_KEPT = 4096  # style transitions remembered (a picture has a few dozen distinct ones)


def picture_text(ansi: str) -> Text:
    """``ansi`` as Text.from_ansi would give it (the same characters and styles)."""
    pieces: list[str] = []
    spans: list[Span] = []
    at = 0
    style = Style.null()
    for n, line in enumerate(ansi.split("\n")):  # as rich splits it (a last newline ends in an empty line)
        if n:
            pieces.append("\n")
            at += 1
        for k, piece in enumerate(_SGR.split(line.rsplit("\r", 1)[-1])):
            if k % 2:
                style = _after(style, piece)
            elif piece:
                if "\x1b" in piece:  # another escape: rich's decoder knows what to drop
                    return Text.from_ansi(ansi)
                pieces.append(piece)
                if style:
                    spans.append(Span(at, at + len(piece), style))
                at += len(piece)
    return Text("".join(pieces), spans=spans)


def _after(style: Style, parameters: str) -> Style:
    """The style after the colour code ``ESC [ parameters m``, as rich's decoder makes it."""
    key = (style, parameters)
    found = _NEXT_STYLES.get(key)
    if found is None:
        decoder = AnsiDecoder()
        decoder.style = style
        decoder.decode_line(f"\x1b[{parameters}m")
        found = decoder.style
        if len(_NEXT_STYLES) >= _MOST_KEPT:
            _NEXT_STYLES.clear()
        _NEXT_STYLES[key] = found
    return found
