"""The package list in pyproject.toml names every package, so a plain install has them all."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_on_disk_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "nntutor").rglob("__init__.py")
    }
    assert on_disk <= listed, sorted(on_disk - listed)
    assert "nntutor.lessons" in listed and config["tool"]["setuptools"]["package-dir"]["nntutor.lessons"] == "lessons"
