"""Quiz-free lessons of any layer sizes, for benchmarks of the network view.

`2-2-2` is the worked example of `_lesson.py` (explicit weights); any other
shape is a seeded tanh network with a linear output fitting a few points of a
wave, so that every press of space steps the cycle on a network of that shape.
"""

from __future__ import annotations

from pathlib import Path

from _lesson import write_bench_lesson
from _term import LESSON_READY

WIDE_LESSON = '''format_version = 1
id = "bench-{name}"
title = "{title}"
summary = "A {name} network without quizzes, for the benchmarks."

[network]
layers = [{layers}]
activations = [{activations}]
loss = "squared_error"
lr = 0.05
batch = "full"
seed = 0

[data]
inputs = {inputs}
targets = {targets}

[[steps]]
title = "Step through the cycle"
show = "{show}"
text = """
Press **space** for the next phase of the learning cycle.
"""
'''

# Eight points of a wave: enough samples that "full batch" is a real batch.
_XS = [-2.0, -1.4, -0.8, -0.2, 0.4, 1.0, 1.6, 2.0]
_TS = [0.0, -0.761, -0.47, 0.47, 0.761, 0.0, -0.47, 0.0]


def parse_shape(name: str) -> list[int]:
    """'1-64-1' -> [1, 64, 1]."""
    try:
        sizes = [int(part) for part in name.split("-")]
    except ValueError:
        raise SystemExit(f"a network shape is sizes joined by '-', like 1-64-1; got {name!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise SystemExit(f"a network shape needs at least two positive sizes; got {name!r}")
    return sizes


def write_network_lesson(folder: str, name: str, show: str = "network") -> tuple[str, str]:
    """A lesson file for the shape `name` ('2-2-2' or like '1-64-64-64-1').

    Returns (path, the text that shows the lesson screen is ready for keys)."""
    if name == "2-2-2":
        return write_bench_lesson(folder, show), LESSON_READY
    sizes = parse_shape(name)
    if sizes[0] != 1 or sizes[-1] != 1:
        raise SystemExit(f"generated benchmark networks have one input and one output; got {name!r}")
    title = f"Benchmark: a {name} network"
    text = WIDE_LESSON.format(
        name=name,
        title=title,
        layers=", ".join(map(str, sizes)),
        activations=", ".join(['"tanh"'] * (len(sizes) - 2) + ['"linear"']),
        inputs=[[x] for x in _XS],
        targets=[[t] for t in _TS],
        show=show,
    )
    path = Path(folder) / f"bench-{name}-{show}.toml"
    path.write_text(text, encoding="utf-8")
    return str(path), LESSON_READY
