"""Every shipped step's title is drawn whole on the lesson pane's border at 80x24 (no "Two arms, wound t…")."""

from ui_helpers import make_app, screen_text

from nntutor.curriculum.loader import load_lessons
from nntutor.ui.plain import plain_content


def pane_titles() -> list[str]:
    """The border title the lesson pane shows for each step of each shipped lesson."""
    return [
        f"{lesson.title} · step {i}/{len(lesson.steps)}: {step.title}"
        for lesson in load_lessons()[0]
        for i, step in enumerate(lesson.steps, 1)
    ]


async def test_every_step_title_is_drawn_whole_at_80_columns():
    app = make_app("loss")  # its first step opens no quiz
    cut = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # the lesson text view: the pane and its border
        await pilot.pause()
        pane = app.screen.query_one("#lesson-pane")
        for title in pane_titles():
            pane.border_title = plain_content(title)
            await pilot.pause()
            if title not in screen_text(app):
                cut.append(title)
    assert not cut, "cut at 80 columns:\n" + "\n".join(cut)
