"""A Line API widget that keeps each row's strip until that row changes or the theme does.

The network panel and the neuron pictures both redraw by refreshing only the
rows that changed; each row is built once (`build_strip`) and served from
here until the widget forgets it.
"""

from __future__ import annotations

from typing import Any

from textual.strip import Strip
from textual.widget import Widget


class StripCache(Widget):
    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._strips: dict[int, Strip] = {}  # row -> strip, built when the row is first drawn
        self._styles: dict[Any, Any] = {}  # Rich styles made from the theme (kept until it changes)

    def build_strip(self, y: int) -> Strip:
        """Row `y` as it should look now."""
        raise NotImplementedError

    def forget_rows(self, rows: list[int] | None = None) -> None:
        """Build these rows (all of them, without rows) again when next drawn."""
        if rows is None:
            self._strips = {}
        for y in rows or ():
            self._strips.pop(y, None)

    def render_line(self, y: int) -> Strip:
        strip = self._strips.get(y)
        if strip is None:
            strip = self._strips[y] = self.build_strip(y)
        return strip

    def notify_style_update(self) -> None:
        """A theme change restyles every row."""
        super().notify_style_update()
        self._strips, self._styles = {}, {}
