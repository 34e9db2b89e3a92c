"""The progress file on disk: its schema, opening it, and what to do when it is not usable.

Schema version 2 keys every row by learner. A version-1 file (one learner,
no learner column) is migrated in place, its rows given to the login name.
A file that is not a progress file (damaged, or a database of someone
else's) is renamed aside and a fresh one started; a file that cannot be
written (read-only folder, full disk, held locked) is read into memory, so
the learner still sees their progress. ``open_progress`` says which
happened in ``Opened.warning``.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .learners import login_name

FILE_NAME = "progress.sqlite3"
SCHEMA_VERSION = 2
OPEN_BUSY_TIMEOUT_S = 1.0  # opening may wait for another process's migration; before the UI draws

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS lesson (
        learner    TEXT NOT NULL,
        lesson_id  TEXT NOT NULL,
        step       INTEGER NOT NULL DEFAULT 0,  -- the step shown last (0-based)
        furthest   INTEGER NOT NULL DEFAULT 0,  -- the furthest step ever reached
        completed  INTEGER NOT NULL DEFAULT 0,
        last_visit REAL,                        -- seconds since the epoch
        PRIMARY KEY (learner, lesson_id))""",
    """CREATE TABLE IF NOT EXISTS quiz (
        learner       TEXT NOT NULL,
        lesson_id     TEXT NOT NULL,
        quiz_id       TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        right_answers INTEGER NOT NULL DEFAULT 0,
        first_correct INTEGER,                  -- the first attempt was right; NULL: not known (migrated)
        last_correct  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (learner, lesson_id, quiz_id))""",
    """CREATE TABLE IF NOT EXISTS learner (
        name        TEXT PRIMARY KEY,
        last_lesson TEXT,
        last_seen   REAL)""",
)
COLUMNS = {
    "lesson": {"learner", "lesson_id", "step", "furthest", "completed", "last_visit"},
    "quiz": {"learner", "lesson_id", "quiz_id", "attempts", "right_answers", "first_correct", "last_correct"},
    "learner": {"name", "last_lesson", "last_seen"},
}
VERSION_1_COLUMNS = {
    "lesson": {"lesson_id", "step", "furthest", "completed", "last_visit"},
    "quiz": {"lesson_id", "quiz_id", "attempts", "correct", "last_correct"},
    "meta": {"key", "value"},
}
# Version 1 kept "ever right", not the first attempt: the first is known only when
# the quiz was never right (it was wrong) or tried once.
_MIGRATE_FROM_1 = (
    "ALTER TABLE lesson RENAME TO lesson_v1",
    "ALTER TABLE quiz RENAME TO quiz_v1",
    *SCHEMA,
    "INSERT INTO lesson SELECT :learner, lesson_id, step, furthest, completed, last_visit FROM lesson_v1",
    "INSERT INTO quiz SELECT :learner, lesson_id, quiz_id, attempts, correct, "
    "CASE WHEN correct = 0 THEN 0 WHEN attempts = 1 THEN 1 END, last_correct FROM quiz_v1",
    "INSERT INTO learner (name, last_lesson) SELECT :learner, value FROM meta WHERE key = 'last_lesson'",
    "DROP TABLE lesson_v1",
    "DROP TABLE quiz_v1",
    "DROP TABLE meta",
)


class ForeignFile(sqlite3.DatabaseError):
    """A sound SQLite file that is not an nntutor progress file."""


class NewerFile(sqlite3.DatabaseError):
    """A progress file written by a newer nntutor: read nothing, change nothing."""


@dataclass
class Opened:
    conn: sqlite3.Connection
    path: Path | None  # None: nothing is saved (memory or a read-only snapshot)
    warning: str | None = None
    read_only: bool = False
    reopen: Path | None = None  # a file that could not be written for now (full, locked): try it again later


def open_progress(home: Path, busy_timeout_s: float) -> Opened:
    """Open the store in ``home``, never failing: the worst case is a store in memory."""
    path = home / FILE_NAME
    try:
        home.mkdir(parents=True, exist_ok=True)
        return Opened(connect(path, busy_timeout_s, OPEN_BUSY_TIMEOUT_S), path)
    except (ForeignFile, NewerFile) as exc:
        if isinstance(exc, NewerFile):
            return _in_memory(f"{path} was written by a newer nntutor ({exc}); it is left as it is")
        return _fresh_after_moving(
            path, home, busy_timeout_s, f"{path} is not an nntutor progress file ({exc})", "foreign"
        )
    except sqlite3.OperationalError as exc:
        return _read_only(path, home, reason(exc))
    except sqlite3.DatabaseError as exc:
        return _fresh_after_moving(path, home, busy_timeout_s, f"the progress file was damaged ({exc})", "damaged")
    except OSError as exc:
        return _read_only(path, home, exc.strerror or str(exc))


def _fresh_after_moving(path: Path, home: Path, busy_timeout_s: float, what: str, tag: str) -> Opened:
    moved = move_aside(path, tag)
    if moved is None:
        return _in_memory(f"{what} and cannot be moved aside")
    try:
        opened = Opened(connect(path, busy_timeout_s, OPEN_BUSY_TIMEOUT_S), path)
    except (sqlite3.Error, OSError) as again:
        return _in_memory(f"{what}; it was moved to {moved}, but a fresh one cannot be started in {home} ({again})")
    opened.warning = f"{what}; it was moved to {moved} and a fresh one started"
    return opened


def _in_memory(reason: str) -> Opened:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _prepare(conn)
    return Opened(conn, None, f"{reason}; progress is kept for this session only")


def _read_only(path: Path, home: Path, reason: str) -> Opened:
    """The file exists but cannot be written: show what it holds from a copy in memory.

    In a read-only place this session's changes stay in the copy. Otherwise
    (a full disk, a lock held for long) ``reopen`` asks the store to try the
    file again and save them there.
    """
    if not path.is_file():
        return _in_memory(f"cannot save progress in {home} ({reason})")
    snapshot = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    for query in ("mode=ro", "mode=ro&immutable=1"):  # immutable: a WAL file whose folder cannot hold its -shm
        try:
            source = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
            try:
                source.backup(snapshot)
            finally:
                source.close()
            _prepare(snapshot)
            break
        except sqlite3.Error:
            continue
    else:
        snapshot.close()
        return _in_memory(f"cannot save progress in {home} ({reason}), and {path} cannot be read either")
    if not (os.access(home, os.W_OK) and os.access(path, os.W_OK)):
        return Opened(
            snapshot,
            None,
            f"progress in {home} is read-only: it is shown, but what you do in this session is not saved",
            read_only=True,
        )
    return Opened(
        snapshot,
        None,
        f"progress in {home} cannot be written now ({reason}): it is shown, and what "
        "you do is kept and saved once it can be",
        read_only=True,
        reopen=path,
    )


def connect(path: Path, busy_timeout_s: float, open_timeout_s: float) -> sqlite3.Connection:
    """Open (creating if needed), bring the schema up to date, and prove the file sound."""
    conn = sqlite3.connect(path, timeout=open_timeout_s, isolation_level=None, check_same_thread=False)
    try:
        _kind(conn)  # a file that is not ours is refused before anything in it changes
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode, NORMAL syncs at checkpoints only: a commit survives the process being
        # killed (it is in the WAL, written), and no commit waits for the disk on the UI thread.
        conn.execute("PRAGMA synchronous = NORMAL")
        _prepare(conn)
        (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {verdict}")
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection) -> None:
    """Create the tables of a new file, migrate a version-1 file, refuse anything else.

    What the file holds is decided again inside the write transaction: two
    processes opening one old file at once must not both migrate it.
    """
    if _kind(conn) == "current":
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        statements = {"empty": SCHEMA, "version 1": _MIGRATE_FROM_1, "current": ()}[_kind(conn)]
        for sql in statements:
            conn.execute(sql, {"learner": login_name()})
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _kind(conn: sqlite3.Connection) -> str:
    """ "current", "empty" or "version 1"; ForeignFile or NewerFile for anything else.

    Read in one transaction: between two separate reads another process may
    migrate the file, and a version-0 file with version-2 tables looks foreign.
    """
    if conn.in_transaction:
        return _classify(conn)
    conn.execute("BEGIN")
    try:
        return _classify(conn)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # it only read


def _classify(conn: sqlite3.Connection) -> str:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = _tables(conn)
    if version == SCHEMA_VERSION and _has_columns(tables, COLUMNS):
        return "current"
    if version > SCHEMA_VERSION:
        raise NewerFile(f"schema version {version}; this nntutor knows {SCHEMA_VERSION}")
    if version == 0 and not tables:
        return "empty"
    if version == 0 and tables.keys() == VERSION_1_COLUMNS.keys() and _has_columns(tables, VERSION_1_COLUMNS):
        return "version 1"
    raise ForeignFile(f"schema version {version}, tables: {', '.join(sorted(tables)) or 'none'}")


def _tables(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {name: {row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))} for name in names}


def _has_columns(tables: dict[str, set[str]], wanted: dict[str, set[str]]) -> bool:
    return all(wanted[name] <= tables.get(name, set()) for name in wanted)


def reason(exc: sqlite3.Error) -> str:
    """Words for why a write did not happen, from SQLite's primary error code."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    words = {
        sqlite3.SQLITE_BUSY: "the progress file is locked by another program",
        sqlite3.SQLITE_LOCKED: "the progress file is locked by another program",
        sqlite3.SQLITE_FULL: "the disk is full",
        sqlite3.SQLITE_READONLY: "the progress file is read-only",
        sqlite3.SQLITE_IOERR: "the disk reported an error",
        sqlite3.SQLITE_CANTOPEN: "the progress file cannot be opened",
        sqlite3.SQLITE_PERM: "no permission to write the progress file",
    }.get(code)
    return words or str(exc)


def move_aside(path: Path, tag: str) -> Path | None:
    """Rename an unusable store (and its WAL files) with a timestamp; None if that fails."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError:
        return None
    return target
