"""How long a progress write holds up the UI thread while another process locks the store.

A second process opens the same progress file and holds a write lock
(BEGIN IMMEDIATE) for ``--hold`` seconds; meanwhile this process moves
between steps and answers quizzes the way the lesson screen does (each call
on the calling thread, like the UI's). Printed: the longest and median time
of one call while the lock is held, and the same with no lock as the
baseline, the reads a lesson list makes meanwhile, then what was saved once
the lock is gone.

Target: no call longer than 100 ms.

    python benchmarks/progress_lock.py [--hold 3] [--calls 10]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from nntutor.curriculum.progress import FILE_NAME, ProgressStore

TARGET_MS = 100


def hold_lock(path: str, seconds: float, ready) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def timed_calls(store: ProgressStore, calls: int, deadline: float | None = None) -> tuple[list[float], int]:
    """Time each call (a step move or an answer, alternately); the times and the number of answers given."""
    times, answers = [], 0
    for i in range(calls):
        if deadline is not None and time.monotonic() > deadline:
            break
        start = time.perf_counter()
        if i % 2:
            store.record_quiz("loss", f"q{i}", True)
            answers += 1
        else:
            store.visit("loss", i)
        times.append(time.perf_counter() - start)
    return times, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", type=float, default=3.0, help="seconds the other process holds the lock")
    parser.add_argument("--calls", type=int, default=10, help="writes to time while it is held")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        store = ProgressStore(home)
        store.visit("loss", 0)
        free, answered = timed_calls(store, args.calls)
        ready = multiprocessing.Event()
        holder = multiprocessing.Process(target=hold_lock, args=(str(Path(home) / FILE_NAME), args.hold, ready))
        holder.start()
        ready.wait(10)
        locked_start = time.monotonic()
        locked, answered_locked = timed_calls(store, args.calls, deadline=locked_start + args.hold - 0.2)
        reads = []
        for _ in range(15):  # what the lesson list reads: one lesson's progress per lesson
            start = time.perf_counter()
            store.lesson("loss")
            reads.append(time.perf_counter() - start)
        problem = getattr(store, "problem", None)
        holder.join()
        retried = store.retry() if hasattr(store, "retry") else None
        store.close()
        with ProgressStore(home) as again:
            saved = sum(quiz.attempts for quiz in again.lesson("loss").quizzes.values())
    print(f"no lock:   median {statistics.median(free) * 1000:7.1f} ms   longest {max(free) * 1000:7.1f} ms")
    print(
        f"lock held: median {statistics.median(locked) * 1000:7.1f} ms   longest {max(locked) * 1000:7.1f} ms"
        f"   ({len(locked)} calls in {args.hold:g} s; target: longest <= {TARGET_MS} ms)"
    )
    print(f"reads while locked (unsaved writes laid over the file): longest {max(reads) * 1000:.1f} ms")
    print(f"while locked the store said: {problem!r}")
    print(f"after the lock: retry() -> {retried}; answers saved: {saved} of {answered + answered_locked}")


if __name__ == "__main__":
    main()
