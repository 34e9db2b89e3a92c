"""The tutor imports its modules with the garbage collector paused, then freezes what they made
(nntutor/lifelong.py): the collector must run again afterwards, or a lesson's garbage would pile
up for as long as the tutor runs. Each check runs in a fresh interpreter."""

import subprocess
import sys


def _run(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def test_after_the_apps_modules_load_the_collector_runs_and_skips_what_they_made():
    enabled, frozen, loaded = _run(
        "import gc, sys\n"
        "already = gc.get_freeze_count()\n"
        "from nntutor.lifelong import import_for_good\n"
        "import_for_good('nntutor.ui.app')\n"
        "print(gc.isenabled(), gc.get_freeze_count() - already, 'nntutor.ui.app' in sys.modules)\n"
    )
    assert (enabled, loaded) == ("True", "True")
    assert int(frozen) > 10_000  # Textual's modules and the tutor's


def test_modules_loaded_already_freeze_nothing_and_a_paused_collector_stays_paused():
    enabled, frozen = _run(
        "import gc\n"
        "already = gc.get_freeze_count()\n"  # 375 at the start of Python 3.12.1, 0 on 3.11 and 3.13
        "import nntutor.ui.app\n"
        "from nntutor.lifelong import import_for_good\n"
        "import_for_good('nntutor.ui.app')\n"
        "frozen = gc.get_freeze_count() - already\n"
        "gc.disable()\n"
        "import_for_good('nntutor.ui.session')\n"
        "print(gc.isenabled(), frozen)\n"
    )
    assert (enabled, frozen) == ("False", "0")
