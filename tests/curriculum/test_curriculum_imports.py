"""The curriculum stays free of the UI, so validate and list run where nothing can draw."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import nntutor.curriculum as c
c.load_lessons()
c.validate_file(c.shipped_lessons_dir() / "07-backprop.toml")
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "plotext") or m.startswith("nntutor.ui"))
print(",".join(ui))
"""


def test_curriculum_imports_no_ui_module():
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={"PYTHONPATH": str(REPO), "NNTUTOR_HOME": os.environ["NNTUTOR_HOME"]},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
