"""The shipped lessons that passed the headless walk, listed with nntutor itself.

Opening a lesson for the first time walks it (``check.walk_problems``), which
trains, and took up to 3 s before the first frame of the larger lessons on a
fresh install. The lessons that come with nntutor are walked by its test
suite instead, and the digests of the files that passed ship beside them in
``walked.json``: a shipped file is walked at opening only if its bytes have
changed. Beside them, ``walked.json`` lists what the lesson list shows of each
shipped lesson, by digest too (``listing.py``: the list's first frame reads no
TOML). ``tests/curriculum/test_shipped_walks.py`` walks every shipped lesson
and fails when the file is out of date; in a source checkout, regenerate it with

    python -c "from nntutor.curriculum.shipped_walks import write_list; write_list()"
"""

from __future__ import annotations

import json
from functools import cache

from . import walk_cache
from .loader import lesson_files, load_lesson, shipped_lessons_dir

FILE_NAME = "walked.json"


@cache
def _shipped_file() -> dict:
    """The shipped ``walked.json`` (empty when it is missing or unreadable)."""
    try:
        found = json.loads((shipped_lessons_dir() / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


@cache
def shipped_digests() -> frozenset[str]:
    """The digests of the shipped lessons that passed the walk (none when the file says none)."""
    try:
        return frozenset(str(digest) for digest in _shipped_file()["passed"])
    except (KeyError, TypeError):
        return frozenset()


def shipped_listing() -> dict:
    """What the lesson list shows of each shipped lesson, by the digest of its file (see listing.py)."""
    listed = _shipped_file().get("listed")
    return listed if isinstance(listed, dict) else {}


def walked_when_shipped(digest: str) -> bool:
    return digest in shipped_digests()


def walked_before(digest: str) -> bool:
    """Whether the file of this digest passed the walk before (shipped so, or remembered in the
    data folder): opening it walks nothing. Loads neither the walk nor numpy."""
    return bool(digest) and (walked_when_shipped(digest) or walk_cache.passed(digest))


def current_list() -> dict:
    """What ``walked.json`` should hold: the digest of every shipped lesson whose walk passes now,
    and the lesson list's entry of every shipped lesson, by digest."""
    from .listing import ListedLesson
    from .walk import walk_lesson

    passed = []
    listed = {}
    for path in lesson_files(shipped_lessons_dir()):
        lesson = load_lesson(path)
        listed[lesson.digest] = ListedLesson.of(lesson, path).entry()
        if not walk_lesson(lesson).problems:
            passed.append(lesson.digest)
    about = (
        "sha256 of the shipped lesson files whose headless walk passed, and the lesson list's entry of each "
        "shipped file by its sha256 (nntutor.curriculum.shipped_walks, listing)"
    )
    return {"about": about, "passed": sorted(passed), "listed": dict(sorted(listed.items()))}


def write_list() -> None:
    """Rewrite ``walked.json`` beside the shipped lessons (run in a source checkout)."""
    (shipped_lessons_dir() / FILE_NAME).write_text(json.dumps(current_list(), indent=2) + "\n", encoding="utf-8")
