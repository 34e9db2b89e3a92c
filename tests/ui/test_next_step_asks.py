"""] on a step whose work is not done does that work as its keys would: the quizzes on its way are asked."""

from ui_helpers import make_app

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.quiz import QuizScreen


async def test_pressing_only_bracket_through_backprop_shows_every_quiz(tmp_path):
    app = make_app("backprop", home=tmp_path)
    lesson = find_lesson("backprop")
    asked: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(200):
            screen = app.screen
            if isinstance(screen, QuizScreen):
                asked.append(screen.quiz.id)
                await pilot.press("escape")  # a learner who does not want to answer still sees the question
            elif isinstance(screen, LessonScreen) and screen.session.completed and screen.session.is_last:
                break
            else:
                await pilot.press("right_square_bracket")
            await app.workers.wait_for_complete()  # a train step's training
            await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.session.completed
    assert sorted(asked) == sorted(quiz.id for quiz in lesson.quizzes)
