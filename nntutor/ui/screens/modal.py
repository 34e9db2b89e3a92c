"""Modal screens that close themselves once, and only while they are the active screen.

Textual's ``Screen.dismiss`` pops whatever screen is on top. In a real
terminal keys arrive in bursts: two enters typed quickly can both be read by
a quiz or the command palette before the first one's dismissal has taken it
off the stack, and the second ``dismiss`` then popped the screen *below*
(the lesson), leaving a blank screen, or the last screen (ScreenStackError),
or resolved a finished future twice (InvalidStateError). Here a screen that
is leaving, or is not on top, neither closes again nor runs actions.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.await_complete import AwaitComplete
from textual.message import Message
from textual.screen import ModalScreen, Screen


def event_clock() -> float:
    """Now, on the clock Textual stamps every event with (`Message.time`).

    Read from a fresh message rather than a clock of our own: which clock
    Textual uses depends on the platform.
    """
    return Message().time


async def _nothing() -> None:
    return None


class ClosingOnce:
    """Mixin for a Screen: `dismiss` acts once, only while the screen is the active one."""

    _dismissed = False

    @property
    def leaving(self) -> bool:
        """True once the screen has closed, or while another screen is above it."""
        return self._dismissed or not self.is_active  # type: ignore[attr-defined]

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.leaving:
            return AwaitComplete(_nothing())
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key or command acts on a screen that is leaving."""
        if self.leaving:
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]


async def run_own_binding(screen: Screen, event: events.Key) -> bool:
    """Run the screen's (or the app's) binding for this key now, as the screen reads it; True if there was one.

    Textual runs a key's binding when the key bubbles up to the App, against
    whichever screen is on top *then*, after the screen has already read the
    keys that followed in the same burst. A screen of the tutor runs its own
    bindings in its own on_key instead, so each key acts in the order it was
    typed, on the screen it was typed at.
    """
    active = screen.active_bindings.get(event.key)
    if active is None or active.node not in (screen, screen.app) or not active.enabled:
        return False
    event.stop()
    event.prevent_default()
    await screen.app.run_action(active.binding.action, active.node)
    return True


class TutorModal(ClosingOnce, ModalScreen):
    """A modal screen of the tutor (quiz, help): closes once, and keeps the keys it reads.

    In a burst ("3 enter enter escape" in one read) a quiz read every key
    first, its enter closed it, and the escape it had read then ran the
    *lesson's* escape binding. So a modal runs its own bindings as it reads
    each key (run_own_binding), and once it is leaving it lets no key
    through to the screen below.
    """

    async def on_key(self, event: events.Key) -> None:
        if self.leaving:
            event.stop()
            event.prevent_default()
            return
        await run_own_binding(self, event)
