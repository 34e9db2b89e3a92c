import sys
from pathlib import Path

import pytest

# The UI tests' helpers (make_app, screen_text) serve these tests too.
sys.path.insert(0, str(Path(__file__).parent.parent / "ui"))


@pytest.fixture(autouse=True)
def private_progress(tmp_path, monkeypatch):
    """Keep saved progress out of the user's data folder; render the same whatever the terminal says."""
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
