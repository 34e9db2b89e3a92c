"""Helpers for the playground's UI tests: an app that opens the playground, the screen as text."""

from __future__ import annotations

from pathlib import Path

from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp
from nntutor.ui.playground_session import default_setup


def playground_app(home: Path, **options) -> NNTutorApp:
    """The app as `nntutor play` opens it (options as `default_setup` takes them)."""
    return NNTutorApp(None, store=ProgressStore(home), playground=default_setup(**options))


def screen_text(app) -> str:
    """The visible screen as plain text (Textual has no public call for this; the compositor has it)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
