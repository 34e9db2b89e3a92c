"""What a lesson file or an option may ask of the engine, known without loading numpy.

The names of its activations, losses and datasets, each named dataset's shape,
the checks of a dataset's options and the largest L2 strength: reading and
checking a lesson file (and drawing its first screen) needs these, not numpy.
The modules that implement these parts key their tables by the same names
(tests/engine/test_names.py holds them together).
"""

from __future__ import annotations

from typing import NamedTuple

from .errors import EngineError
from .limits import LIMITS

ACTIVATION_NAMES: tuple[str, ...] = ("linear", "sigmoid", "tanh", "relu", "softmax")
LOSS_NAMES: tuple[str, ...] = ("squared_error", "half_squared_error", "binary_cross_entropy", "cross_entropy")
MAX_L2 = 100.0  # the largest L2 strength (weight decay) a lesson or an option may ask for

# Each named dataset: its inputs, and its classes (0 for a regression's one output). Two classes
# have one output (0 or 1), or two one-hot; more classes have one output each.
DATASET_SHAPES: dict[str, tuple[int, int]] = {
    "crowd": (1, 0),
    "bowl": (2, 0),
    "xor": (2, 2),
    "circle": (2, 2),
    "gaussians": (2, 2),
    "spiral": (2, 2),
    "blobs3": (2, 3),
    "sine": (1, 0),
    "step": (1, 0),
}
DATASET_NAMES: tuple[str, ...] = tuple(DATASET_SHAPES)


class DataShape(NamedTuple):
    n_inputs: int
    n_outputs: int
    n_train: int  # training samples
    n_test: int  # test samples
    task: str  # "regression" or "classification"


def held_out_samples(name: str, samples: int, noise: float, test_fraction: float) -> int:
    """How many of a named dataset's samples are set aside for testing; EngineError for options it refuses."""
    if name not in DATASET_SHAPES:
        raise EngineError(f"unknown dataset {name!r}; choose one of {', '.join(DATASET_NAMES)}")
    if not isinstance(samples, int) or samples < 1:
        raise EngineError(f"samples must be a positive whole number, got {samples!r}")
    LIMITS.check_samples(samples)
    if not 0.0 <= test_fraction < 1.0:
        raise EngineError(f"test_fraction must be at least 0 and below 1, got {test_fraction}")
    if noise < 0:
        raise EngineError(f"noise must not be negative, got {noise}")
    n_test = int(round(samples * test_fraction))
    if n_test >= samples:
        raise EngineError("test_fraction leaves no samples to train on")
    return n_test


def dataset_shape(
    name: str, samples: int = 100, noise: float = 0.0, test_fraction: float = 0.0, one_hot: bool = False, **_: object
) -> DataShape:
    """The shape make_dataset gives these options (the same defaults), without making it."""
    n_test = held_out_samples(name, samples, noise, test_fraction)
    n_inputs, classes = DATASET_SHAPES[name]
    n_outputs = classes if classes > 2 or (classes == 2 and one_hot) else 1
    return DataShape(n_inputs, n_outputs, samples - n_test, n_test, "classification" if classes else "regression")
