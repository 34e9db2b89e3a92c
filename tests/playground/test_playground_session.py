"""The playground session: every edit, its undo, and the edits it refuses."""

import pytest

from nntutor.engine import LIMITS
from nntutor.ui.playground_session import PlaygroundSession
from nntutor.ui.playground_setup import PlaygroundError, default_setup


@pytest.fixture
def session():
    return PlaygroundSession(default_setup(layers=[2, 4, 4, 1], activations=["tanh", "tanh", "sigmoid"]))


def test_the_default_playground_is_a_2_4_4_1_classifier_with_a_test_set(session):
    assert session.cycle.network.sizes == [2, 4, 4, 1]
    assert session.cycle.loss_fn.name == "binary_cross_entropy"
    assert len(session.cycle.data.x_test) == 20 and len(session.cycle.data.x_train) == 80


def test_an_edit_that_needs_a_fresh_network_keeps_the_run_it_ends(session):
    session.cycle.train(3)
    trained = session.cycle
    message = session.resize_layer(1, +1)
    assert "fresh network" in message and "run 1 stays on the loss chart" in message
    assert session.cycle.network.sizes == [2, 5, 4, 1] and session.cycle.state.epoch == 1
    assert [run.label for run in session.runs] == ["run 1"]
    assert session.runs[0].ended_with(trained.state)


def test_undo_walks_back_through_phases_then_edits_and_redo_comes_back(session):
    session.cycle.run_until("loss")
    state = session.cycle.state
    session.next_activation(2)  # layer 2: tanh -> relu
    assert session.cycle.network.activations == ("tanh", "relu", "sigmoid")
    session.cycle.step()
    assert session.undo()  # the phase of the new run
    assert session.undo()  # the edit: back to the old run, where it was left
    assert session.cycle.state is state and session.cycle.network.activations == ("tanh", "tanh", "sigmoid")
    assert session.redo()
    assert session.cycle.network.activations == ("tanh", "relu", "sigmoid")
    assert session.undo() and session.cycle.state is state
    session.cycle.step()  # a new phase on the old run: the undone edit is gone for good
    assert not session._redo_edit_ready()


@pytest.mark.parametrize(
    "edit, check",
    [
        (lambda s: s.next_dataset(), lambda s: s.setup.data.dataset == "gaussians"),
        (lambda s: s.step_samples(True), lambda s: s.setup.options["samples"] == 200),
        (lambda s: s.step_noise(True), lambda s: s.setup.options["noise"] == 0.2),
        (lambda s: s.step_test_fraction(True), lambda s: len(s.cycle.data.x_test) == 30),
        (lambda s: s.add_layer(2), lambda s: s.cycle.network.sizes == [2, 4, 4, 4, 1]),
        (lambda s: s.remove_layer(1), lambda s: s.cycle.network.sizes == [2, 4, 1]),
        (lambda s: s.resize_layer(2, -1), lambda s: s.cycle.network.sizes == [2, 4, 3, 1]),
        (lambda s: s.next_activation(1), lambda s: s.cycle.network.activations[0] == "relu"),
        (lambda s: s.next_loss(), lambda s: s.cycle.loss_fn.name == "squared_error"),
        (lambda s: s.next_batch(-1), lambda s: s.cycle.schedule.batch_size == 50),
        (lambda s: s.next_batch(), lambda s: s.cycle.schedule.batch_size == 1),
        (lambda s: s.new_weights(), lambda s: s.setup.network.seed == 1),
        (lambda s: s.step_l2(True), lambda s: s.cycle.state.l2 == 1e-4),
        (lambda s: s.set_lr(0.5), lambda s: s.cycle.state.lr == 0.5),
    ],
)
def test_every_edit_changes_what_it_says_and_undo_restores_it(session, edit, check):
    before_setup, before_network = session.setup, session.cycle.network
    edit(session)
    assert check(session)
    assert session.undo()
    assert session.setup.data == before_setup.data and session.cycle.network is before_network
    assert session.cycle.state.l2 == 0.0 and session.cycle.state.lr == before_setup.network.lr


def test_switching_data_sets_fits_the_inputs_outputs_and_loss():
    session = PlaygroundSession(default_setup(dataset="gaussians"))
    session.next_dataset()  # spiral
    session.next_dataset()  # blobs3: three classes
    assert session.cycle.network.sizes[-1] == 3 and session.cycle.network.activations[-1] == "softmax"
    assert session.cycle.loss_fn.name == "cross_entropy"
    session.next_dataset()  # sine: one input, a number
    assert session.cycle.network.sizes[0] == 1 and session.cycle.loss_fn.name == "squared_error"


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda s: [s.add_layer(1) for _ in range(8)], "at most 8 weight layers"),
        (lambda s: [s.resize_layer(1, +1) for _ in range(LIMITS.max_neurons)], f"at most {LIMITS.max_neurons}"),
        (lambda s: s.remove_layer(3), "select a hidden layer"),
        (lambda s: s.resize_layer(0, +1), "inputs and outputs are fixed"),
        (lambda s: s.next_activation(3), "needs sigmoid outputs"),
    ],
)
def test_refused_edits_say_why_and_change_nothing(session, edit, words):
    with pytest.raises(PlaygroundError, match=words):
        edit(session)
    assert session.cycle.network.depth <= 8 and max(session.cycle.network.sizes) <= LIMITS.max_neurons
    assert session.setup.network.layers == tuple(session.cycle.network.sizes)


def test_too_few_samples_for_the_test_fraction_is_refused():
    session = PlaygroundSession(default_setup(samples=10, test_fraction=0.0))
    setup = session.setup
    session.step_test_fraction(True)  # 0.1 of 10: one test sample, fine
    assert len(session.cycle.data.x_test) == 1
    session.step_samples(False)  # 10 is the smallest on the ladder: stays 10
    small = PlaygroundSession(default_setup(samples=4, test_fraction=0.0))
    with pytest.raises(PlaygroundError, match="too few for a test fraction of 0.1"):
        small.step_test_fraction(True)
    assert small.setup.options["test_fraction"] == 0.0 and setup.options["samples"] == 10


def test_bad_start_options_are_reported_before_anything_opens():
    with pytest.raises(PlaygroundError, match="unknown data set"):
        default_setup(dataset="nope")
    with pytest.raises(PlaygroundError, match=f"at most {LIMITS.max_neurons}"):
        default_setup(layers=[2, LIMITS.max_neurons + 1, 1])


def test_redo_after_an_in_place_change_on_the_run_an_undo_went_back_to(session):
    session.new_weights()
    session.undo()  # back to seed 0
    session.step_l2(True)  # a change on that run: the undone edit is no longer next
    session.undo()
    assert session.redo() and session.cycle.state.l2 == 1e-4 and session.setup.network.seed == 0
