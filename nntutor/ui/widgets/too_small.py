"""The notice shown instead of a screen when the terminal is too small for it."""

from __future__ import annotations

from textual.geometry import Size
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


def size_classes(size: Size) -> dict[str, bool]:
    """The breakpoint classes a screen of `size` gets, each True or False (as Textual picks them).

    A screen that takes them in its compose is styled once for its size: Textual sets the same
    classes on its first resize, which then changes nothing; else every widget is styled again."""
    horizontal, vertical = breakpoints()
    classes = {name: False for _, name in horizontal + vertical}
    for dimension, points in ((size.width, horizontal), (size.height, vertical)):
        reached = [name for threshold, name in sorted(points) if dimension >= threshold]
        if reached:
            classes[reached[-1]] = True
    return classes


class TooSmall(Static):
    def __init__(self) -> None:
        super().__init__(
            f"The terminal is too small for nntutor.\n\nMake it at least {MIN_WIDTH} columns by "
            f"{MIN_HEIGHT} rows (80x24 shows everything).\n\nq quits.",
            markup=False,
            id="too-small",
        )
