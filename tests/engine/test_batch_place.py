"""Which epoch and batch the pass on screen belongs to, as the status line's counter says it."""

from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.engine.schedule import BatchPlace


def xor_cycle(batch="full"):
    data = make_dataset("xor", samples=4, noise=0.0, seed=0, test_fraction=0.0)
    net = Network.from_seed([2, 3, 1], ["tanh", "sigmoid"], seed=0)
    return LearningCycle(net, data, "binary_cross_entropy", lr=0.5, batch=batch, seed=0)


def test_each_sample_of_a_stochastic_epoch_has_its_own_number_until_the_next_sample():
    cycle = xor_cycle(batch=1)  # four samples, one a step: four batches an epoch
    place = cycle.schedule.place_on_screen
    assert place(cycle.state) == BatchPlace(1, None, 4)  # nothing sampled yet
    seen = []
    for _ in range(5):
        cycle.run_until("sample")
        seen.append(place(cycle.state))
        cycle.finish_pass()  # right after the update: still the batch just used
        seen.append(place(cycle.state))
    assert seen == [
        BatchPlace(1, 1, 4), BatchPlace(1, 1, 4),
        BatchPlace(1, 2, 4), BatchPlace(1, 2, 4),
        BatchPlace(1, 3, 4), BatchPlace(1, 3, 4),
        BatchPlace(1, 4, 4), BatchPlace(1, 4, 4),  # the update closed epoch 1: still its last batch
        BatchPlace(2, 1, 4), BatchPlace(2, 1, 4),
    ]  # fmt: skip


def test_after_training_no_batch_is_on_screen():
    cycle = xor_cycle(batch=2)
    cycle.train(3)
    assert cycle.schedule.place_on_screen(cycle.state) == BatchPlace(4, None, 2)


def test_a_full_batch_is_the_only_batch_of_its_epoch():
    cycle = xor_cycle()
    cycle.run_until("loss")
    assert cycle.schedule.place_on_screen(cycle.state) == BatchPlace(1, 1, 1)
