"""The command palette, with two races of Textual's own (8.2) closed.

Both were found by the monkey test (tests/ui/test_monkey.py), fast typing
after ctrl+p:

- PageUp/PageDown before the command list has been laid out: OptionList's
  page move looks up the highlighted option's line, and there are no lines
  until the list has a size (KeyError in ``OptionList._move_page``).
- A key typed just before escape (or before a command is chosen): its
  ``Input.Changed`` reaches the palette after it was dismissed and starts a
  new search, which then looks for the command list of a closed palette
  (NoMatches in ``CommandPalette._gather_commands``).
"""

from __future__ import annotations

from typing import Any

from textual.command import CommandList, CommandPalette

PAGE_ACTIONS = ("page_up", "page_down")


class TutorPalette(CommandPalette):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.closing = False

    def dismiss(self, result: Any = None):
        self.closing = True  # no new search once the palette is on its way out
        return super().dismiss(result)

    def _gather_commands(self, search_value: str):
        if self.closing:
            return None
        return super()._gather_commands(search_value)

    def _action_command_list(self, action: str) -> None:
        if action in PAGE_ACTIONS and not self.query_one(CommandList).scrollable_content_region:
            return  # nothing laid out yet, so no page to move by
        super()._action_command_list(action)
