"""The compact loss logs read as the tuples they replace, never change once made, and share their numbers."""

import math
import threading

import numpy as np

from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.engine.loss_log import CHUNK, EpochLog, EpochRecord, FloatLog


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


def test_adding_to_the_newest_log_shares_its_numbers_and_leaves_every_older_log_as_it_was():
    logs = [FloatLog()]
    for n in range(20_000):  # spans several chunks; each log is one entry longer than the one before
        logs.append(logs[-1] + (float(n),))
    assert all(len(log) == n for n, log in enumerate(logs))
    assert logs[7] == tuple(float(n) for n in range(7)) and logs[-1][-1] == 19_999.0
    assert logs[12_345].as_array().tolist() == [float(n) for n in range(12_345)]
    # 20 001 logs of up to 20 000 numbers hold them once: a copy each would be 1.6 GB.
    held = {id(array): array.nbytes for log in logs for array in log.storage()}
    assert sum(held.values()) <= 2 * 20_000 * 8


def test_a_log_added_to_again_after_undo_branches_and_both_keep_their_own_numbers():
    base = FloatLog(float(n) for n in range(CHUNK + 5))
    first = base + (1.0, 2.0)
    second = base + (3.0,)  # base is no longer its store's newest: this one copies at most a chunk
    assert list(first[-3:]) == [float(CHUNK + 4), 1.0, 2.0] and list(second[-2:]) == [float(CHUNK + 4), 3.0]
    assert len(base) == CHUNK + 5 and base[-1] == float(CHUNK + 4)
    shared = {id(a) for a in first.storage()} & {id(a) for a in second.storage()}
    assert len(shared) == 1  # the full first chunk; the partial one was copied
    assert (first + (4.0,))[-1] == 4.0 and second[-1] == 3.0


def test_a_reader_never_sees_a_torn_log_while_a_worker_adds_to_it():
    """The UI thread reads (as_array, columns, index) while the training worker keeps adding, as in a run."""
    stop = threading.Event()
    newest = [FloatLog(), EpochLog()]
    errors: list[str] = []
    longest = 0

    def train():
        floats, epochs = newest
        n = 0
        while not stop.is_set() and n < 100_000:
            more = range(n, n + 997)
            floats = floats + [float(v) for v in more]
            epochs = epochs + [EpochRecord(v, float(v), None if v % 3 else float(-v)) for v in more]
            newest[:] = [floats, epochs]
            n += 997

    worker = threading.Thread(target=train)
    worker.start()
    try:
        while worker.is_alive():
            floats, epochs = newest
            longest = max(longest, len(epochs))
            values = floats.as_array()
            if values.tolist() != [float(v) for v in range(len(floats))]:
                errors.append(f"floats torn at length {len(floats)}")
            numbers, train, test = epochs.columns()
            if not (np.array_equal(numbers, np.arange(len(epochs))) and np.array_equal(train, numbers)):
                errors.append(f"epochs torn at length {len(epochs)}")
            if len(epochs) and epochs[-1].test_loss != (None if (len(epochs) - 1) % 3 else float(1 - len(epochs))):
                errors.append(f"last record wrong at length {len(epochs)}")
            if len(test) and not np.array_equal(np.isnan(test), numbers % 3 != 0):
                errors.append(f"test column torn at length {len(epochs)}")
    finally:
        stop.set()
        worker.join()
    assert not errors, errors[:3]
    assert longest > 10 * 997  # the reads overlapped many additions


def test_a_run_trained_in_many_chunks_holds_its_losses_once_across_its_states():
    data = make_dataset("xor", samples=4, noise=0.0, seed=0)
    cycle = LearningCycle(Network.from_seed([2, 2, 1], ["tanh", "sigmoid"], seed=0), data, "squared_error", 0.5)
    state, states = cycle.state, []
    for _ in range(20):  # as the training worker does: each chunk a state, the UI holding some of them
        state, _records = cycle.train_from(state, 300)
        states.append(state)
    assert len(state.epoch_log) == 6000 and [r.epoch for r in state.epoch_log[:3]] == [1, 2, 3]
    held = {id(a): a.nbytes for s in states for log in (s.step_losses, s.epoch_log) for a in log.storage()}
    assert sum(held.values()) <= 2 * (state.step_losses.nbytes + state.epoch_log.nbytes)


def test_an_epoch_log_without_a_test_set_keeps_no_test_column_until_a_test_loss_comes():
    plain = EpochLog(EpochRecord(n, 0.5, None) for n in range(CHUNK + 10))
    assert plain.nbytes == 8 * (CHUNK + 10)  # the train loss only (epochs counting up take no room)
    mixed = plain + (EpochRecord(CHUNK + 10, 0.25, 0.125),)
    assert mixed[-1].test_loss == 0.125 and mixed[-2].test_loss is None and plain[-1].test_loss is None
    assert mixed.nbytes == 8 * (CHUNK + 11) + 9 * 11  # the test columns exist in the last chunk only
    _epochs, _train, test = mixed.columns()
    assert np.isnan(test[:-1]).all() and test[-1] == 0.125
    assert list(mixed) == list(plain) + [EpochRecord(CHUNK + 10, 0.25, 0.125)]


def test_epochs_added_as_columns_read_back_as_the_records_they_stand_for():
    start = EpochLog([EpochRecord(1, 0.5, None)])
    without = start.plus_columns(2, np.array([0.25]), None)
    with_test = start.plus_columns(2, np.array([0.25, 0.125]), np.array([0.75, 0.5]))
    assert list(with_test) == [EpochRecord(1, 0.5, None), EpochRecord(2, 0.25, 0.75), EpochRecord(3, 0.125, 0.5)]
    assert list(without) == [EpochRecord(1, 0.5, None), EpochRecord(2, 0.25, None)]
    assert without.nbytes == 8 * 2  # no test set: no test columns kept, and epochs counting up take no room
    assert start.plus_columns(2, np.array([]), None) is start


def test_a_span_of_epochs_across_chunks_reads_the_same_records_as_one_by_one():
    log = EpochLog(EpochRecord(n, n / 2, None if n % 2 else n / 4) for n in range(2 * CHUNK + 5))
    for start, stop in [(3, 9), (CHUNK - 2, CHUNK + 3), (5, 2 * CHUNK + 5), (CHUNK, CHUNK)]:
        span = log[start:stop]
        assert isinstance(span, EpochLog) and list(span) == [log[n] for n in range(start, stop)]


def test_epoch_numbers_that_do_not_count_up_by_one_are_kept_where_they_jump():
    counting = EpochLog(EpochRecord(n, 1 / n, None) for n in range(7, 7 + CHUNK + 5))
    assert counting.nbytes == 8 * (CHUNK + 5)  # the epochs are the first one plus the position
    jumped = counting + (EpochRecord(100_000, 0.5, None), EpochRecord(100_001, 0.25, None))
    assert [r.epoch for r in jumped[-4:]] == [CHUNK + 10, CHUNK + 11, 100_000, 100_001]
    assert jumped.nbytes == 8 * (CHUNK + 7) + 8 * 7  # the last chunk keeps its epochs, the first need not
    epochs, _train, _test = jumped.columns()
    assert epochs.tolist() == list(range(7, 7 + CHUNK + 5)) + [100_000, 100_001]
    assert [r.epoch for r in counting[CHUNK - 1 : CHUNK + 1]] == [CHUNK + 6, CHUNK + 7]  # a span keeps counting
    branched = counting[:3] + (EpochRecord(10, 0.5, None),)  # after undo: a store of its own, same count
    assert [r.epoch for r in branched] == [7, 8, 9, 10] and branched.nbytes == 8 * 4
    assert [r.epoch for r in counting[:3]] == [7, 8, 9] and counting[-1].epoch == CHUNK + 11


def _held_bytes(state):
    return sum({id(a): a.nbytes for log in (state.step_losses, state.epoch_log) for a in log.storage()}.values())


def test_a_full_batch_run_stores_each_loss_once_though_both_logs_read_it():
    # One step an epoch: the epoch's train loss is its one step's loss, and both logs used to keep it.
    data = make_dataset("xor", samples=4, noise=0.0, seed=0)
    cycle = LearningCycle(Network.from_seed([2, 2, 1], ["tanh", "sigmoid"], seed=0), data, "squared_error", 0.5)
    state = cycle.state
    for _ in range(25):  # chunks, as the training worker trains
        state, _records = cycle.train_from(state, 1000)
    steps, (_epochs, train, _test) = state.step_losses, state.epoch_log.columns()
    assert len(steps) == 25_000 and np.array_equal(steps.as_array(), train)
    assert _held_bytes(state) <= 25_000 * 8 + 2 * CHUNK * 8  # once, and the partial last chunks twice


def test_a_mini_batch_run_keeps_its_step_and_epoch_losses_apart():
    data = make_dataset("xor", samples=4, noise=0.0, seed=0)
    net = Network.from_seed([2, 2, 1], ["tanh", "sigmoid"], seed=0)
    cycle = LearningCycle(net, data, "squared_error", 0.5, batch=2)
    state, _records = cycle.train_from(cycle.state, 12_000)
    steps, (_epochs, train, _test) = state.step_losses, state.epoch_log.columns()
    assert len(steps) == 24_000 and len(train) == 12_000
    assert np.array_equal(train, (steps.as_array()[0::2] + steps.as_array()[1::2]) / 2)
