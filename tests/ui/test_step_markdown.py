"""A step's text drawn by nntutor.ui.step_markdown is the same, cell by cell, as rich.markdown draws it:
the shipped lessons' texts, and many made-up texts mixing the Markdown the subset reads with what it
leaves to rich.markdown. A text beyond the subset must be drawn by rich.markdown itself, except plainly
(the opening screen's first frame): then it is drawn here, every word of it readable, nothing taken for markup."""

import random
import re
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


BEYOND = [
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
]


@pytest.mark.parametrize("text", BEYOND)
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


def shown(renderable, width: int = 80) -> list[str]:
    return ["".join(char for char, _ in line).rstrip() for line in cells(renderable, width)]


def test_plainly_a_text_in_the_subset_is_drawn_as_the_lesson_screen_draws_it():
    for text in shipped_texts():
        assert cells(StepMarkdown(text, plainly=True), 37) == cells(StepMarkdown(text), 37)


@pytest.mark.parametrize("text", BEYOND + ["- a\n* b\n  + c\n\n1. one\n2) two", "*é*, **→** and *→x*"])
def test_plainly_a_text_beyond_the_subset_is_drawn_here_with_every_word_in_it(text):
    drawn = StepMarkdown(text, plainly=True)
    assert drawn.drawn_here  # rich.markdown is not needed
    screen = " ".join(shown(drawn))
    for word in re.findall(r"\w+", text):
        assert word in screen, (text, screen)


def test_plainly_the_text_is_shown_as_written_with_its_lists_and_emphasis():
    text = (
        "# Heading [b]x[/b] `code` [link](u) &amp;\n\n"
        "- one **strong**\n  going on\n* two\n\n"
        "1. first\n2. second\n\n"
        "An _under_ \\[escape\\] and *em*"
    )
    lines = shown(StepMarkdown(text, plainly=True))
    assert lines == [
        "# Heading [b]x[/b] `code` [link](u) &amp;",
        "",
        " • one strong going on",
        " • two",
        "",
        "1. first",
        "",
        "2. second",
        "",
        "An _under_ [escape] and em",
    ]
    styled = {"".join(c for c, _ in run): style for run, style in _runs(cells(StepMarkdown(text, plainly=True), 80))}
    assert styled["strong"].bold and styled["em"].italic and not styled["An _under_ [escape] and "].bold


def _runs(lines):
    """Each line's runs of cells of one style: (cells, style)."""
    for line in lines:
        run: list = []
        for cell in line:
            if run and cell[1] != run[-1][1]:
                yield run, run[-1][1]
                run = []
            run.append(cell)
        if run:
            yield run, run[-1][1]
