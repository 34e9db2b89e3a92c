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
    """Where the training loop writes every step's deltas, so the rounding bound costs no work a step.

    Each step's per-layer deltas are computed straight into a slot of a
    preallocated buffer (views of shape (batch, n_k)); when the slots run out,
    their |delta| is added up in three numpy calls, and `total` sums the
    rows once, at the end. A per-step np.abs and add for every layer cost
    about a tenth of a small network's whole step.
    """

    BYTES = 1 << 20  # at most this much buffer (at least one step's deltas)

    def __init__(self, sums: UpdateSums | None, network: Network, data: Dataset, lr: float, batch: int):
        self.start = sums or no_updates(network, data)
        self.batch = batch
        widths = [len(b) for b in network.b]
        self.ends = np.cumsum([0] + [batch * n for n in widths]).tolist()  # each layer's segment of a slot
        self.widths = widths
        slots = max(1, min(256, self.BYTES // (8 * self.ends[-1])))
        self.buffer = np.zeros((slots, self.ends[-1]))
        self.full_slots = [self._views(row, batch) for row in self.buffer]
        self.sums = np.zeros(self.ends[-1])  # |delta| added up, flat like a slot
        self.used = 0
        self.scale = lr * batch  # a short last batch counts as a full one: a slightly larger bound

    def _views(self, row: Array, rows: int) -> list[Array]:
        return [row[lo : lo + rows * n].reshape(rows, n) for lo, n in zip(self.ends, self.widths, strict=False)]

    def slot(self, rows: int) -> list[Array]:
        """Per layer, a (rows, n_k) array for this step's deltas (overwritten, never read before written)."""
        if self.used == len(self.buffer):
            self._add_up()
        row = self.buffer[self.used]
        self.used += 1
        if rows == self.batch:
            return self.full_slots[self.used - 1]
        for lo, hi, n in zip(self.ends, self.ends[1:], self.widths, strict=False):
            row[lo + rows * n : hi] = 0.0  # a short batch leaves the rest of its layer's segment out of the sum
        return self._views(row, rows)

    def _add_up(self) -> None:
        used = self.buffer[: self.used]
        np.abs(used, out=used)
        self.sums += used.sum(axis=0)
        self.used = 0

    def total(self) -> UpdateSums:
        self._add_up()
        sizes = [
            self.scale * self.sums[lo:hi].reshape(self.batch, n).sum(axis=0)
            for lo, hi, n in zip(self.ends, self.ends[1:], self.widths, strict=False)
        ]
        return self.start.grown(sizes)
