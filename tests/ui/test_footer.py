"""The footer's "? Help" is never cut (walk findings: "? H" after ⌫ at 80 columns, and at 60)."""

import inspect

import pytest
from ui_helpers import make_app, screen_text

from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.widgets.footer import FittingFooter


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


async def test_a_key_that_becomes_possible_is_undimmed_in_place(tmp_path):
    """⌫ Back is dimmed until there is something to step back to, then shown plain; the footer's keys
    are the same widgets after (rebuilding them all cost about 40 ms of a key's redraw)."""
    app = make_app("neuron", home=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:  # wide enough for "N Redo"
        while not isinstance(app.screen, LessonScreen):
            await pilot.press("escape")
            await pilot.pause()
        footer = app.screen.query_one(FittingFooter)
        keys = list(footer.query("FooterKey"))
        back = next(key for key in keys if getattr(key, "action", "") == "undo")
        assert back.has_class("-disabled")
        await pilot.press("space")
        await pilot.pause()
        await pilot.pause()
        assert not back.has_class("-disabled")
        assert list(footer.query("FooterKey")) == keys
        await pilot.press("backspace")  # "N Redo" comes: a key more, so the footer is built anew
        await pilot.pause()
        await pilot.pause()
        assert "N Redo" in screen_text(app).splitlines()[-1]


async def test_the_lesson_screen_shows_its_keys_in_its_first_frame(tmp_path, monkeypatch):
    """The keys are composed by the time the screen's on_mount ends, before Textual draws it the
    first time. Textual's Footer adds them a frame later: the learner saw a screen without keys, and
    the second frame (the keys' widgets styled and laid out) held back the moment keys are taken."""
    at_mount: list[dict[str, bool]] = []
    mount = LessonScreen.on_mount

    async def on_mount(screen):
        mounted = mount(screen)
        if inspect.isawaitable(mounted):
            await mounted
        keys = screen.query_one(FittingFooter).query("FooterKey")
        at_mount.append({key.description: not key.has_class("-disabled") for key in keys})

    monkeypatch.setattr(LessonScreen, "on_mount", on_mount)
    app = make_app("backprop", home=tmp_path)  # no quiz over its first step
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
    assert at_mount, "the lesson screen did not open"
    assert at_mount[0].get("Pass") is True and at_mount[0].get("Next") is True, at_mount[0]
    assert at_mount[0].get("Back") is False  # nothing to step back to yet: dimmed, as the footer shows it after
    assert "⏎ Pass" in footer and "? Help" in footer
