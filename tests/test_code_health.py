"""ruff (lint and format) and mypy over the code, as pyproject.toml configures them.

They run in every test run: the `test` extra installs both, at the versions
pyproject.toml pins (a new minor version of either may find new problems in
an unchanged tree, so moving to one is a change of its own).
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    assert importlib.util.find_spec(tool) is not None, f"{tool} is not installed: install the test extra ('.[test]')"
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_no_problem():
    done = _run("ruff", "check", "--statistics", ".")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]


def test_every_file_is_formatted_as_ruff_formats_it():
    done = _run("ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]


def test_mypy_finds_no_type_error():
    # One cache per interpreter: CI runs the suite on several Pythons at once
    # in this folder, and concurrent mypy runs on one cache fail ("database
    # is locked").
    cache = ROOT / ".mypy_cache" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    done = _run("mypy", "--cache-dir", str(cache))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
