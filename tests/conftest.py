"""Shared by every test folder: this file puts tests/ on sys.path, so helper
modules here (worked_example.py) import by name."""

import contextlib

import pytest


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    """No test writes to the real user data folder (progress, the walked-lessons cache);
    subprocesses inherit the variable. A folder's own conftest may point it elsewhere."""
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path_factory.mktemp("nntutor-home")))


@pytest.fixture(autouse=True)
def _tutor_tests_start_on_the_opened_lesson(monkeypatch):
    """NNTutorApp.run_test returns once the lesson it starts on has opened (the opening screen,
    drawn while the lesson is prepared in a thread, has given way): tests of the lesson screen
    act on it as a learner who waits for it. Tests of the opening itself call textual's own
    App.run_test(app, ...)."""
    from opened import until_opened
    from textual.app import App

    from nntutor.ui.app import NNTutorApp

    @contextlib.asynccontextmanager
    async def run_test_opened(self, *args, **kwargs):
        async with App.run_test(self, *args, **kwargs) as pilot:
            await until_opened(pilot)
            yield pilot

    monkeypatch.setattr(NNTutorApp, "run_test", run_test_opened)
