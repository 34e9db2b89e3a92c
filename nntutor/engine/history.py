"""Undo and redo for the learning cycle, bounded in bytes.

Every phase makes a new CycleState, and the per-sample arrays of a pass
(z, a, dL/da and delta of every layer) are what a state costs: 8 layers of
64 neurons on 5000 samples make about 80 MB a pass. Keeping every state
would grow without end, so the history keeps a byte budget and drops the
oldest states when a new one would pass it, and says so once.

Consecutive states share most arrays (a phase replaces one layer's values),
so a state is charged only for the arrays its older neighbour does not
hold, and an array is charged once however many views of it a state keeps.
The dataset and the lesson's first network live as long as the cycle and
are not charged at all.

An array is charged its data and its Python object, and a network its
object and tuples: a small network's weights are a few hundred bytes, its
objects about as many again, and a trained state keeps hundreds of networks
along its path (measured with tracemalloc: 940 bytes a 2-3-1 network, 104
of them data; 3660 a 1-16-16-1 one, 2570 data).

The budget suits a tutor meant to stay within about 60 MB (issue 9): the
interpreter, Textual and numpy take about 40 of it before a lesson opens.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from .state import CycleState

Array = np.ndarray

HISTORY_BYTES = 10 * 2**20  # what undo may keep: a sixth of the 60 MB a session should stay within
HISTORY_LIMIT = 20_000  # states, however small
# The Python objects of one state beyond its arrays (the CycleState and its
# per-layer tuples): about 1 KB, measured with tracemalloc over 300 passes of
# networks of 2 to 8 layers.
STATE_OVERHEAD = 1000
ARRAY_OVERHEAD = 128  # an ndarray's object (112 bytes) and its allocator's rounding
NETWORK_OVERHEAD = 300  # a Network beyond its arrays: the object, its attribute dict, the W and b tuples

TRIMMED_NOTICE = "oldest undo steps dropped to save memory"


def owner(array: Array) -> Array:
    """The array that holds a view's memory (the array itself when it owns it)."""
    while isinstance(array.base, np.ndarray):
        array = array.base
    return array


def state_arrays(state: CycleState) -> Iterator[Array]:
    """Every array a state refers to: weights, the batch, per-pass values, the trained path."""
    for net in (state.network, *state.trained_path):
        yield from net.W
        yield from net.b
    for values in (state.z, state.a, state.dL_da, state.delta, state.dW, state.db):
        for array in values:
            if array is not None:
                yield array
    if state.x is not None:
        yield state.x
    if state.t is not None:
        yield state.t


class History:
    """The states undo and redo can reach. `undo` and `redo` restore a state exactly (the object itself)."""

    def __init__(self, permanent: Iterable[Array] = (), budget: int = HISTORY_BYTES, limit: int = HISTORY_LIMIT):
        self.budget, self.limit = budget, limit
        self._permanent = {id(owner(a)) for a in permanent}
        self._permanent_arrays = list(permanent)  # keeps the ids above from being reused
        self._undo: list[CycleState] = []
        self._costs: list[int] = []  # bytes each undo entry adds to the one before it
        self._redo: list[CycleState] = []
        self.bytes = 0  # what the undo stack holds, by the rule in the module docstring
        self.trimmed = False  # the oldest states have been dropped at least once
        self._notice_taken = False
        self._top_parts: dict[int, int] | None = None  # `_parts` of _undo[-1], kept between pushes

    # -- reading ---------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def previous(self) -> CycleState | None:
        return self._undo[-1] if self._undo else None

    def states(self) -> list[CycleState]:
        """The states undo can reach, oldest first."""
        return list(self._undo)

    def take_notice(self) -> str | None:
        """The notice that old steps were dropped: once, the first time it is asked after they were."""
        if self.trimmed and not self._notice_taken:
            self._notice_taken = True
            return TRIMMED_NOTICE
        return None

    # -- moving ------------------------------------------------------------------
    def commit(self, current: CycleState) -> None:
        """`current` is being left for a new state: keep it for undo, and forget what redo had."""
        self._push(current)
        self._redo.clear()

    def undo(self, current: CycleState) -> CycleState | None:
        if not self._undo:
            return None
        self._redo.append(current)
        self.bytes -= self._costs.pop()
        self._top_parts = None
        return self._undo.pop()

    def redo(self, current: CycleState) -> CycleState | None:
        if not self._redo:
            return None
        self._push(current)
        return self._redo.pop()

    def _push(self, state: CycleState) -> None:
        parts = self._parts(state)
        below = self._top_parts if self._top_parts is not None else self._parts(self._undo[-1]) if self._undo else {}
        cost = STATE_OVERHEAD + sum(size for key, size in parts.items() if key not in below)
        self._undo.append(state)
        self._costs.append(cost)
        self.bytes += cost
        self._top_parts = parts
        self._trim()

    def _trim(self) -> None:
        """Drop the oldest states while over the budget or the count (the newest always stays)."""
        while len(self._undo) > 1 and (self.bytes > self.budget or len(self._undo) > self.limit):
            del self._undo[0]
            self.bytes -= self._costs.pop(0)
            self.trimmed = True
            # The new oldest state shares with nothing older any more: charge it in full.
            full = STATE_OVERHEAD + sum(self._parts(self._undo[0]).values())
            self.bytes += full - self._costs[0]
            self._costs[0] = full

    def _parts(self, state: CycleState) -> dict[int, int]:
        """What a state holds, by identity: each array's owner, and the per-step tuples, with their sizes."""
        parts = {}
        for array in state_arrays(state):
            base = owner(array)
            if id(base) not in self._permanent:
                parts[id(base)] = base.nbytes + ARRAY_OVERHEAD
        for net in state.trained_path:
            parts[id(net)] = NETWORK_OVERHEAD
        # The loss logs of a run share their stores (engine/loss_log.py): each chunk is charged once.
        for log in (state.step_losses, state.epoch_log):
            for array in log.storage():
                parts[id(array)] = array.nbytes + ARRAY_OVERHEAD
        # The tuples cost 8 bytes a slot (their items are shared).
        for values in (state.epoch_batch_losses, state.trained_path):
            parts[id(values)] = 8 * len(values)
        return parts
