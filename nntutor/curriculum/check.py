"""The one judgement of a lesson file, shared by ``nntutor validate`` and by
opening a lesson (``nntutor PATH``, the lesson list, ``nntutor trace LESSON``).

First the static checks (``loader.read_lesson``: reading, text safety, fields,
shapes, the training a file may ask for), then the cost model (``cost``: time to
the first frame, per redraw, memory, and the walk's own time); when they pass,
the headless walk through every step, which
catches what only running it can show (a quiz whose reveal phase never comes,
a fixed answer the network does not agree with, a network that diverges).

The walk trains, so it can take a second or two; its verdict for a file that
passed is remembered by the digest of the file's bytes and of the code that
judged it (``walk_cache``), so a lesson is walked once, not at every opening,
and the lesson list never walks at all. The shipped lessons are walked by the
test suite and their digests ship with them (``shipped_walks``), so a fresh
install opens them without a walk.
"""

from __future__ import annotations

from pathlib import Path

from . import shipped_walks, walk_cache
from .cost import cost_problems
from .loader import ReadLesson, place, read_lesson
from .model import Lesson
from .problems import LessonError, Problem
from .source import read_source
from .walk import walk_lesson


def check_file(path: str | Path, read: ReadLesson | None = None) -> tuple[Lesson | None, list[Problem]]:
    """The lesson when ``path`` is fit to open (warnings aside), and every problem found.

    ``read``: what ``read_lesson(path)`` returned, when the caller has read it already."""
    source, lesson, problems = read if read is not None else read_lesson(path)
    if lesson is None or source is None:
        return None, problems
    too_costly = cost_problems(lesson)
    if too_costly:
        return None, problems + place(too_costly, source.text)
    walked = walk_problems(lesson)
    if walked:
        return None, problems + place(walked, source.text)
    return lesson, problems


def walk_problems(lesson: Lesson) -> list[Problem]:
    """What the headless walk finds wrong with an (already statically valid) lesson."""
    if shipped_walks.walked_before(lesson.digest):
        return []
    problems = walk_lesson(lesson).problems
    if not problems and lesson.digest:
        walk_cache.remember_pass(lesson.digest)
    return problems


def refuse_unless_it_opens(lesson: Lesson) -> None:
    """Raise LessonError when ``validate`` would refuse this lesson (it came from the
    lesson list, which runs only the static checks)."""
    problems = cost_problems(lesson) or walk_problems(lesson)
    if problems:
        source, _ = read_source(lesson.path) if lesson.path else (None, [])
        raise LessonError(lesson.path or lesson.id, place(problems, source.text) if source else problems)
