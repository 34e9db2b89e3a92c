"""The lesson text's pane: it scrolls with the page keys, and says so when more text is hidden."""

from __future__ import annotations

from textual.containers import VerticalScroll

MORE = "pgdn: more ▾"
BACK = "pgup: back to the top ▴"


class TextPane(VerticalScroll, can_focus=False):
    """A VerticalScroll whose lower border names the page key that shows the hidden text.

    The page keys are not in the footer (it has no room at 80 columns), so
    the hint appears (with the border that holds it) only while some text is
    out of view: "pgdn: more" below, "pgup: back to the top" once at the end.
    """

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self.show_hint, init=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_hint)

    def show_hint(self) -> None:
        # Without the hint's border the text has one row more: it overflows
        # only if it needs more than that.
        room = self.scrollable_content_region.height + (1 if self.has_class("-more") else 0)
        if self.virtual_size.height <= room or not self.max_scroll_y:
            hint = ""
        elif self.scroll_y < self.max_scroll_y:
            hint = MORE
        else:
            hint = BACK
        if hint != self.border_subtitle:
            self.border_subtitle = hint
            self.set_class(bool(hint), "-more")
