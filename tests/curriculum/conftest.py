import pytest


@pytest.fixture(autouse=True)
def private_progress(tmp_path, monkeypatch):
    """Keep every test's saved progress out of the real user data folder."""
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
