"""What a lesson's words say about the screen holds on the screen (found walking the lessons at 80x24)."""

import pytest
from ui_helpers import make_app, screen_text

from nntutor.curriculum.loader import find_lesson, load_lessons
from nntutor.engine.views import loss_surface
from nntutor.ui.screens.lesson import LessonScreen
from nntutor.ui.session import LessonSession


def test_no_quiz_says_before_you_look_while_the_last_step_still_shows():
    # A quiz with no reveal is asked as its step opens, before the step's settings change the network:
    # the chart still shows the previous network (representation 5 showed draw 2's line behind it).
    wrong = [
        f"{lesson.id} step {n}: {quiz.question!r}"
        for lesson in load_lessons()[0]
        for n, step in enumerate(lesson.steps, start=1)
        if step.action.do == "set"
        for quiz in step.quizzes
        if quiz.reveal is None and "before you look" in quiz.question.lower()
    ]
    assert not wrong, "\n".join(wrong)


async def test_the_text_view_gives_the_rows_a_short_text_leaves_to_the_network(monkeypatch, tmp_path):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        screen.view = "lesson"
        screen._apply_view()
        await pilot.pause()
        pane = screen.query_one("#lesson-pane")
        network = screen.query_one("#network")
        text = screen_text(app)
        assert "the targets are 0.01 and 0.99" in " ".join(text.split())  # the whole text shows
        assert network.display and network.region.height >= 5, "the rows under the text stay empty"
        assert pane.region.bottom <= network.region.y


SURFACE_LESSONS = sorted(
    lesson.id for lesson in load_lessons()[0] if any(step.show == "surface" for step in lesson.steps)
)


@pytest.mark.parametrize("lesson_id", SURFACE_LESSONS)
def test_the_lowest_point_of_every_surface_a_step_shows_is_inside_the_chart(lesson_id):
    # The slice is drawn for the other parameters as they are now: when a bias jumped, batches step 6
    # put * on the chart's edge, as if the minimum had moved there.
    session = LessonSession(find_lesson(lesson_id))
    spec = session.lesson.surface
    layer, w1, w2, ranges = (1, (0, 0), (1, 0), None) if spec is None else (spec.layer, spec.w1, spec.w2, spec.ranges)
    on_edge = []
    while True:
        session.apply_entry_action()
        for moment in ("opens", "ends"):
            if moment == "ends":
                session.finish_step()
            if session.step.show != "surface" or session.cycle.state.diverged:
                continue
            s = loss_surface(session.cycle, layer, w1, w2, ranges=ranges, resolution=(40, 14))
            mw1, mw2, _ = s.minimum
            if mw1 in (s.w1[0], s.w1[-1]) or mw2 in (s.w2[0], s.w2[-1]):
                on_edge.append(f"step {session.index + 1} {moment}: * at ({mw1:.3g}, {mw2:.3g})")
        if not session.next_step():
            break
    assert not on_edge, "\n".join(on_edge)
