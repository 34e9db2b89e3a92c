"""What `nntutor validate` prints: FILE:LINE:COL for every problem it can place, or a JSON list an editor can read."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nntutor.curriculum import run_validate

REPO = Path(__file__).resolve().parents[2]
PLAIN = REPO / "tests" / "hostile" / "files" / "plain-base.toml"
KEYS = {"file", "line", "column", "field", "message", "severity"}


def _lesson(folder: Path, name: str = "a.toml", **swaps: tuple[str, str]) -> Path:
    """The plain hostile-corpus lesson, the first ``old`` of each ``(old, new)`` swapped, written to ``folder/name``."""
    text = PLAIN.read_text(encoding="utf-8")
    for old, new in swaps.values():
        assert old in text
        text = text.replace(old, new, 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _validate(*paths, fmt="text") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_validate([str(p) for p in paths], out, err, fmt)
    return code, out.getvalue()


def _broken(tmp_path: Path) -> Path:
    """A lesson with three problems in its first quiz: a missing key, an indented wrong value, an escape sequence."""
    return _lesson(
        tmp_path,
        question=('question = "What is the loss?"\n', ""),
        tolerance=("relative_tolerance = 0.5", '    relative_tolerance = "x"'),
        hint=('hint = "Square the miss."', 'hint = "Square \\u001b[2J the miss."'),
    )


def test_text_gives_line_and_column_of_each_problem(tmp_path):
    path = _broken(tmp_path)
    code, out = _validate(path)
    assert code == 1
    assert sorted(out.splitlines()) == sorted(
        [
            f"{path}:37:1: steps[2].quizzes[0].question: missing (this field is required)",  # its table
            f'{path}:41:5: steps[2].quizzes[0].relative_tolerance: expected a number, got text "x"',  # the key
            f"{path}:42:16: steps[2].quizzes[0].hint: may not hold control characters or bidi overrides "
            "(only newline and tab); found U+001B (ESC) at character 8",  # the escape itself
        ]
    )


def test_json_holds_the_same_problems_with_their_places(tmp_path):
    path = _broken(tmp_path)
    code, out = _validate(path, fmt="json")
    assert code == 1
    problems = json.loads(out)
    assert all(set(p) == KEYS and p["file"] == str(path) and p["severity"] == "error" for p in problems)
    places = sorted((p["line"], p["column"], p["field"]) for p in problems)
    assert places == [
        (37, 1, "steps[2].quizzes[0].question"),
        (41, 5, "steps[2].quizzes[0].relative_tolerance"),
        (42, 16, "steps[2].quizzes[0].hint"),
    ]
    assert any(p["message"] == 'expected a number, got text "x"' for p in problems)


def test_json_for_clean_files_warnings_and_unplaced_problems(tmp_path):
    clean = _lesson(tmp_path, "clean.toml")
    assert _validate(clean, fmt="json") == (0, "[]\n")
    warned = _lesson(
        tmp_path,
        "warned.toml",
        q=('question = "What is the loss?"', 'question = "Roughly what is the loss?"'),
        tol=("relative_tolerance = 0.5", "relative_tolerance = 0.01"),
    )
    code, out = _validate(warned, fmt="json")
    assert code == 0  # a warning alone still passes
    [warning] = json.loads(out)
    assert (warning["severity"], warning["line"], warning["column"]) == ("warning", 42, 1)
    assert warning["field"] == "steps[2].quizzes[0].relative_tolerance"
    untitled = _lesson(tmp_path, "untitled.toml", title=('title = "Hostile"\n', ""))
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = _validate(untitled, empty, fmt="json")
    assert code == 1
    assert json.loads(out) == [  # folders are looked into first
        {
            "file": str(empty),
            "line": None,
            "column": None,
            "field": None,
            "message": "no lesson files (*.toml) in this folder",
            "severity": "error",
        },
        {
            "file": str(untitled),
            "line": None,  # a missing top-level key has no place to point at
            "column": None,
            "field": "title",
            "message": "missing (this field is required)",
            "severity": "error",
        },
    ]


def test_a_key_written_as_a_table_is_placed_on_its_header(tmp_path):
    path = _lesson(tmp_path, network=("[network]", "  [netwrk]"))
    code, out = _validate(path)
    assert code == 1
    assert f'{path}:6:3: netwrk: unknown key (did you mean "network"?)' in out


def test_a_bad_network_value_blames_no_step(tmp_path):
    path = _lesson(tmp_path, lr=("lr = 0.001", 'lr = "fast"'))  # step 2 starts a labelled new run (reset = true)
    assert _validate(path) == (1, f'{path}:10:1: network.lr: expected a number, got text "fast"\n')


def test_a_misspelt_quiz_kind_is_reported_alone(tmp_path):
    path = _lesson(tmp_path, kind=('kind = "number"', 'kind = "numbr"'))  # the quiz has a relative_tolerance
    code, out = _validate(path)
    assert code == 1
    assert out.splitlines() == [
        f'{path}:38:1: steps[2].quizzes[0].kind: expected one of "number", "choice", "direction", '
        'got text "numbr" (did you mean "number"?)'
    ]


def test_a_duplicate_id_is_placed_on_its_line(tmp_path):
    _lesson(tmp_path, "a.toml")
    second = _lesson(tmp_path, "b.toml")
    code, out = _validate(tmp_path)
    assert code == 1
    assert out.splitlines() == [
        f'{second}:2:1: id: "plain-base" is already used by a.toml; each lesson needs its own id'
    ]


HOSTILE_NAME = 'evil\x1b]0;PWN\x07"\n\u202e.toml'


@pytest.mark.skipif(sys.platform == "win32", reason="control characters in file names need a POSIX file system")
def test_a_hostile_file_name_is_escaped_in_text_and_a_plain_json_string(tmp_path):
    path = _lesson(tmp_path, HOSTILE_NAME, hint=('hint = "Square the miss."', "hint = 5"))
    run = [sys.executable, "-m", "nntutor.cli", "validate"]
    text = subprocess.run([*run, str(path)], capture_output=True, text=True, timeout=60)
    assert text.returncode == 1
    assert text.stdout == (
        f'{tmp_path}/evil\\x1b]0;PWN\\x07"\\x0a\\u202e.toml:43:1: steps[2].quizzes[0].hint: expected text, got 5\n'
    )
    as_json = subprocess.run([*run, "--format", "json", str(path)], capture_output=True, text=True, timeout=60)
    assert as_json.returncode == 1
    assert as_json.stdout.isascii()  # nothing for a terminal to obey, even printed raw
    [problem] = json.loads(as_json.stdout)
    assert problem["file"] == str(path)  # the real name: an editor can open it
    assert Path(problem["file"]).exists()


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a byte-name file system")
def test_a_file_name_that_is_not_utf8_is_written_escaped_in_json(tmp_path):
    path = _lesson(tmp_path, os.fsdecode(b"bad\xff.toml"), hint=('hint = "Square the miss."', "hint = 5"))
    code, out = _validate(path, fmt="json")
    assert code == 1
    [problem] = json.loads(out)
    assert problem["file"] == f"{tmp_path}/bad\\xff.toml"
