"""One entry of the lesson list: a name in a column of its own, the text beside it wrapping under itself.

Drawn as Textual Content laid out by hand: a rich Table.grid did the same, at
about 70 M instructions more on the list's first frame (a third of what the list
drew beyond a minimal app).
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

GAP = 2  # cells between the name and the text


class ListEntry(Visual):
    """`name` (bold, cut with an ellipsis past `name_width`) and `text` wrapped in the width left beside it."""

    def __init__(self, name: str, text: Content, name_width: int):
        self.name = Content.styled(name, "bold").truncate(name_width, ellipsis=True, pad=True)
        self.text = text
        self.name_width = name_width
        self._lines: tuple[int, list[Content]] | None = None  # the text wrapped at one width

    def _text_lines(self, width: int) -> list[Content]:
        text_width = max(1, width - self.name_width - GAP)
        if self._lines is None or self._lines[0] != text_width:
            self._lines = (text_width, self.text.wrap(text_width))
        return self._lines[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self._text_lines(width)
        indent = Content(" " * (self.name_width + GAP))
        first = Content.assemble(self.name, " " * GAP, lines[0])
        laid_out = Content("\n").join([first, *(indent + line for line in lines[1:])])
        return laid_out.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.name_width + GAP + max(line.cell_length for line in self.text.split())

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._text_lines(width))
