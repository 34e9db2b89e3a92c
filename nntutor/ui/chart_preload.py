"""The charts' modules, plotext above all, loaded in a thread while a lesson waits for the learner.

The lesson screen builds its charts only when they first show, so that plotext
(about 60-150 ms to import on this machine) stays out of the time to the lesson
screen. Left at that, the learner's first `c` paid for the import. Once the
lesson screen has drawn, `preload_charts()` imports the charts in a daemon
thread instead; a `c` pressed before it is done waits for the rest of it (the
import lock), never for a second import.
"""

from __future__ import annotations

import sys
import threading
from importlib import import_module

CHARTS_MODULE = "nntutor.ui.charts"

_started = threading.Event()


def preload_charts() -> None:
    """Start importing the charts in a thread, once per process (a no-op once they are loaded)."""
    if _started.is_set() or CHARTS_MODULE in sys.modules:
        return
    _started.set()
    threading.Thread(target=_import_charts, name="nntutor-chart-preload", daemon=True).start()


def _import_charts() -> None:
    try:
        import_module(CHARTS_MODULE)
    except Exception:  # noqa: BLE001 - said where it matters: the UI thread's own import raises it again
        pass
