"""Turning a lesson's network and data specs into engine objects."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from nntutor.engine import Dataset, LearningCycle, Network, make_dataset

if TYPE_CHECKING:
    from .model import DataSpec, NetworkSpec


def build_network(spec: NetworkSpec) -> Network:
    if spec.weights is None:
        net = Network.from_seed(list(spec.layers), list(spec.activations), seed=spec.seed)
        if spec.biases is None:
            return net
        return Network(net.W, _arrays(spec.biases), spec.activations)
    biases = spec.biases if spec.biases is not None else tuple((0.0,) * n for n in spec.layers[1:])
    return Network(_arrays(spec.weights), _arrays(biases), spec.activations)


def _arrays(values: tuple[Any, ...]) -> tuple[np.ndarray, ...]:
    """A lesson's nested tuples of numbers, one array per layer, as Network takes them."""
    return tuple(np.asarray(v, dtype=np.float64) for v in values)


def build_dataset(spec: DataSpec) -> Dataset:
    if spec.dataset is not None:
        return make_dataset(spec.dataset, **dict(spec.options))
    return Dataset.from_arrays(*spec.samples())


def build_cycle(
    net: NetworkSpec,
    data: DataSpec,
    *,
    lr: float | None = None,
    batch: str | int | None = None,
    seed: int | None = None,
    l2: float | None = None,
    history_budget: int | None = None,
) -> LearningCycle:
    """A fresh cycle from a network and data spec; ``lr``, ``batch``, ``seed`` and ``l2`` override the spec's.

    ``seed`` sets both the starting weights (when the file gives none) and the
    shuffle; the data keeps its own ``data.seed``. ``history_budget`` bounds the
    undo history in bytes (default: the engine's; the headless walk keeps none).
    """
    extra = {} if history_budget is None else {"history_budget": history_budget}
    if seed is not None:
        net = replace(net, seed=seed)
    return LearningCycle(
        build_network(net),
        build_dataset(data),
        loss=net.loss,
        lr=net.lr if lr is None else lr,
        batch=net.batch if batch is None else batch,
        seed=net.seed,
        l2=net.l2 if l2 is None else l2,
        **extra,
    )
