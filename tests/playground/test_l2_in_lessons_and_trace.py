"""`l2` in a lesson's [network] and `set` steps, and `nntutor trace --l2`."""

import json
import subprocess
import sys

import pytest

from nntutor.curriculum import load_lesson
from nntutor.curriculum.validate import validate_file

LESSON = """
format_version = 1
id = "l2-try"
title = "Weight decay"

[network]
layers = [2, 3, 1]
activations = ["tanh", "sigmoid"]
loss = "binary_cross_entropy"
lr = 0.5
l2 = 0.01

[data]
dataset = "circle"
samples = 40

[[steps]]
title = "Train"
text = "Train."
do = "train"
epochs = 5

[[steps]]
title = "Stronger"
text = "More decay."
do = "set"
l2 = 0.1
"""


def test_a_lesson_sets_l2_in_its_network_and_in_a_set_step(tmp_path):
    from nntutor.curriculum.steps import perform

    path = tmp_path / "l2.toml"
    path.write_text(LESSON, encoding="utf-8")
    assert [str(p) for p in validate_file(path)] == []
    lesson = load_lesson(path)
    cycle = lesson.build_cycle()
    assert cycle.state.l2 == 0.01
    for step in lesson.steps:
        cycle = perform(step, cycle)
    assert cycle.state.l2 == 0.1
    assert cycle.state.epoch == 6  # the same run: l2 changes in place, like lr


def test_a_bad_l2_names_the_field(tmp_path):
    path = tmp_path / "l2.toml"
    path.write_text(LESSON.replace("l2 = 0.1", "l2 = -1"), encoding="utf-8")
    problems = [str(p) for p in validate_file(path)]
    assert any("steps[1].l2" in p and "at least 0" in p for p in problems), problems


@pytest.mark.parametrize("l2", ["0", "0.05"])
def test_trace_l2_matches_the_engine(l2):
    from nntutor.engine import LearningCycle, Network, make_dataset

    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "nntutor.cli",
            "trace",
            "--layers",
            "2,3,1",
            "--activations",
            "tanh,sigmoid",
            "--loss",
            "binary_cross_entropy",
            "--dataset",
            "circle",
            "--samples",
            "20",
            "--l2",
            l2,
            "--phases",
            "4",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["l2"] == float(l2)
    cycle = LearningCycle(
        Network.from_seed([2, 3, 1], ["tanh", "sigmoid"]),
        make_dataset("circle", samples=20),
        "binary_cross_entropy",
        0.5,
        l2=float(l2),
    )
    cycle.run_until("loss")
    loss = next(r for r in records if r["event"] == "loss")
    assert loss["loss"] == cycle.state.loss
    assert ("l2_penalty" in loss) == (float(l2) > 0)
