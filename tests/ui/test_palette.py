"""The command palette survives fast typing: two races of Textual's own palette, replayed on purpose.

Both were found by the monkey test; here each is set up in one go, so they
fail every time rather than one run in three (nntutor/ui/widgets/palette.py).
"""

from textual.command import CommandInput, CommandList
from ui_helpers import make_app

from nntutor.ui.widgets.palette import TutorPalette


async def _open_palette(app, pilot) -> TutorPalette:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, TutorPalette)
    return palette


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


async def test_a_key_typed_just_before_escape_starts_no_search_in_a_closed_palette():
    # The monkey's traceback: a letter's Input.Changed reached the palette after
    # escape had dismissed it; the search it started outlived the command list
    # (NoMatches). The window is a few milliseconds wide, so the test checks
    # the guard itself: once dismissed, the palette starts no search.
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        palette = await _open_palette(app, pilot)
        palette.dismiss()
        assert palette._gather_commands("res") is None
        palette.query_one(CommandInput).value = "res"  # the late Input.Changed
        await pilot.pause(0.3)
        assert app.is_running
        assert not isinstance(app.screen, TutorPalette)
