"""How many samples a classifier gets right: the share whose predicted class is their class.

The predicted class is the largest output, or with one output the side of
0.5 it falls on, the same rule the decision-region chart draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network
from .views.function import point_classes


@dataclass(frozen=True)
class Accuracy:
    train: float  # share of training samples right, 0..1
    train_n: int
    test: float | None  # None without a test set
    test_n: int


def share_right(network: Network, x: np.ndarray, y: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        predicted = point_classes(network.predict(x))
    return float(np.mean(predicted == point_classes(y)))


_last: tuple[Network, object, Accuracy] | None = None  # networks are immutable: one result is worth keeping


def accuracy(network: Network, data) -> Accuracy | None:
    """Train and test accuracy of `network` on a classification dataset; None for regression."""
    global _last
    if data.task != "classification":
        return None
    if _last is not None and _last[0] is network and _last[1] is data:
        return _last[2]
    test = share_right(network, data.x_test, data.y_test) if len(data.x_test) else None
    result = Accuracy(share_right(network, data.x_train, data.y_train), len(data.x_train), test, len(data.x_test))
    _last = (network, data, result)
    return result
