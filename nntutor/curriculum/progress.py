"""Saved progress: where each learner left each lesson, what they completed, how they answered.

Kept in SQLite in the user's data folder (or ``$NNTUTOR_HOME``), one file
that several nntutor processes and several learners may share (a class on
one server): WAL mode, and single-statement upserts that count in SQL, so no
update is lost. Opening never fails (see ``progress_file``); ``warning``
says once what went wrong there.

The store is written from the UI thread, so a write never waits long: if the
file is locked by another process for more than ``BUSY_TIMEOUT_S``, or the
disk is full, the write is kept in memory (reads still see it) and tried
again, in order, with the next write or when the UI calls ``retry()``.
``problem`` says why writes are waiting (None when all is saved) and
``on_problem`` is called each time that changes; ``close()`` makes a last,
longer attempt and returns how many writes it could not save.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .learners import check_learner_name, default_learner
from .progress_file import COLUMNS, FILE_NAME, SCHEMA, connect, open_progress, reason

__all__ = ["FILE_NAME", "LessonProgress", "ProgressStore", "QuizProgress", "default_home"]

BUSY_TIMEOUT_S = 0.05  # the longest one write waits for another process's lock (on the UI thread)
CLOSE_WAIT_S = 2.0  # the last attempt to save, at exit

Op = tuple[tuple[str, tuple], ...]  # statements that belong together, applied in one transaction


def default_home() -> Path:
    """``$NNTUTOR_HOME`` if set, else the platform's per-user data folder."""
    env = os.environ.get("NNTUTOR_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("nntutor"))


@dataclass(frozen=True)
class QuizProgress:
    attempts: int = 0
    right_answers: int = 0
    first_correct: bool | None = None  # None: not known (progress saved before first tries were kept)
    last_correct: bool = False

    @property
    def correct(self) -> bool:
        """Answered right at least once."""
        return self.right_answers > 0


@dataclass(frozen=True)
class LessonProgress:
    lesson_id: str
    step: int = 0
    furthest: int = 0
    completed: bool = False
    last_visit: float | None = None
    quizzes: dict[str, QuizProgress] = field(default_factory=dict)

    @property
    def started(self) -> bool:
        return self.last_visit is not None


class ProgressStore:
    def __init__(
        self, home: str | Path | None = None, learner: str | None = None, busy_timeout_s: float = BUSY_TIMEOUT_S
    ):
        """Open the progress in ``home`` of ``learner`` (default: ``$NNTUTOR_LEARNER`` or the login name)."""
        self.learner = check_learner_name(learner) if learner is not None else default_learner()
        opened = open_progress(Path(home) if home is not None else default_home(), busy_timeout_s)
        self._conn = opened.conn
        self.path = opened.path
        self.warning = opened.warning
        self.read_only = opened.read_only
        self._reopen = opened.reopen  # the file to try again before the next save (None: nothing to try)
        self.problem: str | None = None
        self.on_problem: Callable[[str | None], Any] | None = None
        self._busy_timeout_s = busy_timeout_s
        self._pending: list[Op] = []
        self._overlay: sqlite3.Connection | None = None  # disk rows of this learner + pending writes
        self._lock = threading.RLock()
        self._closed = False

    @property
    def saving(self) -> bool:
        """False when progress lives in memory only (it is lost on exit)."""
        return self.path is not None

    @property
    def pending(self) -> int:
        """Writes not saved yet (kept in memory, retried)."""
        return len(self._pending)

    # -- writing -------------------------------------------------------------

    def visit(self, lesson_id: str, step: int = 0) -> None:
        """The learner is at ``step`` of a lesson now (also the lesson to resume)."""
        now = time.time()
        self._write(
            (
                (
                    "INSERT INTO lesson (learner, lesson_id, step, furthest, last_visit) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET step = excluded.step, "
                    "furthest = MAX(furthest, excluded.step), last_visit = excluded.last_visit",
                    (self.learner, lesson_id, step, step, now),
                ),
                (
                    "INSERT INTO learner (name, last_lesson, last_seen) VALUES (?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET last_lesson = excluded.last_lesson, last_seen = excluded.last_seen",
                    (self.learner, lesson_id, now),
                ),
            )
        )

    def complete(self, lesson_id: str) -> None:
        self._write(
            (
                (
                    "INSERT INTO lesson (learner, lesson_id, completed, last_visit) VALUES (?, ?, 1, ?) "
                    "ON CONFLICT DO UPDATE SET completed = 1, last_visit = excluded.last_visit",
                    (self.learner, lesson_id, time.time()),
                ),
            )
        )

    def record_quiz(self, lesson_id: str, quiz_id: str, correct: bool) -> None:
        """One attempt at a quiz, at the moment of answering; the first attempt's verdict is kept."""
        right = int(bool(correct))
        self._write(
            (
                (
                    "INSERT INTO quiz (learner, lesson_id, quiz_id, attempts, right_answers, first_correct, "
                    "last_correct) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO UPDATE SET attempts = attempts + 1, "
                    "right_answers = right_answers + excluded.right_answers, last_correct = excluded.last_correct",
                    (self.learner, lesson_id, quiz_id, right, right, right),
                ),
            )
        )

    def forget(self, lesson_id: str) -> None:
        """Start a lesson over: drop its progress and quiz results."""
        self._write(
            (
                ("DELETE FROM quiz WHERE learner = ? AND lesson_id = ?", (self.learner, lesson_id)),
                ("DELETE FROM lesson WHERE learner = ? AND lesson_id = ?", (self.learner, lesson_id)),
            )
        )

    def forget_all(self) -> None:
        """Drop everything this learner did."""
        self._write(
            tuple(
                (f"DELETE FROM {table} WHERE {key} = ?", (self.learner,))
                for table, key in (("quiz", "learner"), ("lesson", "learner"), ("learner", "name"))
            )
        )

    def retry(self, wait_s: float | None = None) -> bool:
        """Try again to save what is waiting (waiting at most ``wait_s`` for a lock); True when all is saved."""
        with self._lock:
            if not self._pending or self._closed:
                return not self._pending
            if wait_s is None:
                return self._flush()
            self._conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
            try:
                return self._flush()
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000)}")

    # -- reading -------------------------------------------------------------

    def lesson(self, lesson_id: str, learner: str | None = None) -> LessonProgress:
        who = self.learner if learner is None else learner
        row = self._query(
            "SELECT step, furthest, completed, last_visit FROM lesson WHERE learner = ? AND lesson_id = ?",
            (who, lesson_id),
            who,
        )
        quizzes = {
            quiz: QuizProgress(attempts, right, None if first is None else bool(first), bool(last))
            for quiz, attempts, right, first, last in self._query(
                "SELECT quiz_id, attempts, right_answers, first_correct, last_correct FROM quiz "
                "WHERE learner = ? AND lesson_id = ?",
                (who, lesson_id),
                who,
            )
        }
        if not row:
            return LessonProgress(lesson_id, quizzes=quizzes)
        step, furthest, completed, last_visit = row[0]
        return LessonProgress(lesson_id, step, furthest, bool(completed), last_visit, quizzes)

    def last_lesson(self) -> str | None:
        rows = self._query("SELECT last_lesson FROM learner WHERE name = ?", (self.learner,), self.learner)
        return rows[0][0] if rows else None

    def learners(self) -> list[str]:
        """Everyone with progress in this file, this store's learner included."""
        rows = self._query(
            "SELECT learner FROM lesson UNION SELECT learner FROM quiz UNION SELECT name FROM learner", (), None
        )
        return sorted({name for (name,) in rows} | ({self.learner} if self._pending else set()))

    def lesson_ids(self, learner: str) -> list[str]:
        rows = self._query(
            "SELECT lesson_id FROM lesson WHERE learner = ? UNION SELECT lesson_id FROM quiz WHERE learner = ?",
            (learner, learner),
            learner,
        )
        return sorted(lesson_id for (lesson_id,) in rows)

    # -- closing -------------------------------------------------------------

    def close(self, wait_s: float = CLOSE_WAIT_S) -> int:
        """Save what is waiting (waiting up to ``wait_s`` for a lock), close; the number of writes lost."""
        with self._lock:
            if self._closed:
                return len(self._pending)
            self.retry(wait_s)
            self._closed = True
            self.on_problem = None  # whoever listened is going too; a later write is still counted in pending
            self._drop_overlay()
            self._conn.close()
            return len(self._pending)

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- plumbing ------------------------------------------------------------

    def _write(self, op: Op) -> None:
        with self._lock:
            self._pending.append(op)
            if self._closed:  # a write after close (a screen still leaving): said, not lost without a word
                self._set_problem("the progress store was already closed")
                return
            if self._overlay is not None:
                _apply(self._overlay, op)
            self._flush()

    def _flush(self) -> bool:
        """Save every waiting write, oldest first, in one transaction; on failure keep them all."""
        if self._reopen is not None and not self._reopened():
            return False
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for op in self._pending:
                _apply(conn, op)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            try:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the connection rolls back on its own when it cannot
            self._set_problem(reason(exc))
            return False
        self._pending.clear()
        self._drop_overlay()
        self._set_problem(None)
        return True

    def _reopened(self) -> bool:
        """Open the file that could not be written at start; from now on progress is saved there."""
        assert self._reopen is not None
        try:
            conn = connect(self._reopen, self._busy_timeout_s, self._busy_timeout_s)
        except sqlite3.Error as exc:
            self._set_problem(reason(exc))
            return False
        except OSError as exc:
            self._set_problem(exc.strerror or str(exc))
            return False
        self._conn.close()  # the copy in memory: its rows are in the file, the session's are pending
        self._drop_overlay()
        self._conn, self.path, self._reopen, self.read_only = conn, self._reopen, None, False
        return True

    def _query(self, sql: str, args: tuple, learner: str | None) -> list[tuple]:
        """Rows from the file, with this learner's unsaved writes laid over them."""
        with self._lock:
            if self._closed:
                return []
            conn = self._overlay_conn() if self._pending and learner == self.learner else self._conn
            try:
                rows = conn.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                self._set_problem(f"progress could not be read ({reason(exc)})")
                return []
            if not self._pending:
                self._set_problem(None)
            return rows

    def _overlay_conn(self) -> sqlite3.Connection:
        if self._overlay is None:
            overlay = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            for sql in SCHEMA:
                overlay.execute(sql)
            try:
                for table, key in (("lesson", "learner"), ("quiz", "learner"), ("learner", "name")):
                    columns = sorted(COLUMNS[table])
                    rows = self._conn.execute(
                        f"SELECT {', '.join(columns)} FROM {table} WHERE {key} = ?", (self.learner,)
                    ).fetchall()
                    overlay.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows
                    )
            except sqlite3.Error:
                pass  # the file cannot be read either: the unsaved writes alone
            for op in self._pending:
                _apply(overlay, op)
            self._overlay = overlay
        return self._overlay

    def _drop_overlay(self) -> None:
        if self._overlay is not None:
            self._overlay.close()
            self._overlay = None

    def _set_problem(self, problem: str | None) -> None:
        if problem != self.problem:
            self.problem = problem
            if self.on_problem is not None:
                self.on_problem(problem)


def _apply(conn: sqlite3.Connection, op: Op) -> None:
    for sql, args in op:
        conn.execute(sql, args)
