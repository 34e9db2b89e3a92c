"""The package as a packager and a user see it: installed packages, version, help, license, sdist."""

import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_on_disk_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "nntutor").rglob("__init__.py")}
    assert on_disk <= listed, sorted(on_disk - listed)
    assert "nntutor.lessons" in listed and config["tool"]["setuptools"]["package-dir"]["nntutor.lessons"] == "lessons"


def _nntutor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nntutor", *args], capture_output=True, text=True, timeout=60)


def test_version_is_the_installed_distributions():
    result = _nntutor("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"nntutor {metadata.version('nntutor')}"


def test_top_level_help_lists_every_subcommand_with_what_it_does():
    from nntutor.cli import COMMANDS

    result = _nntutor("--help")
    assert result.returncode == 0, result.stderr
    for name, text in COMMANDS.items():
        assert re.search(rf"^  {re.escape(name)} +{re.escape(text)}$", result.stdout, re.MULTILINE), name
    for name in COMMANDS:  # and each of them answers --help
        assert _nntutor(name, "--help").returncode == 0, name


def test_license_metadata_is_an_spdx_expression_with_its_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert config["license"] == "MIT" and config["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert not [c for c in config["classifiers"] if c.startswith("License ::")]  # PEP 639: the expression alone


def test_runtime_dependencies_have_no_upper_caps():
    """A cap makes pip refuse a newer library for everyone. The ones with a reason (see
    pyproject.toml): Textual's (the footer reads an unexported class's attributes; the terminal driver
    writes to its Linux driver's private output file, hence to 8.2.x), textual-plotext's
    (the charts call two private methods of its render), the web
    extra's (its server builds on textual-serve's internals) and the linters' in the test extra
    (a newer ruff or mypy may find new problems in an unchanged tree)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert [dep for dep in config["dependencies"] if "<" in dep] == ["textual>=8.2,<8.3", "textual-plotext>=1.0,<2"]
    capped = {dep for deps in config["optional-dependencies"].values() for dep in deps if "<" in dep}
    assert {re.match(r"[\w-]+", dep)[0] for dep in capped} == {"textual-serve", "ruff", "mypy"}


def _build(kind: str, tmp_path: Path) -> Path:
    """Build with the backend pyproject.toml names, as `python -m build` would, from a copy of this
    tree (the backend writes into the tree it builds; CI runs several suites side by side)."""
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    source = tmp_path / f"source-{kind}"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv*", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache", "build", "dist", ".ci-*"
        ),
    )
    script = f"from {backend['build-backend']} import build_{kind}; print(build_{kind}({str(tmp_path)!r}))"
    built = subprocess.run([sys.executable, "-c", script], cwd=source, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr[-2000:]
    return tmp_path / built.stdout.strip().splitlines()[-1]


def test_the_wheel_carries_the_lessons_and_the_docs_nntutor_docs_prints(tmp_path):
    with zipfile.ZipFile(_build("wheel", tmp_path)) as wheel:
        names = set(wheel.namelist())
    docs = {f"nntutor/docs/{path.name}" for path in (ROOT / "docs").glob("*.md")}
    shipped = {"nntutor/lessons/README.md", "nntutor/lessons/01-neuron.toml", "nntutor/lessons/lesson.schema.json"}
    assert shipped | {"nntutor/web/name_page.html"} <= names
    assert docs and docs <= names, sorted(docs - names)


def test_nntutor_docs_prints_the_lesson_reference_and_every_guide():
    listing = _nntutor("docs")
    assert listing.returncode == 0, listing.stderr
    for topic in ["lessons", "schema", *(path.stem for path in (ROOT / "docs").glob("*.md"))]:
        assert re.search(rf"^  {re.escape(topic)} +\S", listing.stdout, re.MULTILINE), topic
    schema = _nntutor("docs", "schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"] == "nntutor lesson"
    lessons = _nntutor("docs", "lessons")
    assert lessons.returncode == 0 and lessons.stdout == (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    unknown = _nntutor("docs", "no-such-topic")
    assert unknown.returncode == 2 and "topics: lessons" in unknown.stderr


def test_the_sdist_carries_the_docs_tests_license_and_lessons(tmp_path):
    with tarfile.open(_build("sdist", tmp_path)) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
        pkg_info = sdist.extractfile(f"{sdist.getnames()[0].split('/')[0]}/PKG-INFO").read().decode()
    tracked = {
        "LICENSE",
        "README.md",
        "pyproject.toml",
        "lessons/README.md",
        "lessons/01-neuron.toml",
        "docs/trace.md",
        "tests/test_packaging.py",
        "tests/conftest.py",
        "nntutor/cli.py",
    }
    assert tracked <= names, sorted(tracked - names)
    assert {str(path.relative_to(ROOT)) for path in (ROOT / "docs").rglob("*.md")} <= names
    assert any(name.startswith("tests/ui/__snapshots__/") for name in names)
    assert not [name for name in names if "__pycache__" in name]
    assert "License-Expression: MIT" in pkg_info and "License-File: LICENSE" in pkg_info
