"""How far rounding in the updates so far can have moved each weight and bias.

A bias that starts at 0 and is only ever moved by sums that cancel exactly
(two mirror-image samples pulling it opposite ways) ends up at 3.5e-18 or
-4.2e-17 instead of 0, and a learner reads that as a real, tiny bias.

Each update moves b_j by lr * sum_batch delta_j, and W_ij by
lr * sum_batch a_i * delta_j. The rounding of such a sum of n terms is at
most about n * eps * sum |terms| (rounding.py), so after every update so far
a bias is within SAFETY * eps * sum_updates lr * n * sum_batch |delta_j| of
its exact value, and a weight within that times the largest |a_i| its input
can take. `UpdateSums` keeps that sum of sizes per neuron as the cycle and
the training loop apply updates; rounding.py calls a parameter within its
bound of 0 a residue. A bias moved by genuinely tiny sums (gradients vanishing through
saturated sigmoids) has tiny terms, so its bound is far below it: it stays a
real number. The bound leaves out rounding carried down into hidden deltas
(rounding.py follows that within one pass), so it can miss a residue but
never calls a real value one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .datasets import Dataset
from .network import Network

Array = np.ndarray

BOUNDED_OUTPUTS = {"sigmoid": 1.0, "tanh": 1.0, "softmax": 1.0}  # the largest |a| each activation can give


@dataclass(frozen=True)
class UpdateSums:
    """What every update so far could have moved each parameter by through rounding.

    `sizes`: per layer, (n_k,), the sum over updates of lr * n * sum_batch |delta_j|.
    `inputs`: per layer, the largest |a_i| its inputs can take (the data's for layer 1,
    the activation's range above); None where an activation is unbounded (relu,
    linear): those layers' weights are never called residues.
    """

    sizes: tuple[Array, ...]
    inputs: tuple[float | None, ...]

    def grown(self, sizes: list[Array]) -> UpdateSums:
        return UpdateSums(tuple(a + b for a, b in zip(self.sizes, sizes, strict=True)), self.inputs)


def no_updates(network: Network, data: Dataset) -> UpdateSums:
    x = data.x_train
    inputs: list[float | None] = [float(np.abs(x).max()) if x.size else 0.0]
    inputs += [BOUNDED_OUTPUTS.get(name) for name in network.activations[:-1]]
    return UpdateSums(tuple(np.zeros(len(b)) for b in network.b), tuple(inputs))


def added_update(sums: UpdateSums | None, deltas, lr: float, network: Network, data: Dataset) -> UpdateSums:
    """`sums` after one update made from `deltas` (per layer, (batch, n_k))."""
    start = sums or no_updates(network, data)
    return start.grown([lr * len(delta) * np.abs(delta).sum(axis=0) for delta in deltas])


class DeltaRing:
    """Where the training loop puts every step's deltas, so the rounding bound costs little a step.

    `slot` hands out the arrays a step writes its deltas into, per layer
    (batch, n_k); their |delta| is added to each neuron's sum later, many
    steps at a time. Small steps (up to SMALL_STEP numbers) get slots of a
    preallocated buffer, added up in one np.abs and one product a layer when
    the buffer is full: a per-step np.abs and add for every layer cost about
    a tenth of a small network's step. Large steps get fresh arrays, added
    up at the next step: their arithmetic dwarfs those calls, and a buffer
    the size of a large step's deltas measured slower than fresh arrays.

    The buffer is kept small (64 KB, or FEWEST_SLOTS slots where a step is
    larger) so that it stays in the CPU's cache between turns: training that
    keeps a descent path writes a new copy of the weights every few steps,
    and a 256 KB buffer was pushed out by them (cachegrind, 2-64-64-1 at
    batch 1: about 30 fewer cache misses past L2 a step at 64 KB).
    """

    SMALL_STEP = 8192  # numbers in one step's deltas (batch x neurons)
    SMALL_BUFFER = 8192  # numbers in a small step's buffer (64 KB)
    FEWEST_SLOTS = 8  # at least this many slots (more than SMALL_BUFFER holds): fewer add-ups a step
    MOST_SLOTS = 256  # at batch 1, more slots would mostly add view objects

    def __init__(self, sums: UpdateSums | None, network: Network, data: Dataset, lr: float, batch: int, steps: int):
        """`steps`: the most steps the caller will take; no more slots than that are made (each
        slot's views cost about a microsecond a layer, which a short call would pay for nothing)."""
        self.start = sums or no_updates(network, data)
        self.batch = batch
        self.widths = [len(b) for b in network.b]
        step = batch * sum(self.widths)
        fitting = min(self.MOST_SLOTS, max(self.SMALL_BUFFER // step, self.FEWEST_SLOTS), max(steps, 1))
        self.slots = fitting if step <= self.SMALL_STEP else 0
        self.buffers = [np.zeros((self.slots, batch * n)) for n in self.widths]
        # Per slot, its layers' (batch, n_k) views, made once.
        self.views = [
            tuple(buffer[s].reshape(batch, n) for buffer, n in zip(self.buffers, self.widths, strict=True))
            for s in range(self.slots)
        ]
        self.ones = np.ones(max(self.slots, 1) * batch)
        self.sums = [np.zeros(n) for n in self.widths]  # per neuron, |delta| added up
        self.used = 0  # slots of the buffer filled since it was last added up
        self.pending: list[Array] = []  # a large step's deltas, not added up yet
        self.scale = lr * batch  # a short last batch counts as a full one: a slightly larger bound

    def slot(self, rows: int) -> Sequence[Array]:
        """Per layer, a (rows, n_k) array for this step's deltas (to be overwritten, never read first)."""
        if not self.slots:
            self._add_up()
            self.pending = [np.empty((rows, n)) for n in self.widths]
            return self.pending
        if self.used == self.slots:
            self._add_up()
        s = self.used
        self.used = s + 1
        if rows == self.batch:
            return self.views[s]
        out = []
        for buffer, n in zip(self.buffers, self.widths, strict=True):
            buffer[s, rows * n :] = 0.0  # a short batch leaves the rest of its slot out of the sum
            out.append(buffer[s, : rows * n].reshape(rows, n))
        return out

    def _add_up(self) -> None:
        if self.pending:
            for delta, sums in zip(self.pending, self.sums, strict=True):
                sums += self.ones[: len(delta)] @ np.abs(delta)
            self.pending = []
        if self.used:
            for buffer, sums, n in zip(self.buffers, self.sums, self.widths, strict=True):
                used = buffer[: self.used]
                np.abs(used, out=used)
                sums += self.ones[: self.used * self.batch] @ used.reshape(-1, n)
            self.used = 0

    def total(self) -> UpdateSums:
        self._add_up()
        return self.start.grown([self.scale * sums for sums in self.sums])
