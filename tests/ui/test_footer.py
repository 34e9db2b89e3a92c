"""The footer's "? Help" is never cut (walk findings: "? H" after ⌫ at 80 columns, and at 60)."""

import pytest
from ui_helpers import make_app, screen_text

from nntutor.ui.screens.lesson import LessonScreen


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_help_shows_whole_after_step_back(tmp_path, size):
    app = make_app("neuron", home=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, LessonScreen):
            await pilot.press("escape")
            await pilot.pause()
        for key in ("space", "space", "backspace"):  # ⌫ adds "N Redo" to the footer
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "^p Palette" in footer, footer
        assert "⌫ Back" in footer and "space Next" in footer, footer
        if size[0] >= 120:
            assert "N Redo" in footer  # left out only where the row is short


async def test_the_footer_fits_again_when_the_terminal_narrows(tmp_path):
    app = make_app("neuron", home=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while not isinstance(app.screen, LessonScreen):
            await pilot.press("escape")
            await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "^p Palette" in footer, footer
