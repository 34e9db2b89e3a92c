"""Every hostile lesson file is refused by `validate` with its file and field named,
or accepted and then opened and walked to the end without an error; opening
refuses exactly what `validate` refuses."""

import io
import subprocess
import sys

import pytest

from hostile import FILES, corpus, odd_files, open_headless
from nntutor.curriculum import LessonError, find_lesson, run_validate
from nntutor.plaintext import escape

CORPUS = corpus()


def _validate(path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = run_validate([str(path)], out, err)
    return code, out.getvalue().splitlines()


def _printable(text: str) -> bool:
    return all(c.isprintable() or c == "\n" for c in text)


def _judge(item) -> None:
    code, lines = _validate(item.path)
    assert all(_printable(line) for line in lines), lines
    shown = escape(str(item.path))
    if item.accepted:
        assert (code, [line for line in lines if ": warning: " not in line]) == (0, [])
        lesson = find_lesson(str(item.path))
        open_headless(lesson)
        return
    assert code == 1 and lines, f"{item.path.name} was accepted"
    assert all(line.startswith(shown + ":") for line in lines), lines
    if item.field:
        assert any(f": {escape(item.field)}: " in line for line in lines), lines
    with pytest.raises(LessonError):
        find_lesson(str(item.path))


def test_the_corpus_is_large_and_its_manifest_matches_the_folder():
    assert len(CORPUS) >= 80
    assert sorted(p.name for p in FILES.iterdir()) == sorted(item.path.name for item in CORPUS)
    assert sum(item.accepted for item in CORPUS) >= 20  # the markup and odd-text files that must open


@pytest.mark.parametrize("item", CORPUS, ids=[item.path.stem for item in CORPUS])
def test_each_file_is_refused_naming_its_field_or_opens_headless(item):
    _judge(item)


def test_files_a_repository_cannot_hold(tmp_path):
    items = odd_files(tmp_path)
    assert len(items) >= 12
    for item in items:
        _judge(item)


def test_the_validate_command_over_the_whole_corpus_in_a_real_process():
    result = subprocess.run(
        [sys.executable, "-m", "nntutor.cli", "validate", str(FILES)], capture_output=True, text=True, timeout=120
    )
    refused = sum(not item.accepted for item in CORPUS)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and _printable(result.stdout + result.stderr)
    assert result.stderr.strip().endswith(f"{len(CORPUS)} lesson files checked, {refused} with problems")


def test_two_files_with_one_id_in_a_folder_are_reported(tmp_path):
    base = (FILES / "plain-base.toml").read_bytes()
    (tmp_path / "a.toml").write_bytes(base)
    (tmp_path / "b.toml").write_bytes(base)
    code, lines = _validate(tmp_path)
    assert code == 1
    assert lines == [
        f'{tmp_path / "b.toml"}:2:1: id: "plain-base" is already used by a.toml; each lesson needs its own id'
    ]
