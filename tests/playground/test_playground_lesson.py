"""The lesson step that sends the learner to the playground with a task, checked on the network they bring back."""

from pathlib import Path

from playground_helpers import screen_text

from nntutor.curriculum import find_lesson, validate_file
from nntutor.curriculum.progress import ProgressStore
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.screens.playground import PlaygroundScreen
from nntutor.ui.screens.quiz import QuizScreen

LESSON = "playground-spiral"
TASK_STEP = 2  # "Your turn: the playground" (0-based)


async def _at_the_task(pilot, app) -> tuple[LessonScreen, PlaygroundScreen]:
    """The lesson at its playground step, and the playground P opens from it."""
    await pilot.pause()
    lesson = app.screen
    assert isinstance(lesson, LessonScreen) and lesson.session.index == TASK_STEP
    assert lesson.session.todo().startswith("press P for the playground; reach test accuracy ≥ 90%")
    await pilot.press("P")
    await pilot.pause()
    playground = app.screen
    assert isinstance(playground, PlaygroundScreen) and playground.goal is not None
    # it starts from the lesson's run: 2-2-1 on the lesson's spiral
    assert playground.session.cycle.network.sizes == [2, 2, 1]
    assert playground.session.setup.data == lesson.session.lesson.data
    return lesson, playground


async def _train(pilot, playground, epochs: int) -> None:
    # t trains until a key is pressed (as many epochs as the machine runs by then): a fixed count here
    playground.session.cycle.train(epochs)
    playground.refresh_view()
    await pilot.pause()


def _app_at_task(tmp_path: Path):
    home = tmp_path / "progress"
    ProgressStore(home).visit(LESSON, TASK_STEP)
    return NNTutorApp(find_lesson(LESSON), store=ProgressStore(home))


async def test_a_network_that_meets_the_goal_passes_the_check(tmp_path):
    app = _app_at_task(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson, playground = await _at_the_task(pilot, app)
        await pilot.press(*["i"] * 10)  # the selected layer is the hidden one: 2-12-1
        await pilot.pause()
        assert playground.session.cycle.network.sizes == [2, 12, 1]
        await _train(pilot, playground, 4000)
        shown = screen_text(app)
        assert "goal ✓ test accuracy 92.5% (≥ 90%) · ✓ hidden neurons 12 (≤ 12) · met" in shown
        brought = playground.session.cycle

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is lesson
        session = lesson.session
        assert session.cycle is brought and session.run_label == "your network"
        assert session.action_done
        assert "goal met: ✓ test accuracy 92.5%" in lesson.message
        assert "goal met: ✓ test accuracy 92.5%" in screen_text(app)
        assert session.todo().startswith("done: your network meets the goal")
        assert app.store.lesson(LESSON).quizzes["goal-step-3"].correct
        # the lesson's charts keep the run before it to compare
        assert [run.label for run in session.runs][-1] != "your network"


async def test_an_untrained_or_too_big_network_fails_the_check(tmp_path):
    app = _app_at_task(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson, playground = await _at_the_task(pilot, app)
        await pilot.press("escape")  # back at once: the two-neuron network as it started
        await pilot.pause()
        assert app.screen is lesson and not lesson.session.action_done
        assert lesson.message.startswith("not yet: ✗ test accuracy")
        assert "✓ hidden neurons 2 (≤ 12)" in lesson.message
        progress = app.store.lesson(LESSON).quizzes["goal-step-3"]
        assert progress.attempts == 1 and not progress.correct

        await pilot.press("P")  # the same playground again, where it was left
        await pilot.pause()
        assert isinstance(app.screen, PlaygroundScreen) and app.screen.session is playground.session
        playground = app.screen
        await pilot.press(*["i"] * 14)  # 2-16-1: accurate enough, but too many neurons
        await pilot.pause()
        await _train(pilot, playground, 4000)
        assert "✗ hidden neurons 16 (≤ 12)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not lesson.session.action_done
        assert "✓ test accuracy" in lesson.message and "✗ hidden neurons 16" in lesson.message
        assert not app.store.lesson(LESSON).quizzes["goal-step-3"].correct


def test_the_validator_and_the_walk_take_the_playground_lesson():
    lesson = find_lesson(LESSON)  # checked as nntutor validate checks it, walk included
    assert validate_file(lesson.path) == []
    step = lesson.steps[TASK_STEP]
    assert step.action.do == "playground"
    assert step.action.goal.describe() == "test accuracy ≥ 90%, hidden neurons ≤ 12"


async def test_stepping_back_and_forth_keeps_the_network_brought_back(tmp_path):
    # The learner's playground is their work: [ and ] must not replace it with the lesson's 2-2-1.
    app = _app_at_task(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson, playground = await _at_the_task(pilot, app)
        await pilot.press(*["i"] * 10)
        await _train(pilot, playground, 4000)
        brought = playground.session.cycle
        await pilot.press("escape")
        await pilot.pause()
        session = lesson.session
        await pilot.press("right_square_bracket")
        await pilot.pause()
        runs = [run.label for run in session.runs]
        assert session.index == TASK_STEP + 1 and session.cycle is brought

        for key, index in (
            ("left", TASK_STEP),
            ("left", TASK_STEP - 1),
            ("right", TASK_STEP),
            ("right", TASK_STEP + 1),
        ):
            for _ in range(4):  # ] on the train step first trains up to its quiz, asks it (skipped here), then moves
                await pilot.press(f"{key}_square_bracket")
                await pilot.pause()
                while isinstance(app.screen, QuizScreen):
                    await pilot.press("escape")
                    await pilot.pause()
                if session.index == index:
                    break
            assert session.index == index
            if index < TASK_STEP:  # before the task: the lesson's own run, as its text describes
                assert session.cycle.network.sizes == [2, 2, 1] and session.run_label != "your network"
                continue
            assert session.cycle is brought and session.run_label == "your network", (key, index)
            if index == TASK_STEP:
                assert session.action_done and session.todo().startswith("done: your network meets the goal")
        assert [run.label for run in session.runs] == runs  # the same runs beside it as the first time

        await pilot.press("left_square_bracket", "P")  # the playground again, as it was left
        await pilot.pause()
        assert isinstance(app.screen, PlaygroundScreen) and app.screen.session is playground.session
        assert app.screen.session.cycle is brought
