"""The losses a run has seen, kept compactly and shared: 8 bytes a number, stored once.

A cycle's state keeps the loss of every step and a record of every epoch. As
tuples of floats and of EpochRecords they cost about 32 and 160 bytes an
entry, and training adds thousands of entries a second (a tiny lesson trains
50 000 epochs a second), so a few minutes of training held tens of megabytes.
Here each is an immutable sequence over numpy columns (the same reading: len,
index, iteration, ==, + more) for 8 bytes a number.

Every state of a run holds the log of the state before it plus a little, so
the numbers live in a store the logs share: a log is a store and a length,
and `log + more` writes `more` into the store in place when the log is the
store's newest (nobody has added to it yet). Only a log that was added to
before (an older state, after undo) starts a store of its own, which shares
the full chunks of the old one and copies only its partial last chunk. So a
run of 100 000 epochs trained in many chunks, each chunk a state, costs its
numbers once instead of once a state, and `+` costs what it adds.

Thread safety, by design rather than by luck: the training worker adds while
the UI thread reads. A store's chunks are fixed spans of CHUNK entries that
are written only at positions at or past the store's length, and a log reads
only positions below its own length, which were written before the log was
made; a chunk outgrowing its capacity is replaced by a larger copy (never
resized in place, so a reader holding the old one reads the same numbers).
Deciding whether a log is the newest and claiming the positions after it is
one step under a lock, so two writers from the same log never both write.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

CHUNK = 8192  # entries a chunk spans; a log branched from another copies at most one chunk
FIRST_CAPACITY = 16  # a store's last chunk starts this small and doubles up to CHUNK

_CLAIM = threading.Lock()  # held while a writer checks that a log is its store's newest and writes after it


class _Counting:
    """A column default that counts: the entry at position i is the store's first entry plus i."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "COUNTING"


COUNTING = _Counting()  # the epochs of a log: one more each entry, so no chunk need keep them


@dataclass(frozen=True)
class EpochRecord:
    epoch: int
    train_loss: float  # mean of the batch losses seen during the epoch (L2 penalty included)
    test_loss: float | None  # data loss on the test set after the epoch's last update (no penalty)


class _Store:
    """Columns of one length, in chunks of CHUNK entries; only positions past `length` are ever written.

    A column with a default (a test loss where there is no test set) is kept
    in a chunk only once an entry in that chunk differs from it: a chunk holds
    None for it until then, so a run without a test set pays nothing for one.
    The default COUNTING counts from the store's first entry (`origins`), so
    epoch numbers that go up by one an entry, as training makes them, take no
    room either.
    """

    __slots__ = ("dtypes", "defaults", "origins", "chunks", "length")

    def __init__(
        self,
        dtypes: tuple[str, ...],
        defaults: tuple,
        chunks: list[tuple] | None = None,
        length: int = 0,
        origins: tuple = (),
    ):
        self.dtypes, self.defaults = dtypes, defaults
        self.origins = origins  # per column: its first entry where its default is COUNTING (set by the first write)
        self.chunks = chunks if chunks is not None else []  # each a tuple of one array (or None) per column
        self.length = length

    def branch(self, length: int) -> _Store:
        """A new store holding this one's first `length` entries: full chunks shared, the rest copied."""
        full, rest = divmod(length, CHUNK)
        chunks = self.chunks[:full]
        if rest:
            chunks.append(
                tuple(None if column is None else _sized(column[:rest], rest) for column in self.chunks[full])
            )
        return _Store(self.dtypes, self.defaults, chunks, length, self.origins)

    def write(self, columns: Sequence[np.ndarray]) -> None:
        """Add equal-length columns at the end (called with _CLAIM held)."""
        count, done = len(columns[0]), 0
        if not self.origins and count:
            self.origins = tuple(
                int(values[0]) if default is COUNTING else None
                for values, default in zip(columns, self.defaults, strict=True)
            )
        while done < count:
            index, offset = divmod(self.length, CHUNK)
            take = min(count - done, CHUNK - offset)
            if index == len(self.chunks):
                self.chunks.append(
                    tuple(
                        None if default is not None else np.empty(_capacity(take), dtype)
                        for dtype, default in zip(self.dtypes, self.defaults, strict=True)
                    )
                )
            old = self.chunks[index]
            # A chunk is replaced, never changed in size or kind in place: grown, or a default column made real.
            chunk = tuple(
                self._room(column, n, index * CHUNK, offset, take, values[done : done + take])
                for n, (column, values) in enumerate(zip(old, columns, strict=True))
            )
            if any(new is not was for new, was in zip(chunk, old, strict=True)):
                self.chunks[index] = chunk
            for column, values in zip(chunk, columns, strict=True):
                if column is not None:
                    column[offset : offset + take] = values[done : done + take]
            done += take
            self.length += take

    def _room(self, column: np.ndarray | None, n: int, begins: int, offset: int, take: int, values: np.ndarray):
        """The array (or None) that can take `values` at `offset` in column `n` of the chunk at `begins`."""
        if column is None:
            if _all_equal(values, self._defaults(n, begins + offset, take)):
                return None
            column = np.empty(offset, self.dtypes[n])
            column[:] = self._defaults(n, begins, offset)
        if len(column) < offset + take:
            return _sized(column[:offset], offset + take)
        return column

    def read(self, column: int, stop: int, start: int = 0) -> np.ndarray:
        """A new array of the column's entries from `start` up to `stop`."""
        out = np.empty(max(stop - start, 0), self.dtypes[column])
        at = start
        while at < stop:
            index, offset = divmod(at, CHUNK)
            count = min(stop - at, CHUNK - offset)
            values = self.chunks[index][column]
            span = out[at - start : at - start + count]
            span[:] = self._defaults(column, at, count) if values is None else values[offset : offset + count]
            at += count
        return out

    def value(self, column: int, index: int):
        values = self.chunks[index // CHUNK][column]
        if values is not None:
            return values[index % CHUNK].item()
        default = self.defaults[column]
        return self.origins[column] + index if default is COUNTING else default

    def _defaults(self, column: int, at: int, count: int):
        """The default of `column` at positions at, at + 1, ...: a value, or with COUNTING an array."""
        default = self.defaults[column]
        if default is COUNTING:
            first = self.origins[column] + at
            return np.arange(first, first + count, dtype=self.dtypes[column])
        return default

    def arrays(self, stop: int) -> Iterator[np.ndarray]:
        """Every array that holds one of the first `stop` entries (for counting memory by identity)."""
        for chunk in self.chunks[: -(-stop // CHUNK)]:
            yield from (column for column in chunk if column is not None)


def _all_equal(values: np.ndarray, default) -> bool:
    """Whether every value is `default` (NaN counting as equal to a NaN default), or the array `default`."""
    if isinstance(default, np.ndarray):
        return bool(np.array_equal(values, default))
    if isinstance(default, float) and math.isnan(default):
        return bool(np.isnan(values).all())
    return bool((values == default).all())


def _capacity(needed: int) -> int:
    size = FIRST_CAPACITY
    while size < needed:
        size *= 2
    return min(size, CHUNK)


def _sized(values: np.ndarray, needed: int) -> np.ndarray:
    """A copy of `values` in an array with room for `needed` entries."""
    out = np.empty(_capacity(needed), values.dtype)
    out[: len(values)] = values
    return out


class _Log:
    """A prefix of a store: `len(self)` entries, which never change."""

    __slots__ = ("_store", "_length")
    DTYPES: tuple[str, ...] = ()
    DEFAULTS: tuple = ()  # per column: None (always kept), the value a chunk need not keep, or COUNTING

    def _init_from(self, columns: Sequence[np.ndarray]) -> None:
        self._store, self._length = _Store(self.DTYPES, self.DEFAULTS), 0
        if len(columns[0]):
            self._store.write(columns)
            self._length = self._store.length

    def _plus(self, columns: Sequence[np.ndarray]):
        """A new log: this one's entries, then `columns`."""
        out = object.__new__(type(self))
        with _CLAIM:
            store = self._store if self._store.length == self._length else self._store.branch(self._length)
            store.write(columns)
            out._store, out._length = store, store.length
        return out

    def _prefix(self, stop: int):
        out = object.__new__(type(self))
        out._store, out._length = self._store, stop
        return out

    def _index(self, index: int) -> int:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(f"{type(self).__name__} index out of range")
        return index

    def __len__(self) -> int:
        return self._length

    @property
    def nbytes(self) -> int:
        """The bytes this log's entries take in its store (a column left at its default takes none)."""
        full, rest = divmod(self._length, CHUNK)
        spans = [(chunk, CHUNK) for chunk in self._store.chunks[:full]]
        if rest:
            spans.append((self._store.chunks[full], rest))
        return sum(count * sum(c.itemsize for c in chunk if c is not None) for chunk, count in spans)

    def storage(self) -> Iterator[np.ndarray]:
        """The arrays holding this log's numbers, shared with other logs of the same store."""
        return self._store.arrays(self._length)

    __hash__ = None  # type: ignore[assignment]  # compared by value, like a list


class FloatLog(_Log, Sequence[float]):
    """An immutable sequence of floats; `log + more` is a new log with `more` added."""

    __slots__ = ()
    DTYPES = ("f8",)
    DEFAULTS = (None,)

    def __init__(self, values: Iterable[float] = ()) -> None:
        self._init_from([_floats(values)])

    @overload
    def __getitem__(self, index: int) -> float: ...
    @overload
    def __getitem__(self, index: slice) -> FloatLog: ...
    def __getitem__(self, index: int | slice) -> float | FloatLog:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if start == 0 and step == 1:
                return self._prefix(max(stop, 0))
            return FloatLog(self.as_array()[index])
        return self._store.value(0, self._index(index))

    def __iter__(self) -> Iterator[float]:
        return iter(self.as_array().tolist())

    def __add__(self, more: Iterable[float]) -> FloatLog:
        values = _floats(more)
        return self._plus([values]) if len(values) else self

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FloatLog):
            return bool(np.array_equal(self.as_array(), other.as_array()))
        if isinstance(other, (tuple, list)):
            return len(other) == self._length and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __repr__(self) -> str:
        return f"FloatLog({list(self)!r})"

    def as_array(self) -> np.ndarray:
        """The values as a float64 array (a copy: the log never changes, and neither may what it shares)."""
        return self._store.read(0, self._length)


class EpochLog(_Log, Sequence[EpochRecord]):
    """An immutable sequence of EpochRecords kept as columns; `log + records` adds records."""

    __slots__ = ()
    DTYPES = ("i8", "f8", "f8", "?")  # epoch, train loss, test loss (NaN if none), whether there is one
    # Epochs counting up by one take no room; without a test set, neither test column is kept.
    DEFAULTS = (COUNTING, None, math.nan, False)

    def __init__(self, records: Iterable[EpochRecord] = ()) -> None:
        self._init_from(_columns_of(records))

    def _record(self, index: int) -> EpochRecord:
        value = self._store.value
        test = value(2, index) if value(3, index) else None
        return EpochRecord(value(0, index), value(1, index), test)

    @overload
    def __getitem__(self, index: int) -> EpochRecord: ...
    @overload
    def __getitem__(self, index: slice) -> EpochLog: ...
    def __getitem__(self, index: int | slice) -> EpochRecord | EpochLog:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if start == 0 and step == 1:
                return self._prefix(max(stop, 0))
            if step == 1:  # a span (the epochs one training call added): its columns, no records made
                columns = [self._store.read(column, stop, start) for column in range(len(self.DTYPES))]
                return EpochLog()._plus(columns) if stop > start else EpochLog()
            return EpochLog(self._record(i) for i in range(start, stop, step))
        return self._record(self._index(index))

    def __iter__(self) -> Iterator[EpochRecord]:
        return (self._record(i) for i in range(self._length))

    def __add__(self, records: Iterable[EpochRecord]) -> EpochLog:
        columns = _columns_of(records)
        return self._plus(columns) if len(columns[0]) else self

    def plus_columns(self, first_epoch: int, train_losses: np.ndarray, test_losses: np.ndarray | None) -> EpochLog:
        """This log, then epochs first_epoch, first_epoch + 1, ... given as columns (test_losses None:
        no test set), with no EpochRecord made: how bulk training adds thousands of epochs."""
        count = len(train_losses)
        if not count:
            return self
        has_test = test_losses is not None
        return self._plus(
            [
                np.arange(first_epoch, first_epoch + count, dtype=np.int64),
                np.asarray(train_losses, np.float64),
                np.asarray(test_losses, np.float64) if has_test else np.full(count, math.nan),
                np.full(count, has_test),
            ]
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (EpochLog, tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __repr__(self) -> str:
        return f"EpochLog({list(self)!r})"

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Epochs, train losses and test losses (NaN where there is none) as new arrays."""
        read = self._store.read
        test = read(2, self._length)
        test[~read(3, self._length)] = np.nan
        return read(0, self._length), read(1, self._length), test


def share_equal_chunks(steps: FloatLog, epochs: EpochLog, since: int = 0) -> None:
    """Store once the numbers both logs hold: a full chunk of the epochs' train losses (from entry
    `since`) that equals, bit for bit, the step losses' chunk at the same place (a full-batch run:
    one step an epoch) is replaced by that chunk. Full chunks are never written again, so readers
    holding either array read the same numbers."""
    with _CLAIM:
        mine, theirs = steps._store, epochs._store
        for index in range(since // CHUNK, min(mine.length, theirs.length) // CHUNK):
            step_column, chunk = mine.chunks[index][0], theirs.chunks[index]
            same = step_column is not None and chunk[1] is not None and step_column is not chunk[1]
            if same and np.array_equal(step_column.view(np.uint64), chunk[1].view(np.uint64)):
                theirs.chunks[index] = (chunk[0], step_column, *chunk[2:])


def _floats(values: Iterable[float]) -> np.ndarray:
    if isinstance(values, FloatLog):
        return values.as_array()
    if isinstance(values, np.ndarray):
        return values.astype(np.float64).ravel()
    return np.fromiter(values, np.float64)


def _columns_of(records: Iterable[EpochRecord]) -> list[np.ndarray]:
    records = records if isinstance(records, (tuple, list)) else list(records)
    tests = [record.test_loss for record in records]
    return [
        np.fromiter((record.epoch for record in records), np.int64, len(records)),
        np.fromiter((record.train_loss for record in records), np.float64, len(records)),
        np.fromiter((math.nan if test is None else test for test in tests), np.float64, len(records)),
        np.fromiter((test is not None for test in tests), np.bool_, len(records)),
    ]
