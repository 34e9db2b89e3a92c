"""Other processes that use a progress file: one that holds its write lock, one that is killed mid-write.

They run as plain ``python -c`` processes that import the progress store
alone (the curriculum package would load numpy and the lessons: 0.35 s a
process), so a test can start and kill several of them quickly.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from nntutor.curriculum import progress

_IMPORT_STORE_ALONE = f"""
import sys, types
package = types.ModuleType("nntutor.curriculum")
package.__path__ = [{str(Path(progress.__file__).parent)!r}]
sys.modules["nntutor.curriculum"] = package
from nntutor.curriculum.progress import ProgressStore, FILE_NAME
"""

_WRITER = (
    _IMPORT_STORE_ALONE
    + """
home, run = sys.argv[1], sys.argv[2]
store = ProgressStore(home, learner="writer")
print("ready", flush=True)
i = 0
while True:
    store.record_quiz("kill", f"{run}-{i}", True)
    if store.pending == 0:
        print(i, flush=True)  # acknowledged: record_quiz returned with nothing waiting
    i += 1
"""
)

_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


_OPENER = (
    _IMPORT_STORE_ALONE
    + """
sys.stdin.readline()  # all start together
store = ProgressStore(sys.argv[1], learner=sys.argv[2])
store.visit("opened", 1)  # may wait in memory while the others hold the lock
print(repr(store.warning), store.close(), flush=True)  # close() saves it: the number it could not save
"""
)


def open_at_once(home: Path, learners: list[str]) -> list[str]:
    """Open the store in ``home`` from one process per learner at the same moment; what each said."""
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", _OPENER, str(home), name], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for name in learners
    ]
    for opener in openers:
        opener.stdin.write("go\n")
        opener.stdin.flush()
    return [opener.communicate(timeout=30)[0].strip() for opener in openers]


class LockHolder:
    """Another process holding the write lock of the progress file until ``release()``."""

    def __init__(self, path: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.communicate("\n", timeout=10)


def kill_writers(home: Path, kills: int, seed: int = 0) -> tuple[int, int]:
    """Start a writer, kill -9 it after a random moment, ``kills`` times; (answers acknowledged, answers lost)."""
    rng = random.Random(seed)
    acknowledged: list[str] = []
    for run in range(kills):
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(home), str(run)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=10)
        assert writer.returncode == -signal.SIGKILL
        acknowledged += [f"{run}-{line}" for line in out.split()]
    with progress.ProgressStore(home, learner="writer") as store:
        saved = store.lesson("kill").quizzes
    lost = [quiz for quiz in acknowledged if quiz not in saved or saved[quiz].attempts != 1]
    return len(acknowledged), len(lost)
