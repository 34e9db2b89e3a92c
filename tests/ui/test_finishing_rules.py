"""How a lesson carries on and ends: a quiz the network cannot answer is skipped
with a word, and a lesson is done once its last step's work is, without ]."""

from ui_helpers import screen_text

from nntutor.curriculum.loader import find_lesson
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.quiz import QuizScreen


async def skip_quizzes(app, pilot) -> int:
    skipped = 0
    while isinstance(app.screen, QuizScreen):
        await pilot.press("escape")
        await pilot.pause()
        skipped += 1
    return skipped


async def test_a_quiz_whose_value_diverged_is_skipped_with_a_word_and_the_lesson_goes_on(tmp_path):
    # overfitting step 3 asks, before it trains, which way the test loss will
    # go; at a huge rate the training it predicts diverges: no loss to ask about.
    store = ProgressStore(tmp_path)
    store.visit("overfitting", 2)
    app = NNTutorApp(find_lesson("overfitting"), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await skip_quizzes(app, pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.session.index == 2
        for _ in range(12):  # the rate up the 1-2-5 ladder, far past where training diverges
            await pilot.press("plus")
        assert screen.session.cycle.state.lr >= 1e3
        said: list[str] = []
        say = screen.say
        screen.say = lambda text: (said.append(text), say(text))  # every word the message row is given
        await pilot.press("t")
        assert not isinstance(app.screen, QuizScreen)  # the quiz was not asked
        for _ in range(200):
            if not screen.training:
                break
            await pilot.pause(0.05)
        assert screen.session.cycle.diverged
        assert any(text.startswith("quiz skipped: test_loss is inf") for text in said), said
        await pilot.pause()
        # The word stays readable once the training it led to has diverged: both on the message row.
        row = next(line for line in screen_text(app).splitlines() if "training diverged after" in line)
        assert "quiz skipped: test_loss is inf" in row, row
        await pilot.press("right_square_bracket")  # and the lesson goes on
        await pilot.pause()
        await skip_quizzes(app, pilot)
        assert app.screen is screen and screen.session.index == 3


async def test_a_lesson_is_done_once_its_last_steps_work_is_without_pressing_the_next_key(tmp_path):
    # forward's last step: walk the cycle up to "forward 2", with a quiz just before it.
    store = ProgressStore(tmp_path)
    last = len(find_lesson("forward").steps) - 1
    store.visit("forward", last)
    app = NNTutorApp(find_lesson("forward"), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.session.index == last
        assert not ProgressStore(tmp_path).lesson("forward").completed
        await pilot.press("space")  # one phase: not the step's work yet
        await pilot.pause()
        assert not ProgressStore(tmp_path).lesson("forward").completed
        await pilot.press("enter")  # the rest of the way: the quiz comes first
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert not ProgressStore(tmp_path).lesson("forward").completed  # its quiz is still open
        assert await skip_quizzes(app, pilot) == 1
        await pilot.pause()
        assert str(screen.session.cycle.last_phase) == "forward 2"
        assert ProgressStore(tmp_path).lesson("forward").completed  # no ] pressed
        assert screen.session.index == last
