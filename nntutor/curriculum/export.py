"""Save as lesson: an experiment's setup and runs written as a lesson file.

Teachers build lessons by experimenting. The playground hands over each run
it kept (its settings, its starting weights, the epochs it trained) and this
writes a lesson that rebuilds exactly those runs: the first run's network
(with its starting weights written out) and data, then per run a ``set`` step
that starts it (from earlier runs on) and a ``train`` step with a quiz
skeleton, each with placeholder text to rewrite. Opened as a lesson, or run
with ``nntutor trace``, it gives the same numbers the playground showed for
whole epochs. The text is checked with the lesson validator before anything
is written; an existing file is never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nntutor.plaintext import one_line

from . import limits
from .lesson_builder import LessonBuilder
from .model import DataSpec, NetworkSpec
from .schema import FORMAT_VERSION
from .toml_writer import dumps


class ExportError(Exception):
    """The setup cannot be saved as a lesson; the message says why (nothing was written)."""


@dataclass(frozen=True)
class RunSetup:
    """One run of an experiment: its name, how it started, and how many whole epochs it trained."""

    label: str
    network: NetworkSpec  # weights and biases: the run's starting ones (written for the first run only)
    data: DataSpec
    epochs: int


def lesson_document(lesson_id: str, title: str, runs: list[RunSetup]) -> dict[str, Any]:
    """The lesson as nested values, ready for the TOML writer."""
    if not runs:
        raise ExportError("there is no run to save")
    first = runs[0]
    steps: list[dict[str, Any]] = [
        {
            "title": "The setup",
            "show": "network",
            "text": (
                f"(Placeholder: say what this lesson explores.) The network is "
                f"{'-'.join(map(str, first.network.layers))} with {', '.join(first.network.activations)}, "
                f"learning {_data_words(first.data)}."
            ),
        }
    ]
    for n, run in enumerate(runs, start=1):
        if n > 1:
            steps.append(_new_run_step(n, run, runs[n - 2]))
        steps.extend(_train_steps(n, run))
    return {
        "format_version": FORMAT_VERSION,
        "id": lesson_id,
        "title": title,
        "summary": "(Placeholder: one line that says what the learner will see.)",
        "network": _network_table(first.network, with_weights=True),
        "data": _data_table(first.data),
        "steps": steps,
    }


def lesson_text(lesson_id: str, title: str, runs: list[RunSetup]) -> str:
    """The lesson file's text, checked by the validator (ExportError lists what it refused)."""
    text = "# Saved from the nntutor playground. Replace the placeholder texts and questions.\n" + dumps(
        lesson_document(lesson_id, title, runs)
    )
    import tomllib

    builder = LessonBuilder(f"{lesson_id}.toml")
    if builder.lesson(tomllib.loads(text)) is None:
        first = builder.problems[0]
        more = f" (and {len(builder.problems) - 1} more)" if len(builder.problems) > 1 else ""
        raise ExportError(f"the lesson would not validate: {first.where}: {first.message}{more}")
    return text


def save_lesson(folder: str | Path, name: str, runs: list[RunSetup]) -> Path:
    """Write the lesson into `folder` (made if missing) as <id>.toml; return its path. Never overwrites."""
    lesson_id = lesson_id_from(name)
    title = one_line(name).strip()[: limits.MAX_TITLE] or "Playground experiment"  # no escapes, one line
    text = lesson_text(lesson_id, title, runs)
    folder = Path(folder).expanduser()
    path = folder / f"{lesson_id}.toml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # "x": fails if the file exists
            out.write(text)
    except FileExistsError:
        raise ExportError(f"{path} already exists; choose another name (nothing was written)") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the lesson: {exc.strerror or exc}") from None
    return path


def lesson_id_from(name: str) -> str:
    """A lesson id (lower-case letters, digits and dashes) made from a name the learner typed."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    return slug or "playground-experiment"


def _network_table(net: NetworkSpec, with_weights: bool) -> dict[str, Any]:
    table: dict[str, Any] = {
        "layers": list(net.layers),
        "activations": list(net.activations),
        "loss": net.loss,
        "lr": float(net.lr),
        "batch": net.batch,
        "seed": net.seed,
    }
    if net.l2:
        table["l2"] = float(net.l2)
    if with_weights and net.weights is not None:
        table["weights"] = [[[float(v) for v in row] for row in w] for w in net.weights]
    if with_weights and net.biases is not None:
        table["biases"] = [[float(v) for v in b] for b in net.biases]
    return table


def _data_table(data: DataSpec) -> dict[str, Any]:
    if data.dataset is None:
        inputs, targets = data.samples()
        return {"inputs": [list(map(float, r)) for r in inputs], "targets": [list(map(float, r)) for r in targets]}
    return {"dataset": data.dataset, **{k: (float(v) if isinstance(v, float) else v) for k, v in data.options}}


def _new_run_step(n: int, run: RunSetup, before: RunSetup) -> dict[str, Any]:
    """A set step that starts run n from its own settings (every one written, so nothing is inherited by accident)."""
    change = re.sub(r"^run \d+: ", "", run.label)  # the playground's labels start with the run's number
    step: dict[str, Any] = {
        "title": f"Run {n}: {change}",
        "do": "set",
        "label": run.label[: limits.MAX_LABEL],
        "text": f"(Placeholder: say what changes for run {n} ({change}) and what to watch for.)",
    }
    net = _network_table(run.network, with_weights=False)
    step.update({k: net[k] for k in ("layers", "activations", "loss", "lr", "batch", "seed")})
    step["l2"] = float(run.network.l2)
    step["data"] = _data_table(run.data)
    return step


def _train_steps(n: int, run: RunSetup) -> list[dict[str, Any]]:
    """Train steps for the run's epochs (a step trains at most MAX_EPOCHS); the quiz skeleton on the last."""
    steps = []
    left = run.epochs
    while left > 0:
        epochs = min(left, limits.MAX_EPOCHS)
        left -= epochs
        steps.append(
            {
                "title": f"Train run {n}"
                + (f" ({run.epochs - left} of {run.epochs} epochs)" if run.epochs > epochs else ""),
                "show": "loss",
                "do": "train",
                "epochs": epochs,
                "text": f"(Placeholder: what should the learner notice?) Press **t** to train {epochs} epochs.",
            }
        )
    if steps:
        last = steps[-1]["epochs"]
        steps[-1]["quizzes"] = [
            {
                "kind": "number",
                "question": f"(Placeholder question) What will the training loss be after {last} more epochs?",
                "check": "train_loss",
                "relative_tolerance": 0.5,
                "reveal": "train",
                "hint": "(Placeholder hint)",
                "explanation": "(Placeholder: why the loss ends where it does.)",
            }
        ]
    return steps


def _data_words(data: DataSpec) -> str:
    if data.dataset is None:
        return f"{len(data.samples()[0])} samples given in the file"
    options = dict(data.options)
    return f"the {data.dataset} data set ({options.get('samples', 100)} samples, noise {options.get('noise', 0.0):g})"
