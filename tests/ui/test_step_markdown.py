"""A step's text drawn by nntutor.ui.step_markdown is the same, cell by cell, as rich.markdown draws it:
the shipped lessons' texts, and many made-up texts mixing the Markdown the subset reads with what it
leaves to rich.markdown. A text beyond the subset must be drawn by rich.markdown itself."""

import random
import tomllib
from pathlib import Path

import pytest
from rich.console import Console
from rich.markdown import Markdown

from nntutor.ui.step_markdown import StepMarkdown

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
WIDTHS = (12, 37, 80)
TODO = "\n\n*To do:* press **t** to train (1 [x] 2)"  # what the lesson screen adds under a step's text


def cells(renderable, width: int) -> list[list[tuple[str, object]]]:
    console = Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)
    lines = console.render_lines(renderable, console.options, pad=False)
    return [[(char, segment.style) for segment in line for char in segment.text] for line in lines]


def same_as_rich(text: str) -> None:
    for width in WIDTHS:
        assert cells(StepMarkdown(text), width) == cells(Markdown(text), width), (text, width)


def shipped_texts() -> list[str]:
    texts = []
    for path in sorted(LESSONS.glob("*.toml")):
        for step in tomllib.loads(path.read_text(encoding="utf-8")).get("steps", []):
            texts.append(step["text"] + TODO)
    return texts


def test_every_shipped_step_is_drawn_as_rich_markdown_draws_it_without_it():
    texts = shipped_texts()
    assert len(texts) > 100
    for text in texts:
        assert StepMarkdown(text).drawn_here, text  # rich.markdown is not needed
        same_as_rich(text)


@pytest.mark.parametrize(
    "text",
    [
        "**+** and **-**, **@** marks, **\\*** the lowest point, **]** next",
        "a **b\nc** d and *e*\n- one **two\nthree**\n- four\n\npara *x **y** z* ***w*** ****v**** a*b*c 2 * 3",
        "*a **b* c** and **a *b** c* and ***a** b* and ***a* b** *a**b*",
        "p_i = e^z_i, [1, 0], 1/2 (a - t)^2, 50 % and -z\n-1 is text",
        "",
        "\n\n  \nOne.\n\n\n",
        "trailing \nspace ",
    ],
)
def test_texts_in_the_subset_look_the_same(text):
    assert StepMarkdown(text).drawn_here
    same_as_rich(text)


@pytest.mark.parametrize(
    "text",
    [
        "# A heading",
        "a `code` span",
        "a [link](http://x)",
        "1. one\n2. two",
        "- a\n\n- b",
        "- a\n  - nested",
        "> quote",
        "x &amp; y",
        "<b>html</b>",
        "line with a hard break  \nnext",
        "hard\\\nbreak",
        "_emphasis_",
        "Title\n=====",
        "***",
        "    indented code",
        "~~strike~~",
        "a | b\n--|--\n1 | 2",
        "tab\there",
        "no\u00a0break space",
    ],
)
def test_texts_beyond_the_subset_are_left_to_rich_markdown(text):
    assert not StepMarkdown(text).drawn_here
    same_as_rich(text)  # StepMarkdown hands them to rich.markdown


PIECES = [
    "word",
    "w",
    "12",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\n- ",
    "- ",
    "*",
    "*",
    "**",
    "***",
    "\\*",
    "\\",
    "(",
    ")",
    ".",
    ",",
    "[",
    "]",
    "+",
    "@",
    "a_b",
    "-",
    "!",
    "?",
    "'",
    "é",
    "→",
    "#",
    "1. ",
    ":",
]


def test_made_up_texts_look_the_same_wherever_the_subset_reads_them():
    rng = random.Random(8)
    read = 0
    for _ in range(600):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 24)))
        same_as_rich(text)
        read += StepMarkdown(text).drawn_here
    assert read > 200  # most of them are read here, not handed on
