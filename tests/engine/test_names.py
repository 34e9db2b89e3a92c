"""The numpy-free catalog (engine/names.py) names and shapes exactly what the engine implements."""

import pytest

from nntutor.engine import ACTIVATIONS, LOSSES, EngineError, datasets, names, regularization


def test_the_catalog_names_every_activation_loss_and_dataset_the_engine_has():
    assert names.ACTIVATION_NAMES == tuple(ACTIVATIONS)
    assert names.LOSS_NAMES == tuple(LOSSES)
    assert names.DATASET_NAMES == tuple(datasets._GENERATORS)  # what make_dataset can make


def test_the_l2_limit_the_schema_states_is_the_one_the_engine_checks():
    assert regularization.check_l2(names.MAX_L2) == names.MAX_L2
    with pytest.raises(EngineError, match=f"from 0 to {names.MAX_L2:g}"):
        regularization.check_l2(names.MAX_L2 * 1.01)


@pytest.mark.parametrize("name", names.DATASET_NAMES)
@pytest.mark.parametrize("one_hot", [False, True])
def test_a_named_datasets_shape_is_known_without_making_it(name, one_hot):
    options = dict(samples=41, noise=0.1, test_fraction=0.3, one_hot=one_hot)
    data = datasets.make_dataset(name, **options)
    shape = (data.n_inputs, data.n_outputs, len(data.x_train), len(data.x_test), data.task)
    assert names.dataset_shape(name, **options) == shape


@pytest.mark.parametrize(
    "options", [dict(samples=0), dict(noise=-1.0), dict(test_fraction=1.0), dict(samples=1, test_fraction=0.6)]
)
def test_options_a_named_dataset_refuses_are_refused_alike_without_making_it(options):
    with pytest.raises(EngineError) as made:
        datasets.make_dataset("circle", **options)
    with pytest.raises(EngineError) as shaped:
        names.dataset_shape("circle", **options)
    assert str(shaped.value) == str(made.value)
