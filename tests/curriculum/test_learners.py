"""Learners: whose progress a row is, a version-1 file migrated in place, `nntutor progress` and `reset`."""

import csv
import io
import json
import sqlite3

import pytest
from progress_processes import LockHolder, open_at_once

from nntutor.cli import main
from nntutor.curriculum import ProgressStore
from nntutor.curriculum.learners import FALLBACK_NAME, LearnerNameError, default_learner, login_name
from nntutor.curriculum.progress import FILE_NAME
from nntutor.curriculum.report import printable, run_reset

VERSION_1 = """
CREATE TABLE lesson (lesson_id TEXT PRIMARY KEY, step INTEGER NOT NULL DEFAULT 0,
    furthest INTEGER NOT NULL DEFAULT 0, completed INTEGER NOT NULL DEFAULT 0, last_visit REAL);
CREATE TABLE quiz (lesson_id TEXT NOT NULL, quiz_id TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    correct INTEGER NOT NULL DEFAULT 0, last_correct INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (lesson_id, quiz_id));
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO lesson VALUES ('loss', 4, 6, 0, 1700000000.0), ('neuron', 2, 2, 1, 1700000100.0);
INSERT INTO quiz VALUES ('loss', 'once-right', 1, 1, 1), ('loss', 'never-right', 3, 0, 0),
    ('loss', 'right-later', 2, 1, 1);
INSERT INTO meta VALUES ('last_lesson', 'loss'), ('opened', '1700000200.0');
"""


def test_the_learner_comes_from_the_option_the_environment_or_the_login(monkeypatch, tmp_path):
    monkeypatch.delenv("NNTUTOR_LEARNER", raising=False)
    assert default_learner() == login_name() != ""
    monkeypatch.setenv("NNTUTOR_LEARNER", "  grace ")
    assert default_learner() == "grace"
    assert ProgressStore(tmp_path).learner == "grace"
    assert ProgressStore(tmp_path, learner="ada").learner == "ada"
    with pytest.raises(LearnerNameError):
        ProgressStore(tmp_path, learner="   ")
    monkeypatch.setattr("getpass.getuser", lambda: (_ for _ in ()).throw(OSError("no passwd entry")))
    assert login_name() == FALLBACK_NAME


def test_two_learners_in_one_home_keep_apart(tmp_path):
    with ProgressStore(tmp_path, learner="ada") as ada, ProgressStore(tmp_path, learner="grace") as grace:
        ada.visit("loss", 3)
        grace.visit("neuron", 1)
        grace.record_quiz("loss", "q", True)
        assert ada.last_lesson() == "loss" and grace.last_lesson() == "neuron"
        assert ada.lesson("loss").quizzes == {} and grace.lesson("loss").quizzes["q"].first_correct
        grace.forget_all()
        assert ada.lesson("loss").step == 3 and not grace.lesson("neuron").started


def test_a_version_1_file_is_migrated_in_place_for_the_login_name(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_LEARNER", "someone-else")
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.executescript(VERSION_1)
    conn.close()
    with ProgressStore(tmp_path, learner=login_name()) as store:
        assert store.warning is None and store.saving
        loss = store.lesson("loss")
        assert (loss.step, loss.furthest, loss.completed, loss.last_visit) == (4, 6, False, 1700000000.0)
        assert store.lesson("neuron").completed and store.last_lesson() == "loss"
        once, never, later = (loss.quizzes[q] for q in ("once-right", "never-right", "right-later"))
        assert (once.first_correct, once.attempts) == (True, 1)
        assert (never.first_correct, never.attempts, never.correct) == (False, 3, False)
        assert later.first_correct is None and later.correct  # not known which try was right
        store.record_quiz("loss", "right-later", False)
        assert store.lesson("loss").quizzes["right-later"].attempts == 3
    assert not list(tmp_path.glob(f"{FILE_NAME}.*-2*"))  # nothing moved aside
    with ProgressStore(tmp_path, learner="someone-else") as store:
        assert not store.lesson("loss").started and store.learners() == [login_name()]


def test_processes_opening_one_old_file_at_once_migrate_it_once(tmp_path):
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.executescript(VERSION_1)
    conn.close()
    said = open_at_once(tmp_path, ["ada", "grace", "linus", "barbara"])
    # Each saved everything by its close (0 lost). One that met the migrating process's lock past the UI's
    # short wait says so at the start (under load, a migration can outlast that wait); nothing else.
    assert all(line.endswith(" 0") for line in said), said
    assert all(line == "None 0" or "locked by another program" in line for line in said), said
    with ProgressStore(tmp_path, learner=login_name()) as store:
        assert store.lesson("loss").step == 4 and len(store.lesson("loss").quizzes) == 3
        assert sorted(store.learners()) == sorted(["ada", "grace", "linus", "barbara", login_name()])


def test_an_old_file_locked_at_start_is_shown_and_migrated_once_the_lock_is_gone(tmp_path):
    conn = sqlite3.connect(tmp_path / FILE_NAME)
    conn.executescript(VERSION_1)
    conn.close()
    holder = LockHolder(tmp_path / FILE_NAME)  # another program writing for longer than the start waits
    with ProgressStore(tmp_path, learner=login_name()) as store:
        assert "cannot be written now (the progress file is locked by another program)" in store.warning
        assert store.lesson("loss").step == 4  # shown from a migrated copy in memory
        store.visit("loss", 5)
        assert store.pending == 1 and "locked" in store.problem
        holder.release()
        assert store.retry() and store.saving
    with ProgressStore(tmp_path, learner=login_name()) as store:
        assert store.warning is None
        assert (store.lesson("loss").step, store.lesson("loss").furthest) == (5, 6)
        assert len(store.lesson("loss").quizzes) == 3


def _progress(args, monkeypatch, home):
    monkeypatch.setenv("NNTUTOR_HOME", str(home))
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    code = main(args)
    return code, out.getvalue(), err.getvalue()


def _class_of_two(home):
    with ProgressStore(home, learner="ada") as ada:
        ada.visit("loss", 2)
        ada.record_quiz("loss", "guess-a", True)
        ada.record_quiz("loss", "loss-350", False)
        ada.record_quiz("loss", "loss-350", True)
        ada.complete("neuron")
    with ProgressStore(home, learner="evil\x1b]0;PWN\x07\u202e") as evil:
        evil.visit("backprop", 0)


def test_progress_shows_every_learner_in_each_format(tmp_path, monkeypatch):
    _class_of_two(tmp_path)
    code, table, err = _progress(["progress"], monkeypatch, tmp_path)
    assert code == 0 and err == ""
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["LEARNER", "LESSON", "WHERE"]
    assert any(line.split()[:6] == ["ada", "loss", "step", "3", "of", "10"] and "1 of 10" in line for line in lines)
    assert any(line.split()[:3] == ["ada", "neuron", "done"] for line in lines)
    assert any(line.startswith("evil\\x1b]0;PWN\\x07\\u202e  backprop  step 1 of ") for line in lines)
    assert "\x1b" not in table and "\x07" not in table and "\u202e" not in table

    code, text, _ = _progress(["progress", "--format", "json"], monkeypatch, tmp_path)
    rows = {(row["learner"], row["lesson"]): row for row in json.loads(text)}
    assert code == 0 and text.isascii()
    loss = rows["ada", "loss"]
    assert (loss["step"], loss["steps"], loss["asked"], loss["right_first_try"], loss["quizzes"]) == (3, 10, 2, 1, 10)
    assert rows["evil\x1b]0;PWN\x07\u202e", "backprop"]["status"] == "in progress"

    code, text, _ = _progress(["progress", "--format", "csv"], monkeypatch, tmp_path)
    records = list(csv.DictReader(io.StringIO(text)))
    assert code == 0 and "\x1b" not in text
    assert {(r["learner"], r["lesson"], r["status"]) for r in records} == {
        ("ada", "loss", "in progress"),
        ("ada", "neuron", "done"),
        ("evil\\x1b]0;PWN\\x07\\u202e", "backprop", "in progress"),
    }


def test_progress_with_nothing_saved_says_so(tmp_path, monkeypatch):
    code, out, _ = _progress(["progress"], monkeypatch, tmp_path)
    assert code == 0 and out == "no progress saved yet\n"


def test_reset_clears_one_lesson_or_all_of_one_learner(tmp_path, monkeypatch):
    _class_of_two(tmp_path)
    code, out, _ = _progress(["reset", "loss", "--learner", "ada", "--yes"], monkeypatch, tmp_path)
    assert code == 0 and out == "cleared the progress of ada in lesson loss\n"
    with ProgressStore(tmp_path, learner="ada") as store:
        assert not store.lesson("loss").started and store.lesson("neuron").completed
    code, out, _ = _progress(["reset", "--learner", "evil\x1b]0;PWN\x07\u202e", "--yes"], monkeypatch, tmp_path)
    assert code == 0 and out == "cleared all the progress of evil\\x1b]0;PWN\\x07\\u202e (1 lesson)\n"
    with ProgressStore(tmp_path, learner="ada") as store:
        assert store.learners() == ["ada"]
    code, out, _ = _progress(["reset", "loss", "--learner", "ada", "--yes"], monkeypatch, tmp_path)
    assert code == 0 and "nothing to clear" in out
    code, _, err = _progress(["reset", "--learner", ""], monkeypatch, tmp_path)
    assert code == 2 and "cannot be empty" in err


def _ctrl_d(question):
    raise EOFError


def test_reset_asks_first_when_someone_can_answer(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    _class_of_two(tmp_path)
    questions = []
    out, err = io.StringIO(), io.StringIO()
    assert run_reset(None, "ada", False, out, err, ask=lambda q: questions.append(q) or "n") == 1
    assert questions == ["Clear all the progress of ada (2 lessons)? [y/N] "] and out.getvalue() == "nothing cleared\n"
    with ProgressStore(tmp_path, learner="ada") as store:
        assert store.lesson("loss").started
    assert run_reset(None, "ada", False, out, err, ask=_ctrl_d) == 1  # end of input: no
    assert run_reset(None, "ada", False, out, err, ask=lambda q: "y") == 0
    with ProgressStore(tmp_path, learner="ada") as store:
        assert not store.lesson("loss").started


def test_a_reset_that_cannot_be_saved_says_so(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = _progress(["reset", "--yes"], monkeypatch, blocker)
    assert code == 1 and "nothing can be cleared" in err


def test_printable_escapes_controls_and_bidi_only():
    assert printable("Grâce Ådå") == "Grâce Ådå"
    assert printable("a\x1b[2Jb\x9bc\u2066d\n") == "a\\x1b[2Jb\\x9bc\\u2066d\\n"


def test_progress_and_the_list_count_a_playground_goal_apart_from_the_quizzes(tmp_path, monkeypatch):
    """A goal met is saved beside the quiz answers; it is not a quiz answered right (the report said 2 of 2)."""
    from nntutor.curriculum.commands import describe_progress
    from nntutor.curriculum.goal import goal_quiz_id
    from nntutor.curriculum.loader import find_lesson

    lesson = find_lesson("playground-spiral")
    first, *others = (quiz.id for quiz in lesson.quizzes)
    n = len(lesson.quizzes)
    goal_step = next(i for i, step in enumerate(lesson.steps) if step.action.do == "playground")
    with ProgressStore(tmp_path, learner="ada") as ada:
        ada.visit(lesson.id, 3)
        ada.record_quiz(lesson.id, first, True)
        for other in others:
            ada.record_quiz(lesson.id, other, False)
            ada.record_quiz(lesson.id, other, True)
        ada.record_quiz(lesson.id, goal_quiz_id(goal_step), True)
        listed = describe_progress(lesson, ada.lesson(lesson.id))
    assert listed.endswith(f"1/{n} right first try, playground goal met"), listed

    code, text, _ = _progress(["progress", "--format", "json"], monkeypatch, tmp_path)
    (row,) = json.loads(text)
    assert code == 0
    assert (row["quizzes"], row["asked"], row["right_first_try"]) == (n, n, 1)
    assert (row["goals"], row["goals_met"]) == (1, 1)
    code, table, _ = _progress(["progress"], monkeypatch, tmp_path)
    assert f"1 of {n}, goal met 1 of 1" in table, table
