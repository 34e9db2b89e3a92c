"""`nntutor docs [TOPIC]`: the documentation that ships inside the package.

pipx and pip users have no source tree, so the author reference for lessons
(lessons/README.md) and the guides in docs/ are installed as package data and
printed from there.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import TextIO

from .curriculum.loader import shipped_lessons_dir


def _docs_dir() -> Path:
    """The installed ``nntutor.docs`` folder, or the repository's ``docs/`` in a source checkout."""
    spec = importlib.util.find_spec("nntutor.docs")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if Path(folder).is_dir():
            return Path(folder)
    return Path(__file__).resolve().parents[1] / "docs"


def topics() -> dict[str, Path]:
    """Each topic's name and file: "lessons" (writing lessons), "schema" (the lesson format as JSON Schema,
    for editors), then one per guide in docs/."""
    found = {"lessons": shipped_lessons_dir() / "README.md", "schema": shipped_lessons_dir() / "lesson.schema.json"}
    for path in sorted(_docs_dir().glob("*.md")):
        found.setdefault(path.stem, path)
    return found


def add_docs_parser(sub, help_text: str) -> None:
    p = sub.add_parser("docs", help=help_text, description=help_text)
    p.add_argument("topic", nargs="?", help="what to read (default: list the topics)")


def run_docs(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    available = topics()
    if args.topic is None:
        print("Topics (nntutor docs TOPIC):", file=out)
        width = max(map(len, available)) + 2
        for name, guide in available.items():
            print(f"  {name:<{width}}{_first_heading(guide)}", file=out)
        return 0
    path = available.get(args.topic)
    if path is None:
        print(f"nntutor docs: no topic {args.topic!r}; topics: {', '.join(available)}", file=err)
        return 2
    try:
        out.write(path.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"nntutor docs: cannot read {path}: {exc.strerror or exc}", file=err)
        return 1
    return 0


def _first_heading(path: Path) -> str:
    if path.suffix == ".json":
        return "The lesson format as a JSON Schema, for editors (nntutor docs schema > lesson.schema.json)"
    try:
        with path.open(encoding="utf-8") as file:
            for line in file:
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    except OSError:
        pass
    return ""
