"""Hostile paths given to `validate`, `new-lesson`, `list` and `nntutor PATH` in a real process:
a clean line each (escaped, no traceback) and the right exit status."""

import os
import shutil
import subprocess
import sys

from hostile import FILES


def nntutor(*args, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "nntutor.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def _clean(result) -> None:
    assert "Traceback" not in result.stderr
    assert all(line.isprintable() for line in (result.stdout + result.stderr).splitlines())


def test_validate_odd_paths(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    long_name = tmp_path / ("x" * 300 + ".toml")
    evil = tmp_path / "evil\x1b]0;PWN\x07.toml"
    shutil.copy(FILES / "osc-title-in-title.toml", evil)
    result = nntutor("validate", str(fifo), str(long_name), str(evil), "/dev/zero")
    _clean(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{fifo}: is a pipe (FIFO), not a regular file",
        f"{long_name}: the file name is too long for this system",
        f"{tmp_path}/evil\\x1b]0;PWN\\x07.toml:3:11: title: may not hold control characters or bidi overrides "
        "(only newline and tab); found U+001B (ESC) at character 2",
        "/dev/zero: is a device, not a regular file",
    ]


def test_opening_a_fifo_or_a_hostile_file_is_one_line_and_status_1(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for path, words in (
        (fifo, "is a pipe (FIFO)"),
        (FILES / "bidi-override-in-hint.toml", "U+202E"),
        (FILES / "check-with-no-reveal.toml", "has no value when the step begins"),
    ):
        result = nntutor(str(path))
        _clean(result)
        assert result.returncode == 1 and len(result.stderr.splitlines()) == 1 and words in result.stderr


def test_new_lesson_with_a_hostile_name_echoes_it_escaped(tmp_path):
    result = nntutor("new-lesson", "evil\x1b]0;PWN\x07", cwd=tmp_path)
    _clean(result)
    assert result.returncode == 0 and "evil\\x1b]0;PWN\\x07.toml" in result.stdout
    again = nntutor("new-lesson", "evil\x1b]0;PWN\x07", cwd=tmp_path)
    _clean(again)
    assert again.returncode == 1 and again.stderr.startswith("evil\\x1b]0;PWN\\x07.toml: already exists")
    too_long = nntutor("new-lesson", "y" * 300, cwd=tmp_path)
    _clean(too_long)
    assert too_long.returncode == 1 and "cannot be written" in too_long.stderr


def test_list_escapes_a_hostile_data_folder_in_its_note(tmp_path):
    home = tmp_path / "home\x1b[2J"
    home.write_text("not a folder")  # the progress store cannot live here: list says so, escaped
    result = nntutor("list", env=dict(os.environ, NNTUTOR_HOME=str(home)))
    _clean(result)
    assert "\x1b" not in result.stdout + result.stderr and "home\\x1b[2J" in result.stdout + result.stderr


def test_ctrl_c_before_the_tutor_takes_the_keys_ends_quietly(tmp_path):
    """Until the tutor puts the terminal in raw mode (well under a second), ctrl+c is a SIGINT: it
    ends the command with the shell's code for it, and no traceback."""
    interrupted_at_start = (
        "import os, signal, sys\n"
        "from nntutor import cli\n"
        "started = cli.main\n"
        "def main():\n"
        "    os.kill(os.getpid(), signal.SIGINT)  # as ctrl+c typed while the tutor starts\n"
        "    return started()\n"
        "cli.main = main\n"
        "sys.argv = ['nntutor', 'backprop']\n"
        "sys.exit(cli.entry_point())\n"
    )
    env = {**os.environ, "NNTUTOR_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-c", interrupted_at_start], capture_output=True, text=True, env=env, timeout=60
    )
    assert (result.returncode, result.stderr) == (130, "")
