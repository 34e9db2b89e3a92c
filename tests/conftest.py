"""Shared by every test folder: this file puts tests/ on sys.path, so helper
modules here (worked_example.py) import by name."""

import pytest


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    """No test writes to the real user data folder (progress, the walked-lessons cache);
    subprocesses inherit the variable. A folder's own conftest may point it elsewhere."""
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path_factory.mktemp("nntutor-home")))
