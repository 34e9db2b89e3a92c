"""Lesson strings and paths reach the screen as plain text: never markup, never control characters.

The validator refuses control characters in lesson files; these tests put
them into a loaded lesson anyway (as a lesson built in memory could carry
them) to check the defence at the render boundary, and put markup into the
strings a lesson file may hold.
"""

from dataclasses import replace

from ui_helpers import make_app, screen_text

from nntutor.curriculum.loader import find_lesson
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp
from nntutor.ui.plain import plain
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.quiz import QuizScreen

ESCAPES = ("\x1b", "\x07", "\x9b")
TITLE_OSC = "\x1b]0;PWN\x07"


def hostile_backprop():
    """The backprop lesson with markup and escapes in its titles, text and first quiz."""
    lesson = find_lesson("backprop")
    first, second = lesson.steps[0], lesson.steps[1]
    quiz = replace(
        second.quizzes[0],
        question="What [b]is[/b] it? [@click=app.quit]q[/]" + TITLE_OSC,
        hint="[/] a hint \x1b[2J",
        explanation="[red]why[/red]",
    )
    steps = (
        replace(first, title="[/] x " + TITLE_OSC, text="Two [@click=app.quit]inputs[/] \x1b]52;c;AAAA\x07here."),
        replace(second, title="[@click=app.quit]x[/]", quizzes=(quiz,)),
        *lesson.steps[2:],
    )
    return replace(lesson, title="Back[/]prop " + TITLE_OSC, steps=steps)


def assert_no_escapes(text: str) -> None:
    for char in ESCAPES:
        assert char not in text, f"{char!r} reached the screen"


def test_plain_replaces_control_characters_and_keeps_the_rest():
    assert plain("a\x1b]0;x\x07b\u202ec\td\ne") == "a\ufffd]0;x\ufffdb\ufffdc\td\ne"
    assert plain("a\tb\nc", one_line=True) == "a b c"
    assert plain("[@click=app.quit]x[/] ünï ∑") == "[@click=app.quit]x[/] ünï ∑"


async def test_markup_in_titles_and_text_shows_literally(tmp_path):
    app = NNTutorApp(hostile_backprop(), store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)  # a title "[/] x" used to raise MarkupError
        text = screen_text(app)
        assert "Back[/]prop" in text and "[/] x" in text
        assert "Two [@click=app.quit]inputs[/]" in text  # literal, so not a clickable action
        assert_no_escapes(text)
        await pilot.press("right_square_bracket", "f", "f")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        text = screen_text(app)
        assert "What [b]is[/b] it? [@click=app.quit]q[/]" in text
        assert_no_escapes(text)
        await pilot.press("h")
        assert "[/] a hint" in screen_text(app)
        await pilot.press("0", "enter", "0", "enter")
        text = screen_text(app)
        assert "[red]why[/red]" in text
        assert_no_escapes(text)
        # The step title is shown literally: the action in it is not clickable.
        await pilot.press("escape")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.click("#lesson-pane", offset=(2, 0))
        assert app.is_running


async def test_a_progress_warning_naming_a_markup_path_shows_it_literally(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    home = blocker / "[@click=app.quit]x[/]"  # cannot be created: the store warns, naming it
    store = ProgressStore(home)
    assert store.warning and "[@click=app.quit]x[/]" in store.warning
    app = NNTutorApp(find_lesson("backprop"), store=store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # was: MarkupError at start-up
        await pilot.pause(1.0)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "[@click=app.quit]x[/]" in toasts
        assert app.is_running


async def test_the_lesson_list_shows_titles_and_problems_literally(tmp_path):
    (tmp_path / "bad[b].toml").write_text("title = 1\n")
    src = find_lesson("backprop").path.read_text()
    (tmp_path / "ok.toml").write_text(src.replace('title = "Backpropagation"', 'title = "Back[/]prop [b]x"', 1))
    app = make_app(None, home=tmp_path / "home", lessons_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Back[/]prop [b]x" in text
        assert "bad[b].toml" in text
