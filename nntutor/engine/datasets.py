"""Small seeded datasets for the lessons.

Every generator takes a numpy Generator, the number of samples and a noise
level, and returns inputs x (samples, features) and targets y (samples,
outputs). Class targets are 0/1 in one column, or one-hot columns when there
are more than two classes or `one_hot` is asked for (softmax outputs).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import EngineError
from .limits import LIMITS
from .names import held_out_samples

Array = np.ndarray


@dataclass(frozen=True)
class Dataset:
    x_train: Array
    y_train: Array
    x_test: Array
    y_test: Array
    task: str  # "regression" or "classification"
    name: str = "inline"
    # Mean and spread the inputs were standardized with (None when raw).
    input_mean: Array | None = field(default=None, repr=False)
    input_std: Array | None = field(default=None, repr=False)

    @classmethod
    def from_arrays(cls, x, y, x_test=None, y_test=None, task: str | None = None, name: str = "inline") -> "Dataset":
        x = _as_matrix(x, "inputs")
        y = _as_matrix(y, "targets")
        if len(x) != len(y):
            raise EngineError(f"{len(x)} inputs but {len(y)} targets; each sample needs one of each")
        if len(x) == 0:
            raise EngineError("the data has no samples")
        x_test = np.empty((0, x.shape[1])) if x_test is None else _as_matrix(x_test, "test inputs")
        y_test = np.empty((0, y.shape[1])) if y_test is None else _as_matrix(y_test, "test targets")
        LIMITS.check_samples(len(x) + len(x_test))
        if task is None:
            task = "classification" if _looks_like_classes(y) else "regression"
        return cls(x, y, x_test, y_test, task, name)

    @property
    def n_inputs(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_outputs(self) -> int:
        return self.y_train.shape[1]


def _as_matrix(values, what: str) -> Array:
    arr = np.array(values, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise EngineError(f"{what} must be a list of samples, each a list of numbers")
    if not np.all(np.isfinite(arr)):
        raise EngineError(f"{what} must be finite numbers")
    return arr


def _looks_like_classes(y: Array) -> bool:
    return bool(np.all((y == 0) | (y == 1)))


def _labels(classes: Array, n_classes: int, one_hot: bool) -> Array:
    if n_classes > 2 or one_hot:
        return np.eye(n_classes)[classes]
    return classes[:, None].astype(np.float64)


def _crowd(rng, n, noise, **_):
    # Input: how much of a photo the crowd fills (0..1); target: the head count.
    fill = rng.uniform(0.05, 1.0, size=(n, 1))
    return fill, 1000.0 * fill + noise * 100.0 * rng.normal(size=(n, 1))


def _bowl(rng, n, noise, **_):
    # t = 4 x1 + 3 x2: with squared error, a linear neuron's loss over (w1, w2)
    # is a bowl whose lowest point is w1 = 4, w2 = 3. Inputs come in +/- pairs,
    # so their mean is exactly zero and the bias has nothing to learn.
    half = rng.uniform(-1.0, 1.0, size=((n + 1) // 2, 2))
    x = np.concatenate([half, -half])[:n]
    return x, x @ np.array([[4.0], [3.0]]) + noise * rng.normal(size=(n, 1))


def _xor(rng, n, noise, one_hot=False, **_):
    x = rng.uniform(-1.0, 1.0, size=(n, 2))
    classes = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(int)
    return x + noise * rng.normal(size=x.shape), _labels(classes, 2, one_hot)


def _circle(rng, n, noise, one_hot=False, **_):
    x = rng.uniform(-1.0, 1.0, size=(n, 2))
    classes = (np.hypot(x[:, 0], x[:, 1]) < 0.6).astype(int)
    return x + noise * rng.normal(size=x.shape), _labels(classes, 2, one_hot)


def _gaussians(rng, n, noise, one_hot=False, **_):
    classes = np.arange(n) % 2
    centres = np.array([[-0.5, -0.5], [0.5, 0.5]])
    x = centres[classes] + (0.25 + noise) * rng.normal(size=(n, 2))
    return x, _labels(classes, 2, one_hot)


def _blobs3(rng, n, noise, **_):
    classes = np.arange(n) % 3
    angles = 2 * np.pi * np.arange(3) / 3 + np.pi / 2
    centres = 0.6 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    x = centres[classes] + (0.2 + noise) * rng.normal(size=(n, 2))
    return x, _labels(classes, 3, True)


def _spiral(rng, n, noise, one_hot=False, **_):
    classes = np.arange(n) % 2
    r = np.linspace(0.1, 1.0, n)
    theta = 3.0 * r * np.pi + np.pi * classes
    x = np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)
    return x + noise * rng.normal(size=x.shape), _labels(classes, 2, one_hot)


def _sine(rng, n, noise, **_):
    x = np.sort(rng.uniform(-1.0, 1.0, size=(n, 1)), axis=0)
    return x, np.sin(np.pi * x) + noise * rng.normal(size=(n, 1))


def _step(rng, n, noise, **_):
    x = np.sort(rng.uniform(-1.0, 1.0, size=(n, 1)), axis=0)
    return x, (x > 0).astype(np.float64) + noise * rng.normal(size=(n, 1))


_GENERATORS: dict[str, tuple[Callable, str]] = {
    "crowd": (_crowd, "regression"),
    "bowl": (_bowl, "regression"),
    "xor": (_xor, "classification"),
    "circle": (_circle, "classification"),
    "gaussians": (_gaussians, "classification"),
    "spiral": (_spiral, "classification"),
    "blobs3": (_blobs3, "classification"),
    "sine": (_sine, "regression"),
    "step": (_step, "regression"),
}


def make_dataset(
    name: str,
    samples: int = 100,
    noise: float = 0.0,
    seed: int = 0,
    test_fraction: float = 0.0,
    standardize: bool = False,
    scale: float = 1.0,
    one_hot: bool = False,
) -> Dataset:
    """A named dataset, split into training and test parts by a seeded shuffle.

    `scale` multiplies the inputs (to show what unscaled inputs do);
    `standardize` then shifts and scales them to mean 0 and spread 1, using
    the training part's statistics for both parts.
    """
    n_test = held_out_samples(name, samples, noise, test_fraction)
    generate, task = _GENERATORS[name]
    rng = np.random.default_rng(seed)
    x, y = generate(rng, samples, noise, one_hot=one_hot)
    x = x * scale
    order = rng.permutation(samples)
    test, train = order[:n_test], np.sort(order[n_test:])
    x_train, x_test = x[train], x[np.sort(test)]
    mean = std = None
    if standardize:
        mean, std = x_train.mean(axis=0), x_train.std(axis=0)
        std = np.where(std > 0, std, 1.0)
        x_train, x_test = (x_train - mean) / std, (x_test - mean) / std
    return Dataset(x_train, y[train], x_test, y[np.sort(test)], task, name, mean, std)
