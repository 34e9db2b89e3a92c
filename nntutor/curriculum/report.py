"""`nntutor progress` and `nntutor reset`: every learner's progress for the teacher, and clearing it.

Learner names and lesson ids come from a shared file anyone in the class can
write to: every text printed is escaped (nothing unprintable reaches the
terminal), and JSON is ASCII-only.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import asdict, dataclass
from typing import TextIO

from .learners import LearnerNameError
from .loader import load_lessons
from .progress import LessonProgress, ProgressStore
from .scores import lesson_score

RESET_WAIT_S = 5.0  # a command line may wait for another process's lock longer than the UI


@dataclass(frozen=True)
class ProgressRow:
    learner: str
    lesson: str
    status: str  # "done", "in progress"
    step: int  # 1-based, the step shown last
    steps: int | None  # None: the lesson is not among the lessons found
    furthest: int  # 1-based
    quizzes: int | None
    asked: int
    right_first_try: int
    first_try_unknown: int  # answered before first tries were kept (counted by whether ever answered right)
    last_visit: str  # local time, "" if never visited
    goals: int  # playground goals (a step's task checked on the learner's network)
    goals_met: int


def add_subcommands(sub, helps: dict[str, str]) -> None:
    """The `progress` and `reset` subcommands, for the CLI's parser (``helps``: their one-line help)."""
    p = sub.add_parser("progress", help=helps["progress"])
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="how to print it")
    r = sub.add_parser("reset", help=helps["reset"])
    r.add_argument("lesson", nargs="?", help="the lesson id to clear (default: every lesson)")
    r.add_argument("--learner", help="whose progress (default: $NNTUTOR_LEARNER, else the login name)")
    r.add_argument("--yes", action="store_true", help="clear without asking")


def printable(text: str) -> str:
    """``text`` with every unprintable character (controls, bidi overrides) written as an escape."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def progress_rows(store: ProgressStore) -> list[ProgressRow]:
    lessons = {lesson.id: lesson for lesson in load_lessons()[0]}
    rows = []
    for learner in store.learners():
        for lesson_id in store.lesson_ids(learner):
            rows.append(_row(learner, store.lesson(lesson_id, learner), lessons.get(lesson_id)))
    return rows


def _row(learner: str, progress: LessonProgress, lesson) -> ProgressRow:
    score = lesson_score(lesson, progress)
    visit = time.strftime("%Y-%m-%d %H:%M", time.localtime(progress.last_visit)) if progress.started else ""
    return ProgressRow(
        learner,
        progress.lesson_id,
        "done" if progress.completed else "in progress",
        progress.step + 1,
        len(lesson.steps) if lesson else None,
        progress.furthest + 1,
        score.quizzes,
        score.asked,
        score.right_first_try,
        score.first_try_unknown,
        visit,
        score.goals,
        score.goals_met,
    )


def run_progress(fmt: str, out: TextIO, err: TextIO) -> int:
    try:
        with ProgressStore() as store:
            if store.warning:
                print(f"note: {printable(store.warning)}", file=err)
            rows = progress_rows(store)
    except LearnerNameError as exc:
        print(f"nntutor progress: $NNTUTOR_LEARNER: {exc}", file=err)
        return 2
    if fmt == "json":
        json.dump([asdict(row) for row in rows], out, indent=1, ensure_ascii=True)
        print(file=out)
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ProgressRow.__dataclass_fields__)
        for row in rows:
            writer.writerow(printable(str(value)) if value is not None else "" for value in asdict(row).values())
    else:
        _table(rows, out)
    return 0


def _table(rows: list[ProgressRow], out: TextIO) -> None:
    if not rows:
        print("no progress saved yet", file=out)
        return
    lines = [("LEARNER", "LESSON", "WHERE", "RIGHT FIRST TRY", "LAST VISIT")]
    for row in rows:
        where = "done" if row.status == "done" else f"step {row.step} of {row.steps or '?'}"
        right = f"{row.right_first_try} of {row.quizzes if row.quizzes is not None else '?'}"
        if row.first_try_unknown:
            right += f" ({row.first_try_unknown} saved before first tries were kept)"
        if row.goals:
            right += f", goal{'s' * (row.goals > 1)} met {row.goals_met} of {row.goals}"
        lines.append((printable(row.learner), printable(row.lesson), where, right, row.last_visit))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]) - 1)]
    for line in lines:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1], file=out
        )


def run_reset(lesson_id: str | None, learner: str | None, yes: bool, out: TextIO, err: TextIO, ask=None) -> int:
    """Clear one lesson's or all of a learner's progress; ``ask(question) -> answer`` when a person can answer."""
    try:
        store = ProgressStore(learner=learner)
    except LearnerNameError as exc:
        print(f"nntutor reset: {'--learner' if learner is not None else '$NNTUTOR_LEARNER'}: {exc}", file=err)
        return 2
    with store:
        who = printable(store.learner)
        if not store.saving:
            print(f"nntutor reset: nothing can be cleared: {printable(store.warning or '')}", file=err)
            return 1
        held = store.lesson_ids(store.learner)
        if lesson_id is not None and lesson_id not in held:
            print(f"{who} has no progress in lesson {printable(lesson_id)}: nothing to clear", file=out)
            return 0
        if not held:
            print(f"{who} has no progress: nothing to clear", file=out)
            return 0
        if lesson_id is not None:
            what = f"the progress of {who} in lesson {printable(lesson_id)}"
        else:
            what = f"all the progress of {who} ({len(held)} lesson{'s' if len(held) != 1 else ''})"
        if not yes and ask is not None:
            try:
                answer = ask(f"Clear {what}? [y/N] ")
            except (EOFError, KeyboardInterrupt):  # ctrl+d or ctrl+c: no
                answer = ""
                print(file=out)
            if answer.strip().lower() not in ("y", "yes"):
                print("nothing cleared", file=out)
                return 1
        store.forget(lesson_id) if lesson_id is not None else store.forget_all()
        if store.close(wait_s=RESET_WAIT_S):
            print(f"nntutor reset: not cleared: {printable(store.problem or 'unknown')}", file=err)
            return 1
    print(f"cleared {what}", file=out)
    return 0
