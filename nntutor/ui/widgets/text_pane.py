"""The lesson text's pane: it scrolls with the page keys, and says so when more text is hidden."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content

from ..plain import plain

MORE = "pgdn: more ▾"
BACK = "pgup: back to the top ▴"
TODO = "To do: "
# The lower border's corners and the blank each side of its text.
BORDER_CELLS = 4


def todo_with_hint(todo: str, hint: str, width: int) -> Content:
    """'To do: <todo> · <hint>' in ``width`` cells, the to-do cut (with …) so that the hint always shows."""
    tail = Content(f" · {hint}")
    room = width - tail.cell_length
    if room < len(TODO) + 8:  # no room for words worth reading: the hint alone
        return Content(hint)
    return Content(f"{TODO}{todo}").truncate(room, ellipsis=True) + tail


class TextPane(VerticalScroll, can_focus=False):
    """A VerticalScroll whose lower border names the page key that shows the hidden text.

    The page keys are not in the footer (it has no room at 80 columns), so
    the hint appears (with the border that holds it) only while some text is
    out of view: "pgdn: more" below, "pgup: back to the top" once at the end.
    The step's to-do line ends the text, so it is the first thing hidden: while
    it is, the lower border repeats it before the hint (``todo``).
    """

    todo = ""  # plain text, set by the screen (a lesson string: never markup)
    _shown = ""  # the lower border's text now

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self.show_hint, init=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_hint)

    def show_todo(self, todo: str) -> None:
        self.todo = plain(todo, one_line=True)
        self.show_hint()

    def show_hint(self) -> None:
        # Without the hint's border the text has one row more: it overflows
        # only if it needs more than that.
        room = self.scrollable_content_region.height + (1 if self.has_class("-more") else 0)
        if self.virtual_size.height <= room or not self.max_scroll_y:
            shown = Content("")
        elif self.scroll_y < self.max_scroll_y:
            shown = todo_with_hint(self.todo, MORE, self.size.width - BORDER_CELLS) if self.todo else Content(MORE)
        else:
            shown = Content(BACK)
        if shown.plain != self._shown:
            self._shown = shown.plain
            self.border_subtitle = shown  # Content: a to-do quotes lesson strings, never markup
            self.set_class(bool(shown.plain), "-more")
