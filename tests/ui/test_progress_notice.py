"""A progress write that cannot be saved is said on screen at once, and again when it is saved."""

import sqlite3

from ui_helpers import make_app, screen_text

from nntutor.curriculum.progress import FILE_NAME


def toasts(screen: str) -> str:
    """The words of the notifications on screen (the boxes on the right, edged with ▌), as one line."""
    return " ".join(line.rsplit("▌", 1)[1].strip() for line in screen.splitlines() if "▌" in line)


async def test_a_locked_progress_file_is_said_on_screen_and_its_recovery_too(tmp_path, monkeypatch):
    monkeypatch.setattr("nntutor.ui.app.PROGRESS_RETRY_S", 0.1)
    app = make_app("backprop", home=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        other = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)  # another program's lock
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("]")
        await pilot.pause()
        said = toasts(screen_text(app))
        assert "Progress not saved: the progress file is locked by another program. Kept in memory; retrying." in said
        assert app.store.pending == 1 and app.store.lesson("backprop").step == 1
        other.execute("ROLLBACK")
        for _ in range(20):
            await pilot.pause(0.05)
            if app.store.pending == 0:
                break
        await pilot.pause()
        assert app.store.pending == 0 and "Progress is saved again." in toasts(screen_text(app))
        other.close()
    with app.store.__class__(tmp_path) as store:
        assert store.lesson("backprop").step == 1
