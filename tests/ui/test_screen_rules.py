"""The rules of the quiz, help and save screens come with those screens: a lesson's first frame
does not parse or match them (about 14 M instructions of start-up), and they apply once shown."""

from opened import until_opened
from ui_helpers import make_app

from nntutor.ui.screens.help import HelpScreen
from nntutor.ui.screens.quiz import QuizScreen
from nntutor.ui.screens.save_lesson import SaveLessonScreen

LATER_SCREENS = ("QuizScreen", "HelpScreen", "SaveLessonScreen", "#quiz-", "#help-", "#save-")


def later_rules(app) -> list[str]:
    """The app's rules that only a screen not shown at start could use."""
    return [rule.selectors for rule in app.stylesheet.rules if any(n in rule.selectors for n in LATER_SCREENS)]


async def test_later_screens_rules_come_with_them():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await until_opened(pilot)
        assert later_rules(app) == []

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_box = app.screen.query_one("#help-box")
        assert (help_box.outer_size.width, help_box.styles.border_top[0]) == (72, "round")  # 90% of 80
        await pilot.press("escape")

        app.push_screen(SaveLessonScreen())
        await pilot.pause()
        save_box = app.screen.query_one("#save-box")
        assert (save_box.outer_size.width, save_box.region.x) == (70, 5)  # 70 wide, in the middle
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("right_square_bracket", "f", "f", "f")
        for _ in range(50):
            if isinstance(app.screen, QuizScreen):
                break
            await pilot.pause(0.05)
        quiz_box = app.screen.query_one("#quiz-box")
        assert quiz_box.outer_size.width == 76
        assert quiz_box.region.bottom == 24  # at the bottom of the screen (align: center bottom)
