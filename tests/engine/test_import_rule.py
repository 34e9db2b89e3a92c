"""engine and curriculum never import a UI library (checked in a fresh interpreter)."""

import subprocess
import sys

import pytest

UI_MODULES = ("textual", "rich", "plotext", "textual_plotext")


@pytest.mark.parametrize("package", ["nntutor.engine", "nntutor.trace"])
def test_package_imports_no_ui_library(package):
    code = f"import sys, {package}; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({UI_MODULES!r})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
