import numpy as np
import pytest

from nntutor.engine import DATASET_NAMES, make_dataset


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_datasets_are_seeded_split_and_finite(name):
    a = make_dataset(name, samples=60, noise=0.1, seed=3, test_fraction=0.25)
    b = make_dataset(name, samples=60, noise=0.1, seed=3, test_fraction=0.25)
    c = make_dataset(name, samples=60, noise=0.1, seed=4, test_fraction=0.25)
    assert len(a.x_train) == 45 and len(a.x_test) == 15
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert not np.array_equal(a.x_train, c.x_train)
    assert np.all(np.isfinite(a.x_train)) and np.all(np.isfinite(a.y_train))


def test_class_targets_are_zero_one_or_one_hot():
    assert make_dataset("xor", samples=40).y_train.shape == (40, 1)
    assert make_dataset("xor", samples=40, one_hot=True).y_train.shape == (40, 2)
    blobs = make_dataset("blobs3", samples=30)
    assert blobs.y_train.shape == (30, 3) and np.all(blobs.y_train.sum(axis=1) == 1)


def test_bowl_targets_follow_4_and_3_with_zero_mean_inputs():
    data = make_dataset("bowl", samples=40)
    np.testing.assert_allclose(data.y_train, data.x_train @ [[4.0], [3.0]])
    np.testing.assert_allclose(data.x_train.mean(axis=0), 0.0, atol=1e-12)


def test_standardize_uses_training_statistics():
    data = make_dataset("crowd", samples=100, scale=500.0, standardize=True, test_fraction=0.2)
    np.testing.assert_allclose(data.x_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(data.x_train.std(axis=0), 1.0)
    raw = make_dataset("crowd", samples=100, scale=500.0, test_fraction=0.2)
    assert raw.x_train.mean() > 100
