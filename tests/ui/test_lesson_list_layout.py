"""The lesson list at 80x24 and at its smallest size: a long title wraps under its own first letter, never
under the lesson ids."""

import shutil

import pytest
from ui_helpers import make_app, screen_text

from nntutor.curriculum.loader import find_lesson

LONG_TITLE = "A lesson whose title is too long for one row of the list, so it has to wrap"  # 75 of 80 allowed


@pytest.mark.parametrize("size", [(80, 24), (60, 18)])
async def test_a_long_title_wraps_under_itself(tmp_path, size):
    folder = tmp_path / "lessons"
    folder.mkdir()
    source = find_lesson("neuron").path.read_text()
    title_line = next(line for line in source.splitlines() if line.startswith("title = "))
    (folder / "long.toml").write_text(source.replace(title_line, f'title = "{LONG_TITLE}"', 1))
    shutil.copy(find_lesson("backprop").path, folder / "backprop.toml")
    app = make_app(None, home=tmp_path / "home", lessons_dir=folder)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "A lesson whose title" in line)
        column = lines[first].index("A lesson whose title")
        rest = lines[first + 1]
        assert rest[:column].strip() == "", f"the title's second row runs under the lesson id:\n{rest}"
        assert rest[column] != " ", f"the title's second row is not aligned with its first:\n{rest}"
        playground = next(line for line in lines if "Playground:" in line)
        assert playground.index("Playground:") == column  # every entry's text starts in one column
