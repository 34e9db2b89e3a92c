"""`set` steps that start a new run, and `nudge` steps that change one parameter."""

import numpy as np
import pytest

from nntutor.curriculum import load_lesson, validate_file, walk_lesson
from nntutor.curriculum.steps import perform

HEAD = """
format_version = 1
id = "runs"
title = "Runs"
[network]
layers = [2, 3, 1]
activations = ["sigmoid", "sigmoid"]
loss = "half_squared_error"
lr = 0.5
seed = 1
[data]
dataset = "xor"
samples = 40
seed = 2
"""


def write(tmp_path, steps: str):
    path = tmp_path / "runs.toml"
    path.write_text(HEAD + steps, encoding="utf-8")
    return path


def test_set_starts_runs_that_accumulate_changes(tmp_path):
    path = write(
        tmp_path,
        """
[[steps]]
title = "Train"
text = "t"
do = "train"
epochs = 3

[[steps]]
title = "tanh"
text = "t"
do = "set"
activations = ["tanh", "sigmoid"]
label = "tanh"

[[steps]]
title = "Standardized, wider"
text = "t"
do = "set"
layers = [2, 6, 1]
[steps.data]
standardize = true

[[steps]]
title = "Now with lr"
text = "t"
do = "set"
lr = 0.1
""",
    )
    lesson = load_lesson(path)
    train, tanh, wide, slower = lesson.steps
    assert not train.action.starts_run and not slower.action.starts_run
    assert tanh.action.label == "tanh" and tanh.action.network.activations == ("tanh", "sigmoid")
    # the wide run keeps the tanh change and names what it changed
    assert wide.action.network.activations == ("tanh", "sigmoid") and wide.action.network.layers == (2, 6, 1)
    assert wide.action.label == "2-6-1, standardized"

    cycle = lesson.build_cycle()
    cycle = perform(train, cycle)
    assert cycle.state.epoch == 4
    fresh = perform(tanh, cycle)
    assert fresh is not cycle and fresh.state.epoch == 1  # a new run, the old one kept intact
    assert cycle.state.epoch == 4
    np.testing.assert_array_equal(fresh.network.W[0], lesson.build_cycle().network.W[0])  # same seed, same start
    wider = perform(wide, fresh)
    assert wider.network.sizes == [2, 6, 1]
    np.testing.assert_allclose(wider.data.x_train.mean(axis=0), 0.0, atol=1e-12)
    same = perform(slower, wider)
    assert same is wider and same.state.lr == 0.1


def test_nudge_changes_one_weight_and_the_output_follows(tmp_path):
    path = write(
        tmp_path,
        """
[[steps]]
title = "Forward"
text = "t"
do = "cycle"
until = "forward 2"

[[steps]]
title = "Nudge"
text = "t"
do = "nudge"
parameter = "W[1][0,2]"
by = 2.0

[[steps]]
title = "Forward again"
text = "t"
do = "cycle"
until = "forward 2"

[[steps.quizzes]]
kind = "number"
question = "What is the first output now?"
check = "output[0,0]"
reveal = "forward 2"
""",
    )
    lesson = load_lesson(path)
    walk = walk_lesson(lesson)
    assert walk.problems == []
    cycle = lesson.build_cycle()
    cycle = perform(lesson.steps[0], cycle)
    before = cycle.network.W[0].copy()
    perform(lesson.steps[1], cycle)
    after = cycle.network.W[0]
    assert after[0, 2] == pytest.approx(before[0, 2] + 2.0)
    assert np.count_nonzero(after != before) == 1


@pytest.mark.parametrize(
    "step, message",
    [
        ('do = "set"\nlayers = [2, 4, 4, 1]\n', "steps[0].activations: expected 3 activations"),
        (
            'do = "set"\nactivations = ["softmax", "sigmoid"]\n',
            "steps[0].activations[0]: softmax is allowed on the output",
        ),
        (
            'do = "set"\nreset = true\n[steps.data]\nstandardise = true\n',
            "steps[0].data.standardise: expected dataset or one of",
        ),
        ('do = "set"\nlr = 0.1\nlabel = "slow"\n', "steps[0].label: names a new run"),
        ('do = "nudge"\nparameter = "z[1][0,0]"\nby = 1\n', "steps[0].parameter: expected a weight"),
        ('do = "nudge"\nparameter = "W[3][0,0]"\nto = 1\n', "steps[0].parameter: layer 3 does not exist"),
        ('do = "nudge"\nparameter = "W[1][0,0]"\n', 'steps[0].by: do = "nudge" needs by'),
        ('do = "train"\nepochs = 1\nby = 1\n', 'steps[0].by: only applies to do = "nudge"'),
    ],
)
def test_bad_runs_and_nudges_are_named(tmp_path, step, message):
    path = write(tmp_path, '[[steps]]\ntitle = "S"\ntext = "t"\n' + step)
    problems = [str(p) for p in validate_file(path)]
    assert any(message in p for p in problems), problems


def test_a_run_may_switch_dataset_and_loss(tmp_path):
    path = write(
        tmp_path,
        """
[[steps]]
title = "Three classes"
text = "t"
do = "set"
layers = [2, 5, 3]
activations = ["tanh", "softmax"]
loss = "cross_entropy"
[steps.data]
dataset = "blobs3"
samples = 60

[[steps]]
title = "Train"
text = "t"
do = "train"
epochs = 5

[[steps.quizzes]]
kind = "number"
question = "Test loss?"
check = "train_loss"
reveal = "train"
""",
    )
    lesson = load_lesson(path)
    action = lesson.steps[0].action
    assert action.network.loss == "cross_entropy" and action.data.dataset == "blobs3"
    assert dict(action.data.options) == {"samples": 60}  # xor's seed does not carry over
    walk = walk_lesson(lesson)
    assert walk.problems == []
    assert walk.cycle.loss_fn.name == "cross_entropy" and walk.cycle.data.n_outputs == 3
    assert walk.points[0].live == walk.cycle.state.epoch_log[-1].train_loss


def test_a_lesson_may_choose_the_surface_weights_and_ranges(tmp_path):
    path = write(
        tmp_path,
        '[surface]\nweights = ["W[1][0,2]", "W[1][1,2]"]\nranges = [[-8, 2], [-1, 3]]\n'
        '[[steps]]\ntitle = "S"\ntext = "t"\n',
    )
    surface = load_lesson(path).surface
    assert (surface.layer, surface.w1, surface.w2, surface.ranges) == (1, (0, 2), (1, 2), ((-8, 2), (-1, 3)))


@pytest.mark.parametrize(
    "table, message",
    [
        ('weights = ["W[1][0,0]", "W[2][0,0]"]', "surface.weights: expected two different weights of the same layer"),
        ('weights = ["W[1][0,0]", "b[1][0]"]', "surface.weights[1]: expected a weight"),
        ('weights = ["W[1][0,7]", "W[1][0,0]"]', "surface.weights[0]: neuron index 7 is out of range"),
        ('weights = ["W[1][0,0]", "W[1][1,0]"]\nranges = [[2, 1], [0, 1]]', "surface.ranges[0]: expected low < high"),
    ],
)
def test_bad_surface_tables_are_named(tmp_path, table, message):
    path = write(tmp_path, f'[surface]\n{table}\n[[steps]]\ntitle = "S"\ntext = "t"\n')
    problems = [str(p) for p in validate_file(path)]
    assert any(message in p for p in problems), problems
