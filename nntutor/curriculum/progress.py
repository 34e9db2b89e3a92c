"""Saved progress: where each lesson was left, what was completed, quiz results.

Kept in SQLite in the user's data folder (or ``$NNTUTOR_HOME``). Several
nntutor processes may share it (a class on one server): WAL mode, a busy
timeout, and single-statement upserts that count in SQL mean no update is
lost. The store never stops a lesson from opening: a damaged file is moved
aside and a fresh one started; an unwritable place means progress is kept in
memory for this session only. Either way ``warning`` says so, once.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILE_NAME = "progress.sqlite3"
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lesson (
    lesson_id  TEXT PRIMARY KEY,
    step       INTEGER NOT NULL DEFAULT 0,  -- the step shown last (0-based)
    furthest   INTEGER NOT NULL DEFAULT 0,  -- the furthest step ever reached
    completed  INTEGER NOT NULL DEFAULT 0,
    last_visit REAL                         -- seconds since the epoch
);
CREATE TABLE IF NOT EXISTS quiz (
    lesson_id    TEXT NOT NULL,
    quiz_id      TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    correct      INTEGER NOT NULL DEFAULT 0,  -- ever answered right
    last_correct INTEGER NOT NULL DEFAULT 0,  -- the latest attempt was right
    PRIMARY KEY (lesson_id, quiz_id)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


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
    correct: bool = False
    last_correct: bool = False


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
    def __init__(self, home: str | Path | None = None):
        self.warning: str | None = None
        self.path: Path | None = None
        self._lock = threading.Lock()
        self._conn = self._open(Path(home) if home is not None else default_home())

    @property
    def saving(self) -> bool:
        """False when progress lives in memory only (it is lost on exit)."""
        return self.path is not None

    # -- opening -------------------------------------------------------------

    def _open(self, home: Path) -> sqlite3.Connection:
        path = home / FILE_NAME
        try:
            home.mkdir(parents=True, exist_ok=True)
            conn = _connect(path)
        except sqlite3.OperationalError as exc:
            return self._in_memory(f"cannot save progress in {home} ({exc})")
        except sqlite3.DatabaseError as exc:
            moved = _move_aside(path)
            if moved is None:
                return self._in_memory(f"the progress file {path} is damaged ({exc}) and cannot be moved aside")
            self.warning = f"the progress file was damaged ({exc}); it was moved to {moved} and a fresh one started"
            try:
                conn = _connect(path)
            except sqlite3.DatabaseError as again:
                return self._in_memory(f"cannot start a fresh progress file in {home} ({again})")
        except OSError as exc:
            return self._in_memory(f"cannot save progress in {home} ({exc.strerror or exc})")
        self.path = path
        return conn

    def _in_memory(self, reason: str) -> sqlite3.Connection:
        self.warning = f"{reason}; progress is kept for this session only"
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.executescript(_SCHEMA)
        return conn

    # -- writing -------------------------------------------------------------

    def visit(self, lesson_id: str, step: int = 0) -> None:
        """The learner is at ``step`` of a lesson now (also the lesson to resume)."""
        now = time.time()
        self._write(
            "INSERT INTO lesson (lesson_id, step, furthest, last_visit) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (lesson_id) DO UPDATE SET step = excluded.step, "
            "furthest = MAX(furthest, excluded.step), last_visit = excluded.last_visit",
            (lesson_id, step, step, now),
        )
        self._write("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_lesson', ?)", (lesson_id,))

    def complete(self, lesson_id: str) -> None:
        self._write(
            "INSERT INTO lesson (lesson_id, completed, last_visit) VALUES (?, 1, ?) "
            "ON CONFLICT (lesson_id) DO UPDATE SET completed = 1, last_visit = excluded.last_visit",
            (lesson_id, time.time()),
        )

    def record_quiz(self, lesson_id: str, quiz_id: str, correct: bool) -> None:
        """One more attempt at a quiz, counted in SQL so concurrent writers add up."""
        self._write(
            "INSERT INTO quiz (lesson_id, quiz_id, attempts, correct, last_correct) VALUES (?, ?, 1, ?, ?) "
            "ON CONFLICT (lesson_id, quiz_id) DO UPDATE SET attempts = attempts + 1, "
            "correct = MAX(correct, excluded.correct), last_correct = excluded.last_correct",
            (lesson_id, quiz_id, int(correct), int(correct)),
        )

    def forget(self, lesson_id: str) -> None:
        """Start a lesson over: drop its progress and quiz results."""
        self._write("DELETE FROM quiz WHERE lesson_id = ?", (lesson_id,))
        self._write("DELETE FROM lesson WHERE lesson_id = ?", (lesson_id,))

    # -- reading -------------------------------------------------------------

    def lesson(self, lesson_id: str) -> LessonProgress:
        row = self._read("SELECT step, furthest, completed, last_visit FROM lesson WHERE lesson_id = ?", (lesson_id,))
        quizzes = {
            q: QuizProgress(n, bool(c), bool(last))
            for q, n, c, last in self._read(
                "SELECT quiz_id, attempts, correct, last_correct FROM quiz WHERE lesson_id = ?", (lesson_id,)
            )
        }
        if not row:
            return LessonProgress(lesson_id, quizzes=quizzes)
        step, furthest, completed, last_visit = row[0]
        return LessonProgress(lesson_id, step, furthest, bool(completed), last_visit, quizzes)

    def last_lesson(self) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = 'last_lesson'", ())
        return rows[0][0] if rows else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- plumbing ------------------------------------------------------------

    def _write(self, sql: str, args: tuple) -> None:
        try:
            with self._lock:
                self._conn.execute(sql, args)
        except sqlite3.Error as exc:
            self._warn_once(f"progress could not be saved ({exc})")

    def _read(self, sql: str, args: tuple) -> list[tuple]:
        try:
            with self._lock:
                return self._conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self._warn_once(f"progress could not be read ({exc})")
            return []

    def _warn_once(self, message: str) -> None:
        if self.warning is None:
            self.warning = message


def _connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and prove the file is a sound, writable store."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(_SCHEMA)
        (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {verdict}")
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('opened', ?)", (str(time.time()),))
    except BaseException:
        conn.close()
        raise
    return conn


def _move_aside(path: Path) -> Path | None:
    """Rename a damaged store (and its WAL files) with a timestamp; None if that fails."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError:
        return None
    return target
