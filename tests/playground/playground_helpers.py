"""Helpers for the playground's UI tests: an app that opens the playground, the screen as text."""

from __future__ import annotations

from pathlib import Path

from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp
from nntutor.ui.playground_setup import default_setup

# A playground setup (default_setup's keywords) that the tests open, save and replay through `trace`.
SPIRAL = dict(
    layers=[2, 4, 4, 1],
    activations=["tanh", "tanh", "sigmoid"],
    dataset="spiral",
    noise=0.1,
    test_fraction=0.2,
    lr=0.3,
    batch=10,
)


def cli_options(**setup) -> list[str]:
    """The options of `nntutor play` and `nntutor trace` that name these setup values."""
    args = []
    for name, value in setup.items():
        args += [f"--{name.replace('_', '-')}", ",".join(map(str, value)) if isinstance(value, list) else str(value)]
    return args


def playground_app(home: Path, **options) -> NNTutorApp:
    """The app as `nntutor play` opens it (options as `default_setup` takes them)."""
    return NNTutorApp(None, store=ProgressStore(home), playground=default_setup(**options))


def screen_text(app) -> str:
    """The visible screen as plain text (Textual has no public call for this; the compositor has it)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
