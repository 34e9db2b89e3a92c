"""Limits that keep a careless setting from eating the machine.

The limits exist so that a lesson file or a command line cannot ask for
gigabytes. A layer may hold 100 neurons: the source text compares one hidden
layer of 100 with two of 11 and 9, and the network panel draws only the
neurons on screen, so a wide layer costs no more to show than a narrow one.
"""

from dataclasses import dataclass

from .errors import EngineError


@dataclass(frozen=True)
class Limits:
    max_layers: int = 8  # weight layers, not counting the input
    max_neurons: int = 100  # in any one layer, the input included
    max_samples: int = 5000  # in a dataset, training and test together
    max_epochs: int = 100_000  # in one call to train

    def check_network(self, layers: list[int]) -> None:
        if len(layers) < 2:
            raise EngineError(f"a network needs at least 2 layer sizes (input and output), got {len(layers)}")
        if len(layers) - 1 > self.max_layers:
            raise EngineError(f"at most {self.max_layers} weight layers are allowed, got {len(layers) - 1}")
        for k, size in enumerate(layers):
            if not isinstance(size, int) or isinstance(size, bool) or size < 1:
                raise EngineError(f"layer {k} size must be a positive whole number, got {size!r}")
            if size > self.max_neurons:
                raise EngineError(f"layer {k} has {size} neurons; at most {self.max_neurons} are allowed")

    def check_samples(self, count: int) -> None:
        if count > self.max_samples:
            raise EngineError(f"{count} samples requested; at most {self.max_samples} are allowed")

    def check_epochs(self, epochs: int) -> None:
        if epochs < 0 or epochs > self.max_epochs:
            raise EngineError(f"epochs must be between 0 and {self.max_epochs}, got {epochs}")


LIMITS = Limits()
