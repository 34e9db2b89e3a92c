"""Undo history bounded in bytes: memory stays flat, the oldest steps go first, said once."""

import tracemalloc

import numpy as np

from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.engine.history import HISTORY_BYTES, TRIMMED_NOTICE


def wide_cycle(samples=2000, budget=HISTORY_BYTES):
    data = make_dataset("circle", samples=samples, noise=0.05, seed=0)
    net = Network.from_seed([2, 64, 64, 1], ["tanh", "tanh", "sigmoid"], seed=0)
    return LearningCycle(net, data, "squared_error", 0.5, batch="full", history_budget=budget)


def test_stepping_a_wide_network_keeps_memory_flat():
    # Each pass of 1000 samples through 64-wide layers makes about 3.5 MB of
    # per-sample values; 12 passes kept whole would hold 42 MB.
    budget = 8 * 2**20
    cycle = wide_cycle(samples=1000, budget=budget)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(12):
            cycle.finish_pass()
        grown = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert cycle.history_bytes <= budget
    assert grown < budget + 8 * 2**20  # the budget, the current pass and slack
    assert cycle.can_undo


def test_the_default_budget_holds_many_passes_of_a_small_lesson_network():
    # 64-wide layers on 100 samples: wider than any shipped lesson's (16 at most),
    # about 0.4 MB a pass; 20 passes fit the default budget.
    cycle = wide_cycle(samples=100)
    for _ in range(20):
        cycle.finish_pass()
    while cycle.undo():
        pass
    assert cycle.state.steps_done == 0 and cycle.history_bytes == 0


def test_the_oldest_steps_go_first_and_undo_stays_exact():
    cycle = wide_cycle(samples=300, budget=2 * 2**20)
    snapshots = [cycle.state]
    for _ in range(5 * len(cycle.phases)):
        cycle.step()
        snapshots.append(cycle.state)
    assert cycle.history_bytes <= 2 * 2**20
    undone = 0
    while cycle.undo():
        undone += 1
        assert cycle.state is snapshots[-1 - undone]  # the very state, every array as it was
    assert 0 < undone < len(snapshots) - 1  # some steps back, not all the way
    assert cycle.state is not snapshots[0]
    for expected in snapshots[len(snapshots) - undone :]:
        assert cycle.redo() and cycle.state is expected


def test_dropping_old_steps_is_said_once():
    cycle = wide_cycle(samples=300, budget=2 * 2**20)
    cycle.finish_pass()
    assert cycle.take_history_notice() is None  # nothing dropped yet
    for _ in range(5):
        cycle.finish_pass()
    assert cycle.take_history_notice() == TRIMMED_NOTICE
    cycle.finish_pass()
    assert cycle.take_history_notice() is None


def test_a_small_lesson_keeps_its_whole_history():
    data = make_dataset("xor", samples=40, seed=0)
    cycle = LearningCycle(Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=0), data, "squared_error", 0.5)
    first = cycle.network
    for _ in range(200):
        cycle.finish_pass()
    while cycle.undo():
        pass
    assert cycle.network is first and cycle.state.steps_done == 0
    assert cycle.take_history_notice() is None


def test_shared_arrays_are_counted_once():
    # A phase replaces one layer's values; the rest are the previous state's
    # arrays. Stepping within one pass must not charge the whole pass again
    # for every phase.
    cycle = wide_cycle(samples=1000)
    cycle.finish_pass()
    one_pass = cycle.history_bytes
    cycle.finish_pass()
    two_passes = cycle.history_bytes
    x_bytes = cycle.data.x_train.nbytes
    per_layer = 1000 * 64 * 8
    # A pass makes z, a, dL/da and delta for two hidden layers (and the small output's).
    assert two_passes - one_pass < 9 * per_layer + x_bytes
    assert np.isfinite(two_passes)


def test_training_a_tiny_network_again_and_again_stays_within_the_budget():
    # Each train keeps up to 800 networks along its path; for a 2-3-1 network
    # their Python objects weigh eight times their numbers, and count too.
    budget = 2 * 2**20
    data = make_dataset("xor", samples=40, seed=0)
    net = Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    cycle = LearningCycle(net, data, "squared_error", 0.5, history_budget=budget)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(30):
            cycle.train(100)
        grown = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert len(cycle.state.trained_path) > 100  # the path is there to be charged
    assert cycle.history_bytes <= budget
    assert grown < budget + 1.5 * 2**20  # the budget, the current state's path and its logs
    assert cycle.can_undo and cycle.take_history_notice() is not None
