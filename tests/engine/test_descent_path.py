"""The descent path a training keeps (for the loss surface chart), or does not keep."""

import numpy as np

from nntutor.engine import LearningCycle, Network, make_dataset


def cycle(path_points: int | None = None) -> LearningCycle:
    net = Network.from_seed([2, 4, 1], ["tanh", "sigmoid"], seed=3)
    made = LearningCycle(net, make_dataset("circle", samples=40, seed=1), "squared_error", 0.5, batch=8, seed=2)
    if path_points is not None:
        made.path_points = path_points
    return made


def test_a_cycle_keeping_no_path_trains_to_the_same_numbers():
    keeping, not_keeping = cycle(), cycle(0)
    keeping.train(120)
    not_keeping.train(120)
    assert len(keeping.state.trained_path) > 100 and not_keeping.state.trained_path == ()
    for a, b in zip(keeping.network.W + keeping.network.b, not_keeping.network.W + not_keeping.network.b, strict=True):
        np.testing.assert_array_equal(a, b)
    assert keeping.state.step_losses == not_keeping.state.step_losses
    assert keeping.state.epoch_log == not_keeping.state.epoch_log


def test_a_smaller_path_is_thinned_to_at_most_twice_its_points():
    few = cycle(10)
    few.train(120)  # 600 steps
    assert 10 <= len(few.state.trained_path) <= 20 and few.state.trained_path[-1] is few.network
