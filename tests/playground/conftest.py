import pytest


@pytest.fixture(autouse=True)
def private_progress(tmp_path, monkeypatch):
    """Keep saved progress out of the user's data folder; render the same whatever the terminal says."""
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
