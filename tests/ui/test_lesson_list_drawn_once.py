"""The lesson list draws each entry it shows once on its way to the first frame, and keeps its looks.

At 80x24 the shipped lessons overflow the list, so a scrollbar shows once the list has been laid
out; it used to make every visible entry draw again, narrower, and a resize that changed nothing
made Textual's OptionList drop them all once more (issue 9: the list's first frame)."""

import pytest
from ui_helpers import make_app, screen_text

from nntutor.ui.screens import list_entry


async def test_each_entry_shown_is_drawn_once_before_the_first_frame(monkeypatch, tmp_path):
    drawn: list[str] = []
    render_strips = list_entry.ListEntry.render_strips

    def counted(entry, *args, **kwargs):
        drawn.append(entry.name.plain.strip())
        return render_strips(entry, *args, **kwargs)

    monkeypatch.setattr(list_entry.ListEntry, "render_strips", counted)
    app = make_app(None, home=tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Playground" in screen_text(app)
        assert len(drawn) > 5  # the screen is full of entries
        assert len(drawn) == len(set(drawn)), f"entries drawn more than once: {sorted(drawn)}"


async def test_the_scrollbar_sits_where_it_did(tmp_path):
    """Overflowing, the list keeps the scrollbar's gutter from the start: the entries and the
    scrollbar are where they were. Fitting, it keeps none (the snapshot test_lesson_list)."""
    app = make_app(None, home=tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#lessons")
        assert options.has_class("-overflows")
        assert options.scrollbars_enabled == (True, False)
        assert options.scrollable_content_region.width == options.size.width - options.styles.scrollbar_size_vertical
        await pilot.resize_terminal(80, 60)
        await pilot.pause()
        assert not options.has_class("-overflows")
        assert options.scrollable_content_region.width == options.size.width


@pytest.mark.parametrize(("start", "end"), [((70, 60), (70, 24)), ((62, 24), (62, 80)), ((80, 24), (80, 60))])
async def test_a_list_resized_in_height_looks_as_one_started_at_that_size(start, end, tmp_path):
    """A height-only resize (a split terminal) brings or drops the scrollbar's gutter after the list's
    own resize: its entries must then be drawn again at the new width, not cut under the scrollbar."""

    async def list_text(sizes) -> str:
        app = make_app(None, home=tmp_path / "home")
        async with app.run_test(size=sizes[0]) as pilot:
            await pilot.pause()
            for size in sizes[1:]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
            return screen_text(app)

    assert await list_text([start, end]) == await list_text([end])
