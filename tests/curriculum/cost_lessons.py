"""Lessons sized for the cost model: one network on the xor data, one step showing one chart.

Written by tests/curriculum/test_cost.py (what the model accepts and refuses) and by
benchmarks/lesson_cost.py (what such lessons measure in the app), so both judge the same files.
"""

from __future__ import annotations

from pathlib import Path

HEAD = """format_version = 1
id = "{id}"
title = "Cost probe {id}"
summary = "How heavy is it?"

[network]
layers = {layers}
activations = {activations}
loss = "squared_error"
lr = 0.01
batch = {batch}

[data]
dataset = "xor"
samples = {samples}

[[steps]]
title = "Whole passes"
text = "Press enter for whole passes."
show = "{show}"
do = "cycle"
until = "loss"
"""


def cost_lesson_text(
    lesson_id: str, layers: list[int], samples: int, show: str = "network", batch: str = '"full"'
) -> str:
    """A lesson of ``layers`` (tanh, then a sigmoid output) on ``samples`` xor samples; ``batch``
    as written in TOML ('"full"' or a number); its layers are on line 7 (messages name that line)."""
    activations = str(["tanh"] * (len(layers) - 2) + ["sigmoid"]).replace("'", '"')
    return HEAD.format(id=lesson_id, layers=layers, activations=activations, batch=batch, samples=samples, show=show)


def write_cost_lesson(
    folder: Path,
    name: str,
    layers: list[int],
    samples: int,
    show: str = "network",
    batch: str = '"full"',
    lesson_id: str = "",
    train_epochs: int = 0,
) -> Path:
    """The lesson written to ``folder``/``name``-``samples``.toml (its id is that stem unless given);
    with ``train_epochs``, a second step trains that long (``name``-``samples``-``train_epochs``)."""
    path = Path(folder) / f"{name}-{samples}{f'-{train_epochs}' if train_epochs else ''}.toml"
    text = cost_lesson_text(lesson_id or path.stem, layers, samples, show, batch)
    if train_epochs:
        text += f'\n[[steps]]\ntitle = "Train"\ntext = "Press t."\ndo = "train"\nepochs = {train_epochs}\n'
    path.write_text(text)
    return path
