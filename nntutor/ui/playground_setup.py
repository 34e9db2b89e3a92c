"""What a playground run starts from (a lesson's network and data, without starting weights), and building it.

A Setup is exactly what a lesson file's [network] and [data] say, so a run
built here has the numbers a lesson of that setup has. A setup that cannot
be built raises PlaygroundError with a message the screen shows as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from nntutor.curriculum.build import build_cycle, build_dataset
from nntutor.curriculum.model import DataSpec, NetworkSpec
from nntutor.engine import DATASET_NAMES, LIMITS, EngineError


class PlaygroundError(Exception):
    """An edit the playground refuses; the message says why (nothing changed)."""


@dataclass(frozen=True)
class Setup:
    """Everything a run starts from: a lesson's network and data, without starting weights."""

    network: NetworkSpec
    data: DataSpec

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.data.options)

    def with_options(self, **changes: Any) -> Setup:
        return replace(self, data=replace(self.data, options=tuple({**self.options, **changes}.items())))

    def with_network(self, **changes: Any) -> Setup:
        return replace(self, network=replace(self.network, **changes))


def default_setup(
    layers=None,
    activations=None,
    loss=None,
    dataset=None,
    samples=None,
    noise=None,
    lr=None,
    batch=None,
    seed=None,
    l2=None,
    test_fraction=None,
) -> Setup:
    """The playground's start; the arguments are `nntutor play`'s options (the same as `trace`'s)."""
    dataset = dataset or "circle"
    if dataset not in DATASET_NAMES:
        raise PlaygroundError(f"unknown data set {dataset!r}; choose one of {', '.join(DATASET_NAMES)}")
    seed = 0 if seed is None else seed
    options = {
        "samples": 100 if samples is None else samples,
        "noise": 0.1 if noise is None else float(noise),
        "seed": seed,
        "test_fraction": 0.2 if test_fraction is None else float(test_fraction),
    }
    probe = dataset_of(DataSpec(dataset, tuple(options.items())))
    layers = list(layers or [probe.n_inputs, 4, 4, probe.n_outputs])
    output, default_loss = output_for(probe)
    activations = list(activations or ["tanh"] * (len(layers) - 2) + [output])
    net = NetworkSpec(
        tuple(layers),
        tuple(activations),
        loss or default_loss,
        0.1 if lr is None else lr,
        batch or "full",
        seed,
        l2=0.0 if l2 is None else l2,
    )
    setup = Setup(net, DataSpec(dataset, tuple(options.items())))
    build_setup(setup)  # bad options are reported here, before any screen opens
    return setup


def setup_of(network: NetworkSpec, data: DataSpec, lr: float, l2: float) -> Setup:
    """A lesson's run as a playground setup: its network and data at this rate and L2, from its seed.

    The file's starting weights are dropped: the playground's edits change the
    layers, and a fresh network of any shape starts from the seed.
    """
    spec = replace(network, lr=lr, l2=l2, weights=None, biases=None)
    setup = Setup(spec, data)
    build_setup(setup)
    return setup


def build_setup(setup: Setup) -> Any:
    """The learning cycle of `setup`; PlaygroundError if the limits or the data refuse it."""
    try:
        LIMITS.check_network(list(setup.network.layers))
        data = dataset_of(setup.data)
        options = setup.options
        if options.get("test_fraction", 0) > 0 and len(data.x_test) == 0:
            raise PlaygroundError(
                f"{options.get('samples')} samples are too few for a test fraction of "
                f"{options['test_fraction']:g}: no sample would be left for testing"
            )
        return build_cycle(setup.network, setup.data)
    except EngineError as exc:
        raise PlaygroundError(str(exc)) from None


def dataset_of(spec: DataSpec) -> Any:
    try:
        return build_dataset(spec)
    except EngineError as exc:
        raise PlaygroundError(str(exc)) from None


def output_for(data: Any) -> tuple[str, str]:
    """The output activation and loss that suit the data: classes get probabilities, numbers a line."""
    if data.task == "classification":
        return ("softmax", "cross_entropy") if data.n_outputs > 1 else ("sigmoid", "binary_cross_entropy")
    return "linear", "squared_error"


def output_activations(loss: str) -> tuple[str, ...]:
    """The output activations `loss` accepts, the one a change of loss picks first."""
    if loss == "binary_cross_entropy":
        return ("sigmoid",)
    if loss == "cross_entropy":
        return ("softmax",)
    return ("linear", "sigmoid", "tanh", "relu")
