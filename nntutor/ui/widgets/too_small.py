"""The notice shown instead of a screen when the terminal is too small for it."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 18
WIDE = 110  # from this width the lesson text sits beside the network
TALL = 32


def breakpoints() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Screen classes by size: -tiny-w / -narrow / -wide and -tiny-h / -short / -tall."""
    return (
        [(0, "-tiny-w"), (MIN_WIDTH, "-narrow"), (WIDE, "-wide")],
        [(0, "-tiny-h"), (MIN_HEIGHT, "-short"), (TALL, "-tall")],
    )


class TooSmall(Static):
    def __init__(self) -> None:
        super().__init__(
            f"The terminal is too small for nntutor.\n\nMake it at least {MIN_WIDTH} columns by "
            f"{MIN_HEIGHT} rows (80x24 shows everything).\n\nq quits.",
            markup=False,
            id="too-small",
        )
