"""The command palette: Textual's own, made safe for keys that arrive in bursts.

In a real terminal, keys typed quickly arrive in one read and are all
queued before the first has been handled. ctrl+p enter enter enter then
selected a command several times; each selection dismissed "the palette",
i.e. the top screen: the lesson below it, then the last screen
(ScreenStackError), or a finished future twice (InvalidStateError). The
design that rules this out, with Textual's public API only:

- the palette closes once, and only while it is the active screen
  (`ClosingOnce.dismiss`); once it is leaving it runs no action
  (`check_action`) and ignores what its own widgets still report (a late
  `Input.Changed` would start a search in a closed palette, a late
  `OptionSelected` would run a second command): a handler here runs before
  the base class's and stops it with `prevent_default`;
- the page keys wait until the command list has been laid out (OptionList
  looks up lines that do not exist yet);
- at most one palette is open, and it has no fixed id: a palette still being
  removed never clashes with the next one (DuplicateIds '--command-palette');
- a command runs only if the screen it was offered for is still the active
  one when it runs (`TutorCommands`).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from typing import Any

from textual import on
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets import Input, OptionList

from ..screens.modal import ClosingOnce

PAGE_ACTIONS = ("page_up", "page_down")


class TutorPalette(ClosingOnce, CommandPalette):
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_list" and parameters and parameters[0] in PAGE_ACTIONS:
            if not self.query_one(CommandList).scrollable_content_region:
                return False  # nothing laid out yet, so no page to move by
        return super().check_action(action, parameters)

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _ignored_once_leaving(self, event: Any) -> None:
        if self.leaving:
            event.stop()
            event.prevent_default()  # the base class's handler does not run


def when_active(screen: Any, callback: Callable[[], Any]) -> Callable[[], Awaitable[None]]:
    """`callback`, run only if `screen` is still the active screen when the command runs."""

    async def run() -> None:
        if screen.is_active:
            result = callback()
            if inspect.isawaitable(result):
                await result

    return run


class TutorCommands(Provider):
    """The palette's one provider: every key of the screen it was opened from, then the app's commands."""

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], Awaitable[None]]]]:
        app, screen = self.app, self.screen
        seen = set()
        for ab in screen.active_bindings.values():
            b = ab.binding
            if not b.description or b.system or not ab.enabled or (b.action, ab.node) in seen:
                continue
            seen.add((b.action, ab.node))
            run = partial(app.run_action, b.action, ab.node)
            yield b.tooltip or b.description, f"key: {app.get_key_display(b)}", when_active(screen, run)
        for title, help_text, callback, _discover in app.get_system_commands(screen):
            yield title, help_text, when_active(screen, callback)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
