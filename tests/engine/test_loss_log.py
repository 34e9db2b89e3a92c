"""The compact loss logs read as the tuples they replace, and never change once made."""

import math

from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.engine.loss_log import EpochLog, EpochRecord, FloatLog


def test_a_float_log_reads_as_a_tuple_and_adding_makes_a_new_one():
    first = FloatLog([0.5, 0.25])
    longer = first + (0.125,)
    assert first == (0.5, 0.25) and len(first) == 2  # unchanged
    assert longer == (0.5, 0.25, 0.125) and longer[-1] == 0.125 and list(longer[1:]) == [0.25, 0.125]
    assert longer != first and longer.nbytes == 24
    assert longer.as_array().tolist() == [0.5, 0.25, 0.125]


def test_an_epoch_log_keeps_a_missing_test_loss_apart_from_a_nan_one():
    records = (EpochRecord(1, 0.5, None), EpochRecord(2, 0.25, math.nan), EpochRecord(3, 0.125, 0.2))
    log = EpochLog(records[:1]) + records[1:]
    assert log[0] == records[0] and log[0].test_loss is None
    assert math.isnan(log[1].test_loss) and log[2] == records[2]
    epochs, train, test = log.columns()
    assert epochs.tolist() == [1, 2, 3] and train.tolist() == [0.5, 0.25, 0.125]
    assert math.isnan(test[0]) and math.isnan(test[1]) and test[2] == 0.2
    assert list(log[2:]) == list(records[2:]) and len(log[1:]) == 2


def test_a_long_training_keeps_its_losses_in_a_few_bytes_each():
    data = make_dataset("xor", samples=4, noise=0.0, seed=0)
    cycle = LearningCycle(Network.from_seed([2, 2, 1], ["tanh", "sigmoid"], seed=0), data, "squared_error", 0.5)
    cycle.train(3000)
    state = cycle.state
    assert len(state.epoch_log) == 3000 and len(state.step_losses) == 3000
    assert state.epoch_log.nbytes + state.step_losses.nbytes <= 3000 * 40  # tuples of objects: about 190 bytes
