"""The way the weights went: the networks a run passed through and two weights' values along them."""

from collections.abc import Iterable

import numpy as np

from ..distinct import distinct
from ..network import Network
from ..state import CycleState

Array = np.ndarray


def history_states(cycle) -> list[CycleState]:
    """The states a LearningCycle has been in, oldest first, ending with the current one."""
    return cycle.history_states()


def network_path(
    states: Iterable[CycleState], since: Network | None = None, max_points: int | None = None
) -> tuple[Network, ...]:
    """The networks a list of states went through, oldest first, each once.

    A trained state adds the networks its training passed through. With
    `since` (the run's first network), the path starts at the last state
    that had it, so a reset starts a new path. With `max_points`, a long
    path keeps that many networks, evenly spread, the last one included.
    """
    states = list(states)
    start = 0
    if since is not None:
        for n, state in enumerate(states):
            if state.network is since:
                start = n
    networks: list[Network] = []
    seen: set[int] = set()  # networks already on the path (phases without an update share one)
    for state in states[start:]:
        for net in (*state.trained_path, state.network):
            if id(net) not in seen:
                seen.add(id(net))
                networks.append(net)
    if max_points is not None and len(networks) > max(max_points, 2):
        keep = distinct(np.linspace(len(networks) - 1, 0, max(max_points, 2)).round().astype(int))
        networks = [networks[i] for i in keep]
    return tuple(networks)


def path_points(networks: Iterable[Network], layer: int, w1: tuple[int, int], w2: tuple[int, int]) -> Array:
    """The (w1, w2) values of layer `layer` along a list of networks, shape (k, 2); repeats dropped."""
    points: list[tuple[float, float]] = []
    for net in networks:
        W = net.W[layer - 1]
        point = (float(W[w1]), float(W[w2]))
        if not points or point != points[-1]:
            points.append(point)
    return np.array(points, dtype=np.float64).reshape(-1, 2)


def weight_path(
    states: Iterable[CycleState], layer: int, w1: tuple[int, int], w2: tuple[int, int], since: Network | None = None
) -> Array:
    """The (w1, w2) values along a list of states, shape (k, 2).

    Repeats (phases that did not update) are dropped. With `since` (the
    lesson's first network), the path starts at the last state that had it,
    so a reset starts a new path.
    """
    return path_points(network_path(states, since), layer, w1, w2)
