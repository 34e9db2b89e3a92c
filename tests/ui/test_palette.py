"""The command palette survives keys that arrive in bursts (nntutor/ui/widgets/palette.py).

A real terminal delivers quickly typed keys in one read: they are all queued
before the first has been handled. `burst` posts them to the app the same
way, all at once, where Pilot.press would wait for each one to settle (and
never found these crashes). The sequences are the ones reproduced in tmux.
"""

from textual import events
from textual.command import CommandInput, CommandList
from ui_helpers import make_app, screen_text

from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.lesson_list import LessonListScreen
from nntutor.ui.screens.quiz import QuizScreen
from nntutor.ui.widgets.palette import TutorCommands, TutorPalette

CHARACTERS = {"enter": "\r", "escape": "\x1b", "ctrl+p": "\x10", "space": " "}


def burst(app, *keys: str) -> None:
    """Queue `keys` at once, as one read from a terminal brings them."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


async def settle(app, pilot) -> None:
    for _ in range(5):
        await pilot.pause(0.05)


async def _open_palette(app, pilot) -> TutorPalette:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, TutorPalette)
    return palette


async def test_ctrl_p_then_three_enters_at_once_runs_one_command_and_keeps_the_lesson():
    # Was: ScreenStackError "Can't pop screen" (each enter dismissed "the top screen").
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        burst(app, "ctrl+p", "enter", "enter", "enter")
        await settle(app, pilot)
        assert app.is_running
        assert lesson in app.screen_stack  # never popped by a palette's second dismissal
        assert isinstance(app.screen, (LessonScreen, QuizScreen, TutorPalette))
        assert "Backpropagation" in screen_text(app) or isinstance(app.screen, TutorPalette)


async def test_ctrl_p_then_two_enters_leaves_the_lesson_on_screen():
    # Was: a blank screen where only ctrl+p and ctrl+q answered (the lesson had been popped).
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lesson = app.screen
        burst(app, "ctrl+p", "enter", "enter")
        await settle(app, pilot)
        assert app.screen is lesson
        assert "Backpropagation" in screen_text(app)


async def test_from_the_list_enter_ctrl_p_enter_enter():
    # Was: InvalidStateError (a palette's result set twice).
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        burst(app, "enter", "ctrl+p", "enter", "enter")
        await settle(app, pilot)
        assert app.is_running
        # enter opened the first lesson at once, so the palette opened over it, not over the list
        assert any(isinstance(screen, LessonScreen) for screen in app.screen_stack)


async def test_escape_then_ctrl_p_opens_a_new_palette_while_the_old_one_is_removed():
    # Was: DuplicateIds '--command-palette' (the closing palette still held the id).
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "enter", "ctrl+p", "escape", "ctrl+p")
        await settle(app, pilot)
        assert app.is_running
        assert sum(isinstance(screen, TutorPalette) for screen in app.screen_stack) <= 1


async def test_a_palette_command_does_not_act_on_a_screen_that_is_no_longer_active():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lesson = app.screen
        hits = [hit async for hit in TutorCommands(lesson).discover()]
        next_phase = next(hit for hit in hits if hit.text == "Run the next phase of the cycle")
        await next_phase.command()
        await pilot.pause()
        assert str(lesson.session.cycle.last_phase) == "sample"  # while active, it runs
        await pilot.press("question_mark")  # help above the lesson: the lesson is not the active screen
        await next_phase.command()
        await pilot.pause()
        assert str(lesson.session.cycle.last_phase) == "sample"  # refused


async def test_page_down_before_the_command_list_is_laid_out():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        palette = await _open_palette(app, pilot)
        commands = palette.query_one(CommandList)
        commands.clear_options()
        await pilot.pause()  # an empty list: laid out with no height
        assert not commands.scrollable_content_region
        # What a search does when its hits arrive, then a page key before the next layout:
        commands.add_options(["one", "two", "three"])
        commands.highlighted = 0
        await palette.run_action("command_list('page_down')")
        await pilot.pause()
        assert app.is_running and app.screen is palette
        await pilot.press("pagedown")  # once laid out, the page keys move the highlight
        assert commands.highlighted == 2


async def test_a_closed_palette_starts_no_search():
    # A letter's Input.Changed that reaches the palette after escape dismissed it
    # must not start a search for a command list that is being removed (NoMatches).
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        palette = await _open_palette(app, pilot)
        palette.dismiss()
        palette.query_one(CommandInput).value = "res"  # the late Input.Changed
        await pilot.pause(0.3)
        searches = [w for w in app.workers if w.node is palette and w.name == "_gather_commands"]
        assert not [w for w in searches if w.description.endswith("('res')")]
        assert app.is_running
        assert not isinstance(app.screen, TutorPalette)


async def test_a_second_dismiss_does_not_pop_the_screen_below():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        palette = await _open_palette(app, pilot)
        lesson = app.screen_stack[-2]
        palette.dismiss()
        palette.dismiss()
        await pilot.pause()
        assert app.screen is lesson
