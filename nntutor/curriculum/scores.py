"""What a learner's saved answers add up to in one lesson.

One count for every place that shows it (the lesson list in the app,
`nntutor list` and the teacher's `nntutor progress`), so they cannot
disagree. Only the lesson's own quizzes count as quizzes: a playground
step's goal is saved beside them (under goal_quiz_id) but is counted as a
goal, met or not, never as a quiz answered right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .progress import LessonProgress, QuizProgress

if TYPE_CHECKING:  # or a ListedLesson (listing.py), which counts the same
    from .model import Lesson


@dataclass(frozen=True)
class LessonScore:
    quizzes: int | None  # the lesson's quizzes; None when the lesson file is not found
    asked: int  # of them, answered at least once
    right_first_try: int  # an answer saved before first tries were kept counts by whether it was ever right
    first_try_unknown: int  # answers saved before first tries were kept
    goals: int  # playground goals in the lesson (found in the progress when the lesson is not found)
    goals_met: int


def lesson_score(lesson: Lesson | None, progress: LessonProgress) -> LessonScore:
    if lesson is not None:
        quiz_ids, goal_ids = list(lesson.quiz_ids), list(lesson.goal_ids)
    else:  # the lesson is gone: count what was saved
        from .goal import GOAL_ID_PREFIX

        goal_ids = [key for key in progress.quizzes if key.startswith(GOAL_ID_PREFIX)]
        quiz_ids = [key for key in progress.quizzes if key not in goal_ids]
    answers = [progress.quizzes[q] for q in quiz_ids if q in progress.quizzes]
    return LessonScore(
        len(quiz_ids) if lesson is not None else None,
        len(answers),
        sum(1 for answer in answers if _right_first_try(answer)),
        sum(1 for answer in answers if answer.first_correct is None),
        len(goal_ids),
        sum(1 for g in goal_ids if g in progress.quizzes and progress.quizzes[g].correct),
    )


def _right_first_try(answer: QuizProgress) -> bool:
    return answer.correct if answer.first_correct is None else answer.first_correct


def describe_progress(lesson: Lesson, progress: LessonProgress) -> str:
    """ "not started", "step 3 of 6", or "done"; with the quizzes answered right on the first try.

    The same count as ``nntutor progress`` gives (lesson_score)."""
    if progress.completed:
        where = "done"
    elif progress.started:
        where = f"step {min(progress.step, lesson.step_count - 1) + 1} of {lesson.step_count}"
    else:
        where = "not started"
    if not progress.started:
        return where
    score = lesson_score(lesson, progress)
    if score.quizzes:
        where = f"{where}, {score.right_first_try}/{score.quizzes} right first try"
    if score.goals:
        met = "met" if score.goals_met == score.goals else "not met yet"
        where += f", playground goal{'s' * (score.goals > 1)} {met}"
    return where
