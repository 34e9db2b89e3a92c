"""The lesson screen's footer: the keys that fit its width, and "? Help" always whole.

Textual's Footer lays every shown key in one row and docks the command
palette's key on the right, over whatever runs that far: at 80 columns after
⌫ (which adds "N Redo") and at 60, "? Help" read "? H". This footer leaves
out the keys a learner needs least, one at a time, until the rest fit. A key
left out still works, and ? and the palette still list it.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer

# Left out first, in this order, when the row is short (binding actions).
LEAST_NEEDED = ("redo", "speed(-1)", "speed(1)", "autoplay", "finish_pass", "cycle_view", "train")
# Never left out: the way to every other key.
ALWAYS = ("app.help",)


def key_width(key: Any) -> int:
    """Columns one key takes in a compact footer: "⌫ Back" and the one-column gap after it."""
    return cell_len(key.key_display) + 1 + cell_len(key.description) + 1


def keys_that_fit(keys: list[Any], room: int) -> list[Any]:
    """`keys` without the least needed ones, until their widths add up to at most `room`:
    first those named in LEAST_NEEDED, then from the right, never those in ALWAYS."""
    kept = list(keys)
    order = sorted(
        (k for k in kept if k.action not in ALWAYS),
        key=lambda k: (
            LEAST_NEEDED.index(k.action) if k.action in LEAST_NEEDED else len(LEAST_NEEDED),
            -kept.index(k),
        ),
    )
    for key in order:
        if sum(key_width(k) for k in kept) <= room:
            break
        kept.remove(key)
    return kept


class FittingFooter(Footer):
    """A compact Footer that leaves out the least needed keys where its row is too short.

    Textual 8.2's Footer yields one FooterKey per key (a class it does not
    export), each holding the `key_display`, `description` and `action` it was
    made with; this reads those three. The palette's key (docked right) is
    the one with the "-command-palette" class.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(compact=True, **kwargs)
        self._composed_width = 0

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        width = self.size.width or self.app.size.width
        self._composed_width = width
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if w not in palette and hasattr(w, "action") and hasattr(w, "key_display")]
        if len(keys) + len(palette) < len(widgets):  # a key group: laid out otherwise, left as Textual made it
            yield from widgets
            return
        room = width - sum(key_width(p) for p in palette)  # the palette's key: its border instead of a gap
        kept = keys_that_fit(keys, room)
        yield from (w for w in widgets if w in kept or w in palette)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
