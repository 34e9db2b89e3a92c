"""The losses a run has seen, kept compactly: 8 bytes a number, not a Python object each.

A cycle's state keeps the loss of every step and a record of every epoch. As
tuples of floats and of EpochRecords they cost about 32 and 160 bytes an
entry, and training adds thousands of entries a second (a tiny lesson trains
15 000 epochs a second), so a few minutes of training held tens of megabytes.
Here each is a growing, immutable sequence over `array` storage: the same
reading (len, index, iteration, ==, + more) for 8 bytes a number.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np


@dataclass(frozen=True)
class EpochRecord:
    epoch: int
    train_loss: float  # mean of the batch losses seen during the epoch (L2 penalty included)
    test_loss: float | None  # data loss on the test set after the epoch's last update (no penalty)


class FloatLog(Sequence[float]):
    """An immutable sequence of floats; `log + more` is a new log with `more` added."""

    __slots__ = ("_values",)

    def __init__(self, values: Iterable[float] = ()) -> None:
        self._values = values if isinstance(values, array) else array("d", values)

    def __len__(self) -> int:
        return len(self._values)

    @overload
    def __getitem__(self, index: int) -> float: ...
    @overload
    def __getitem__(self, index: slice) -> FloatLog: ...
    def __getitem__(self, index: int | slice) -> float | FloatLog:
        if isinstance(index, slice):
            return FloatLog(self._values[index])
        return self._values[index]

    def __iter__(self) -> Iterator[float]:
        return iter(self._values)

    def __add__(self, more: Iterable[float]) -> FloatLog:
        return FloatLog(self._values + (more._values if isinstance(more, FloatLog) else array("d", more)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FloatLog):
            return self._values == other._values
        if isinstance(other, (tuple, list)):
            return len(other) == len(self._values) and all(a == b for a, b in zip(self._values, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by value, like a list

    def __repr__(self) -> str:
        return f"FloatLog({list(self._values)!r})"

    def as_array(self) -> np.ndarray:
        """The values as a float64 array (a copy: the log never changes, and neither may its view)."""
        return np.array(self._values, dtype=np.float64)

    @property
    def nbytes(self) -> int:
        return len(self._values) * self._values.itemsize


class EpochLog(Sequence[EpochRecord]):
    """An immutable sequence of EpochRecords kept as three columns; `log + records` adds records."""

    __slots__ = ("_epochs", "_train", "_test", "_has_test")

    def __init__(self, records: Iterable[EpochRecord] = ()) -> None:
        self._epochs, self._train, self._test, self._has_test = array("q"), array("d"), array("d"), array("b")
        self._extend(records)

    def _extend(self, records: Iterable[EpochRecord]) -> None:
        for record in records:
            self._epochs.append(record.epoch)
            self._train.append(record.train_loss)
            self._test.append(math.nan if record.test_loss is None else record.test_loss)
            self._has_test.append(record.test_loss is not None)

    def _record(self, index: int) -> EpochRecord:
        return EpochRecord(
            self._epochs[index], self._train[index], self._test[index] if self._has_test[index] else None
        )

    def __len__(self) -> int:
        return len(self._epochs)

    @overload
    def __getitem__(self, index: int) -> EpochRecord: ...
    @overload
    def __getitem__(self, index: slice) -> EpochLog: ...
    def __getitem__(self, index: int | slice) -> EpochRecord | EpochLog:
        if isinstance(index, slice):
            out = EpochLog()
            out._epochs, out._train = self._epochs[index], self._train[index]
            out._test, out._has_test = self._test[index], self._has_test[index]
            return out
        return self._record(index)

    def __iter__(self) -> Iterator[EpochRecord]:
        return (self._record(i) for i in range(len(self._epochs)))

    def __add__(self, records: Iterable[EpochRecord]) -> EpochLog:
        out = self[:]  # array slices are copies
        out._extend(records)
        return out

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (EpochLog, tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by value, like a list

    def __repr__(self) -> str:
        return f"EpochLog({list(self)!r})"

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Epochs, train losses and test losses (NaN where there is none) as arrays."""
        test = np.array(self._test, dtype=np.float64)
        test[~np.array(self._has_test, dtype=bool)] = np.nan
        return np.array(self._epochs, dtype=np.int64), np.array(self._train, dtype=np.float64), test

    @property
    def nbytes(self) -> int:
        return len(self._epochs) * 25
