"""Saved progress: kept, shared safely between processes, never fatal."""

import multiprocessing
import sqlite3

from nntutor.curriculum import ProgressStore, default_home
from nntutor.curriculum.progress import FILE_NAME


def test_progress_survives_a_restart(tmp_path):
    with ProgressStore(tmp_path) as store:
        assert store.saving and store.warning is None
        store.visit("loss", 3)
        store.visit("loss", 1)  # stepped back: resume at 1, furthest stays 3
        store.record_quiz("loss", "loss-350", False)
        store.record_quiz("loss", "loss-350", True)
        store.record_quiz("loss", "slope-350", False)
        store.complete("neuron")
    with ProgressStore(tmp_path) as store:
        loss = store.lesson("loss")
        assert (loss.step, loss.furthest, loss.completed) == (1, 3, False)
        assert loss.last_visit is not None
        assert loss.quizzes["loss-350"].attempts == 2 and loss.quizzes["loss-350"].correct
        assert loss.quizzes["loss-350"].first_correct is False  # wrong, then right on the retry
        assert loss.quizzes["slope-350"].attempts == 1 and not loss.quizzes["slope-350"].correct
        assert store.lesson("neuron").completed
        assert store.last_lesson() == "loss"
        assert not store.lesson("backprop").started


def test_the_first_attempt_is_kept_and_later_ones_counted(tmp_path):
    with ProgressStore(tmp_path) as store:
        store.record_quiz("loss", "right-away", True)
        store.record_quiz("loss", "right-away", False)  # asked again on a revisit
        store.record_quiz("loss", "on-retry", False)
        store.record_quiz("loss", "on-retry", True)
        store.record_quiz("loss", "on-retry", True)
    with ProgressStore(tmp_path) as store:
        quizzes = store.lesson("loss").quizzes
    right_away, on_retry = quizzes["right-away"], quizzes["on-retry"]
    assert (right_away.first_correct, right_away.attempts, right_away.right_answers) == (True, 2, 1)
    assert not right_away.last_correct
    assert (on_retry.first_correct, on_retry.attempts, on_retry.right_answers) == (False, 3, 2)
    assert on_retry.last_correct


def test_forget_starts_a_lesson_over(tmp_path):
    with ProgressStore(tmp_path) as store:
        store.visit("loss", 4)
        store.record_quiz("loss", "a", True)
        store.forget("loss")
        assert store.lesson("loss") == store.lesson("never-seen").__class__("loss")
        store.record_quiz("loss", "a", False)
        assert store.lesson("loss").quizzes["a"].first_correct is False  # a first try again


def test_home_comes_from_nntutor_home(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "elsewhere"))
    assert default_home() == tmp_path / "elsewhere"
    with ProgressStore() as store:
        store.visit("neuron", 0)
    assert (tmp_path / "elsewhere" / FILE_NAME).is_file()


def _hammer(home: str, worker: int, rounds: int, learner: str = "ada") -> None:
    # Opening while the other process holds the lock may be said as a warning
    # (the UI waits at most 50 ms); what was waiting is saved by close.
    store = ProgressStore(home, learner=learner)
    try:
        for i in range(rounds):
            store.record_quiz("loss", "shared", i % 2 == 0)
            store.record_quiz("loss", f"own-{worker}", True)
            store.visit("loss", i)
    finally:
        lost = store.close()
    assert lost == 0, store.problem


def _run_at_once(hammers: list[tuple]) -> list[int | None]:
    """Run ``_hammer`` in one process per argument tuple, all at once; their exit codes."""
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_hammer, args=args) for args in hammers]
    for p in workers:
        p.start()
    for p in workers:
        p.join(120)
    return [p.exitcode for p in workers]


def test_two_processes_writing_at_once_lose_no_update(tmp_path):
    rounds = 300
    assert _run_at_once([(str(tmp_path), w, rounds) for w in range(2)]) == [0, 0]
    with ProgressStore(tmp_path, learner="ada") as store:
        progress = store.lesson("loss")
    assert progress.quizzes["shared"].attempts == 2 * rounds
    assert progress.quizzes["shared"].right_answers == rounds
    assert progress.quizzes["own-0"].attempts == rounds and progress.quizzes["own-1"].attempts == rounds
    assert progress.furthest == rounds - 1


def test_two_learners_in_one_shared_home_write_at_once_and_stay_apart(tmp_path):
    rounds = 200
    assert _run_at_once([(str(tmp_path), 0, rounds, name) for name in ("ada", "grace")]) == [0, 0]
    with ProgressStore(tmp_path, learner="teacher") as store:
        assert store.learners() == ["ada", "grace"]
        for name in ("ada", "grace"):
            progress = store.lesson("loss", name)
            assert progress.quizzes["shared"].attempts == rounds and progress.quizzes["own-0"].attempts == rounds
            assert progress.furthest == rounds - 1
        assert store.lesson("loss").quizzes == {}  # the teacher's own progress is empty


def test_a_damaged_store_is_moved_aside_and_a_fresh_one_started(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database, just some bytes " * 100)
    with ProgressStore(tmp_path) as store:
        assert store.saving
        assert "damaged" in store.warning and f"moved to {tmp_path / FILE_NAME}.damaged-" in store.warning
        store.visit("neuron", 2)
        assert store.lesson("neuron").step == 2
    aside = list(tmp_path.glob(f"{FILE_NAME}.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    with ProgressStore(tmp_path) as store:
        assert store.warning is None and store.lesson("neuron").step == 2


def test_a_store_damaged_inside_is_caught_too(tmp_path):
    with ProgressStore(tmp_path) as store:
        for i in range(200):
            store.record_quiz("loss", f"q{i}", True)
    path = tmp_path / FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096:] = b"\x07" * (len(data) - 4096)  # scribble over every page after the first
    path.write_bytes(bytes(data))
    with ProgressStore(tmp_path) as store:
        assert store.saving and "damaged" in (store.warning or "")
        store.record_quiz("loss", "q0", True)
        assert store.lesson("loss").quizzes["q0"].attempts == 1


def test_an_unwritable_place_runs_without_saving(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with ProgressStore(blocker / "nntutor") as store:
        assert not store.saving
        assert "progress is kept for this session only" in store.warning
        store.visit("neuron", 1)
        store.record_quiz("neuron", "z", True)
        assert store.lesson("neuron").step == 1 and store.lesson("neuron").quizzes["z"].correct
        assert store.last_lesson() == "neuron"


def test_list_shows_each_lesson_with_its_progress(tmp_path, monkeypatch):
    import io

    from nntutor.curriculum import run_list

    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    with ProgressStore() as store:
        store.visit("loss", 2)
        store.record_quiz("loss", "guess-a", True)
        store.record_quiz("loss", "loss-350", False)
        store.record_quiz("loss", "loss-350", True)  # right on the second try: not counted
        store.complete("neuron")
    out, err = io.StringIO(), io.StringIO()
    assert run_list(out, err) == 0
    lines = {line.split()[0]: line for line in out.getvalue().splitlines()}
    assert lines["neuron"].split()[:3] == ["neuron", "The", "neuron"]
    assert lines["neuron"].endswith("done, 0/5 right first try")
    assert lines["loss"].endswith("step 3 of 10, 1/10 right first try")
    assert lines["backprop"].endswith("not started")
    assert err.getvalue() == ""
