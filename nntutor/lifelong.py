"""Modules imported for the life of the process, kept out of the garbage collector's way.

While the tutor starts it mostly makes objects that live as long as the process (modules,
classes, their tables), yet the collector's full passes walk all of them again and again:
tens of milliseconds before a lesson shows. ``import_for_good`` imports with the collector
paused, then moves everything made so far out of its sight (``gc.freeze``: never walked, nor
collected, again) and lets it run on; what is made later is collected as usual.
"""

from __future__ import annotations

import gc
import importlib
import sys


def import_for_good(*names: str) -> None:
    """Import the modules `names` (and all they import) as described above.

    Nothing is done when all are loaded already: a lesson opened after another, or a test
    process, whose objects are not all made for good."""
    missing = [name for name in names if name not in sys.modules]
    if not missing:
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for name in missing:
            importlib.import_module(name)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
