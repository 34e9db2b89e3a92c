"""Read-outs of how well a network does on the whole data: loss and accuracy, train and test.

The status line of a lesson shows the loss of the batch just seen; an
experiment is judged on whole sets. These are data losses (without the L2
penalty, so train and test compare), and for classification the share of
samples whose predicted class is the target's: the largest output with
several outputs, the output against 0.5 with one.
"""

from dataclasses import dataclass

import numpy as np

from .datasets import Dataset
from .losses import Loss
from .network import Network
from .views.function import point_classes

Array = np.ndarray


@dataclass(frozen=True)
class Readouts:
    train_loss: float
    test_loss: float | None  # None without a test set
    train_accuracy: float | None  # None for regression
    test_accuracy: float | None


def readouts(network: Network, data: Dataset, loss_fn: Loss) -> Readouts:
    train_y = network.predict(data.x_train)
    test_y = network.predict(data.x_test) if len(data.x_test) > 0 else None
    with np.errstate(all="ignore"):
        train_loss = loss_fn.value(train_y, data.y_train)
        test_loss = loss_fn.value(test_y, data.y_test) if test_y is not None else None
    if data.task != "classification":
        return Readouts(train_loss, test_loss, None, None)
    return Readouts(
        train_loss,
        test_loss,
        accuracy(train_y, data.y_train),
        accuracy(test_y, data.y_test) if test_y is not None else None,
    )


def accuracy(y: Array, t: Array) -> float:
    """The share of rows whose predicted class is the target's class."""
    return float(np.mean(point_classes(np.nan_to_num(y, nan=0.5)) == point_classes(t)))
