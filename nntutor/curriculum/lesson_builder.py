"""The lesson builder: checks one parsed lesson file against the format
(schema.py's field tables, then the checks that span fields: shapes against
layer sizes, quiz paths against the network, reveal phases against the step's
action) and builds its Lesson, collecting every problem rather than stopping
at the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .fields import describe
from .model import Lesson
from .schema import FORMAT_VERSION, TOP_FIELDS
from .schema_steps import StepChecks


class LessonBuilder(StepChecks):
    """Checks one parsed lesson file and builds its Lesson, collecting problems."""

    def lesson(self, raw: dict[str, Any], path: Path | None = None, digest: str = "") -> Lesson | None:
        version = raw.get("format_version")
        if "format_version" in raw and version != FORMAT_VERSION:
            self.error(
                "format_version",
                f"this file is written in format_version {describe(version)}; "
                f"this nntutor reads format_version {FORMAT_VERSION}",
            )
            return None
        top = self.table(raw, TOP_FIELDS, "")
        net = self.network(raw["network"]) if "network" in raw else None
        data, n_train = self.data(raw["data"], net) if "data" in raw else (None, None)
        steps = self.steps(raw["steps"], net, data, n_train) if "steps" in raw else None
        surface = self.surface(raw["surface"], net) if "surface" in raw else None
        if self.problems or net is None or data is None or steps is None:
            return None
        return Lesson(
            top["id"], top["title"], top.get("summary", ""), net, data, steps, path, FORMAT_VERSION, surface, digest
        )
