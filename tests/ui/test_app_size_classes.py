"""A screen composed with its size classes (-narrow, -short, ...) has the very classes Textual gives it
on its first resize: its widgets are styled once, not again when that resize would change them."""

import pytest
from textual.geometry import Size
from ui_helpers import make_app

from nntutor.ui.widgets.too_small import size_classes


def _breakpoint_classes(screen) -> set[str]:
    return set(screen.classes) & set(size_classes(Size(80, 24)))


@pytest.mark.parametrize("size", [(50, 15), (80, 24), (120, 40)])
async def test_the_lesson_list_is_composed_with_the_classes_textual_gives_it(tmp_path, size):
    app = make_app(None, home=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        expected = {name for name, on in size_classes(Size(*size)).items() if on}
        assert _breakpoint_classes(app.screen) == expected
        assert len(expected) == 2  # one by width, one by height
