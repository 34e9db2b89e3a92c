"""A lesson step's text drawn as rich.markdown draws it, without importing rich.markdown for it.

Importing rich.markdown brings its parser (markdown_it) and, through rich.syntax,
pygments: about 50 ms on the way to every lesson screen, a tenth of the time to
it. Lesson texts use little of Markdown: paragraphs, **strong**, *emphasis* (the
screen's "*To do:*"), backslash escapes and "- " lists. `step_markdown` reads
that subset itself and draws it with the calls rich.markdown makes (a paragraph
is a left-justified Text, a list item is rendered 3 columns narrower behind
" • ", a blank line between blocks; the styles are the console's "markdown.*"),
so the screen is the same. A text with anything else (a heading, a link, code,
an entity, HTML, a numbered, nested or loose list, indentation, ...) is drawn
by rich.markdown, as before. tests/ui/test_step_markdown.py draws both ways
and compares them cell by cell.

`*` follows CommonMark's emphasis rules (flanking runs, the rule of three), the
rules markdown_it applies: "**+**", "**\\***" and "2 * 3 * 4" come out as there.

A lesson's opening screen must show its text in its first frame without
rich.markdown too, whatever the text holds: `StepMarkdown(text, plainly=True)`
reads a text beyond the subset leniently (`read_plainly`: paragraphs and
bulleted items as above, every other line as text, written as it stands) and
draws it the same way, so it reads as it will, with nothing in it taken for
markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

# Anywhere in the text: code, HTML or autolinks, entities, strikethrough, tables; white space but the space
# and the line break (markdown_it strips some of it where this module would not); an inline link or image;
# a backslash before anything but ASCII punctuation (before a line break it is a hard break), or two
# spaces there (another); "_" not between two letters or digits (it could be emphasis).
_OUTSIDE = re.compile(
    r"[`<>&~|]|[^\S \n]|\]\(|\\(?![!-/:-@\[-`{-~])|\S {2,}$|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", re.MULTILINE
)
# A line that starts anything but a paragraph's text or a "- " item: nothing (an empty item, which
# rich.markdown leaves out), indentation, a heading, a quote, a setext underline, a link reference
# definition (which a "[x]" elsewhere would then refer to), another list marker, a numbered item, a
# thematic break, a fence.
_BLOCK = re.compile(r"$|[\s#>=+_\[]|[*-](\s|$)|\d{1,9}[.)](\s|$)|\*[*\s]*$|-[-\s]*$")
_ITEM = "- "
# Read plainly: a bulleted item ("- ", "* ", "+ ", indented or not), and a numbered one (kept on its own lines).
_ANY_BULLET = re.compile(r"\s*[-*+]\s+")
_NUMBERED = re.compile(r"\s*\d{1,9}[.)]\s")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass
class _Run:
    """A run of `*`: how many are left unmatched, and the emphasis it opens or closes."""

    length: int
    can_open: bool
    can_close: bool
    original: int = 0
    opens: list[str] = field(default_factory=list)  # style names, outermost first once matched
    closes: list[str] = field(default_factory=list)  # innermost first
    active: bool = True

    def __post_init__(self) -> None:
        self.original = self.length


def parse_blocks(text: str) -> list[tuple[str, list[str]]] | None:
    """The text as blocks: ("p", [lines]) or ("ul", [each item's text]); None beyond the subset."""
    if _OUTSIDE.search(text):
        return None
    blocks: list[tuple[str, list[str]]] = []
    open_block: tuple[str, list[str]] | None = None  # the paragraph or list that a next line continues
    list_ended = False  # a blank line after a list: another item would make it a loose list
    for line in text.split("\n"):
        if not line.strip():
            if open_block is not None and open_block[0] == "ul":
                list_ended = True
            open_block = None
            continue
        if open_block is not None and open_block[0] == "ul" and line.startswith("  ") and not _BLOCK.match(line[2:]):
            open_block[1][-1] += "\n" + line[2:].rstrip(" ")  # the item's text goes on, under its first line
        elif line.startswith(_ITEM) and not _BLOCK.match(line[2:]):
            if list_ended and blocks and blocks[-1][0] == "ul":
                return None
            if open_block is None or open_block[0] != "ul":
                open_block = ("ul", [])
                blocks.append(open_block)
            open_block[1].append(line[2:].rstrip(" "))
        elif _BLOCK.match(line):
            return None
        elif open_block is None:
            open_block = ("p", [line.rstrip(" ")])
            blocks.append(open_block)
            list_ended = False
        else:  # the paragraph goes on, or the item (a lazy continuation line)
            kind, lines = open_block
            if kind == "p":
                lines.append(line.rstrip(" "))
            else:
                lines[-1] += "\n" + line.rstrip(" ")
    return blocks


def _is_space(char: str) -> bool:
    return char == "" or char in " \n"


def read_plainly(text: str) -> list[tuple[str, list[str]]]:
    """Any text as blocks (as ``parse_blocks``), read leniently: a blank line ends a block, a bulleted
    line starts an item, a numbered line a paragraph; every other line goes on with the block it is
    in, as written (a heading's "#", a code span's backticks, a link's brackets stay as they are)."""
    blocks: list[tuple[str, list[str]]] = []
    open_block: tuple[str, list[str]] | None = None
    for line in text.split("\n"):
        bullet = _ANY_BULLET.match(line)
        if not line.strip():
            open_block = None
        elif bullet:
            if open_block is None or open_block[0] != "ul":
                open_block = ("ul", [])
                blocks.append(open_block)
            open_block[1].append(line[bullet.end() :].strip())
        elif open_block is None or _NUMBERED.match(line):
            open_block = ("p", [line.strip()])
            blocks.append(open_block)
        elif open_block[0] == "p":
            open_block[1].append(line.strip())
        else:
            open_block[1][-1] += "\n" + line.strip()
    return blocks


def _inline(source: str, guess: bool = False) -> list[str | _Run] | None:
    """Text pieces and runs of `*` (escapes resolved); None if a run touches a character beyond ASCII,
    whose class (space, punctuation) this module does not guess, unless `guess` (then it is a letter)."""
    pieces: list[str | _Run] = []
    plain: list[str] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and source[i + 1] in _ASCII_PUNCTUATION:
            plain.append(source[i + 1])
            i += 2
        elif char == "*":
            end = i
            while end < len(source) and source[end] == "*":
                end += 1
            before = source[i - 1] if i else ""
            after = source[end] if end < len(source) else ""
            if not guess and any(ord(c) > 126 for c in before + after):
                return None
            left = not _is_space(after) and (
                after not in _ASCII_PUNCTUATION or _is_space(before) or before in _ASCII_PUNCTUATION
            )
            right = not _is_space(before) and (
                before not in _ASCII_PUNCTUATION or _is_space(after) or after in _ASCII_PUNCTUATION
            )
            if plain:
                pieces.append("".join(plain))
                plain = []
            pieces.append(_Run(end - i, can_open=left, can_close=right))
            i = end
        else:
            plain.append(" " if char == "\n" else char)  # a soft line break reads as a space
            i += 1
    if plain:
        pieces.append("".join(plain))
    return pieces


def _match_emphasis(pieces: list[str | _Run]) -> None:
    """CommonMark's "process emphasis" for `*`: pair openers with closers, innermost first."""
    runs = [piece for piece in pieces if isinstance(piece, _Run)]
    bottom: dict[tuple[bool, int], int] = {}  # where the search for an opener stops, by the closer's kind
    for at, closer in enumerate(runs):
        while closer.can_close and closer.length and closer.active:
            kind = (closer.can_open, closer.original % 3)
            found = None
            for back in range(at - 1, bottom.get(kind, -1), -1):
                opener = runs[back]
                if not (opener.active and opener.can_open and opener.length):
                    continue
                both = opener.can_close or closer.can_open
                if (
                    both
                    and (opener.original + closer.original) % 3 == 0
                    and (opener.original % 3 or closer.original % 3)
                ):
                    continue  # the rule of three
                found = back
                break
            if found is None:
                bottom[kind] = at - 1
                if not closer.can_open:
                    closer.active = False
                break
            opener = runs[found]
            for between in runs[found + 1 : at]:
                between.active = False
            use = 2 if opener.length >= 2 and closer.length >= 2 else 1
            style = "markdown.strong" if use == 2 else "markdown.em"
            opener.length -= use
            closer.length -= use
            opener.opens.insert(0, style)
            closer.closes.append(style)
            if not opener.length:
                opener.active = False


def read_markdown(text: str, plainly: bool = False) -> list[tuple[str, list[list[str | _Run]]]] | None:
    """The text's blocks, each paragraph or item as its pieces with their emphasis matched; None if
    the text is beyond the subset, unless `plainly`: then it is read by ``read_plainly``."""
    blocks = parse_blocks(text.strip("\n"))
    read = None if blocks is None else _read_inline(blocks, guess=False)
    if read is None and plainly:
        read = _read_inline(read_plainly(text), guess=True)
    return read


def _read_inline(blocks: list[tuple[str, list[str]]], guess: bool) -> list[tuple[str, list[list[str | _Run]]]] | None:
    read: list[tuple[str, list[list[str | _Run]]]] = []
    for kind, sources in blocks:
        texts: list[list[str | _Run]] = []
        for source in ["\n".join(sources)] if kind == "p" else sources:
            pieces = _inline(source.strip(" "), guess)
            if pieces is None:
                return None
            _match_emphasis(pieces)
            texts.append(pieces)
        read.append((kind, texts))
    return read


def _styled(pieces: list[str | _Run], base: Style, console: Console) -> Text:
    """A paragraph's Text, styled as rich.markdown styles it: its style stack starts at `base`."""
    text = Text(justify="left")
    stack = [base]
    for piece in pieces:
        if isinstance(piece, str):
            text.append(piece, stack[-1])
            continue
        if piece.length and not piece.closes:
            text.append("*" * piece.length, stack[-1])
        for _ in piece.closes:
            stack.pop()
        if piece.length and piece.closes:
            text.append("*" * piece.length, stack[-1])
        for name in piece.opens:
            stack.append(stack[-1] + console.get_style(name, default="none"))
    return text


class StepMarkdown:
    """The rich renderable of a step's text: the subset drawn here, anything else by rich.markdown,
    or (`plainly`) drawn here too, read leniently (see the module's docstring)."""

    def __init__(self, markdown: str, plainly: bool = False) -> None:
        self.markdown = markdown
        self.blocks = read_markdown(markdown, plainly)

    @property
    def drawn_here(self) -> bool:
        """Drawing it loads no rich.markdown (the text is in the subset, or is drawn plainly)."""
        return self.blocks is not None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.blocks is None:
            from rich.markdown import Markdown

            yield Markdown(self.markdown)
            return
        options = options.update(height=None)
        root = console.get_style("none")
        paragraph = console.get_style("markdown.paragraph", default="none")
        item = console.get_style("markdown.item", default="none")
        bullet_style = console.get_style("markdown.item.bullet", default="none")
        for index, (kind, texts) in enumerate(self.blocks):
            if index or kind == "ul":  # rich.markdown starts a list with a blank line even at the top
                yield Segment.line()
            if kind == "p":
                yield from console.render(_styled(texts[0], root + paragraph, console), options)
                continue
            narrower = options.update(width=options.max_width - 3)
            for pieces in texts:
                text = _styled(pieces, root + item + paragraph, console)
                for first, line in enumerate(console.render_lines(text, narrower, style=root + item)):
                    yield Segment(" • " if first == 0 else "   ", bullet_style)
                    yield from line
                    yield Segment("\n")
