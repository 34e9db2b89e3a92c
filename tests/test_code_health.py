"""ruff (lint and format) and mypy over the code, as pyproject.toml configures them.

Not clean yet, so deselected by default: `pytest -m health` runs them and
shows what each still finds (install them with `pip install '.[lint]'`).
When all three pass, drop the marker so that they guard every run.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.health


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install '.[lint]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_no_problem():
    done = _run("ruff", "check", "--statistics", ".")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]


def test_every_file_is_formatted_as_ruff_formats_it():
    done = _run("ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]


def test_mypy_finds_no_type_error():
    done = _run("mypy")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
