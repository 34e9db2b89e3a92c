"""The lesson screen's footer: the keys that fit its width, and "? Help" always whole.

Textual's Footer lays every shown key in one row and docks the command
palette's key on the right, over whatever runs that far: at 80 columns after
⌫ (which adds "N Redo") and at 60, "? Help" read "? H". This footer leaves
out the keys a learner needs least, one at a time, until the rest fit. A key
left out still works, and ? and the palette still list it.

Textual's Footer also builds all its keys anew whenever the screen's
bindings change, and on the lesson screen they change with most first
presses (undo becomes possible, the network diverges, training starts): about
40 ms of new widgets, styles and layout on a key that should redraw within
100 ms. When only whether a key is enabled changed, this footer dims or
undims the keys it has instead.
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


def shown_keys(screen: Any) -> tuple[tuple[str, str, str, str], ...]:
    """What the footer's keys look like (key, action, description, tooltip), enabled or not: the
    bindings Textual's Footer shows, and the palette's, in their order."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (binding.key, binding.action, binding.description, tooltip)
        for key, (_, binding, _, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class FittingFooter(Footer):
    """A compact Footer that leaves out the least needed keys where its row is too short.

    Textual 8.2's Footer yields one FooterKey per key (a class it does not
    export), each holding the `key`, `key_display`, `description` and `action` it was
    made with, its `_disabled` flag and a "-disabled" class; this reads and
    sets those. The palette's key (docked right) is the one with the
    "-command-palette" class.
    """

    def __init__(self, keys_known: bool = False, **kwargs: Any) -> None:
        """`keys_known`: the screen can say now which of its keys are on, so they are composed with
        this footer and show in the frame it first appears in. Else, as in Textual's Footer, they
        come with the screen's first change of bindings, after the next refresh: a frame later, and
        another round of new widgets styled and laid out."""
        super().__init__(compact=True, **kwargs)
        self.set_reactive(Footer._bindings_ready, keys_known)
        self._composed_width = 0
        self._composed_keys: tuple | None = None  # shown_keys() when last composed

    def bindings_changed(self, screen: Any) -> None:
        """Keys dimmed or undimmed in place when only that changed, else composed anew (as Textual does)."""
        if self._composed_keys is None or not self.is_attached or screen is not self.screen:
            super().bindings_changed(screen)
            return
        self._bindings_ready = True
        self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        if not self.is_attached:
            return
        if shown_keys(self.screen) != self._composed_keys:
            await self.recompose()
            return
        enabled: dict[tuple[Any, Any], bool] = {
            (b.key, b.action): on for _, b, on, _ in self.screen.active_bindings.values()
        }
        for key in self.query("FooterKey"):
            now = enabled.get((getattr(key, "key", None), getattr(key, "action", None)))
            if now is not None and getattr(key, "_disabled", not now) == now:
                key._disabled = not now  # type: ignore[attr-defined]  # read by FooterKey's mouse handler
                key.set_class(not now, "-disabled")

    def compose(self) -> ComposeResult:
        self._composed_keys = shown_keys(self.screen) if self._bindings_ready else None
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
