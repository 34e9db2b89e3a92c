"""The numpy engine: networks, losses, datasets and the learning cycle.

Nothing here imports a UI library; the UI reads these objects and formats
what it finds.

The names below load their module (and numpy) when first used, not when the
package is imported: reading a lesson file needs only ``errors``, ``limits``,
``names`` and ``phases``, which are numpy-free, so a lesson's first screen is
drawn before numpy loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nntutor.lazy_names import lazy_names

if TYPE_CHECKING:  # what type checkers see; at run time, lazy_names below
    from .activations import ACTIVATIONS
    from .backprop import backprop
    from .cycle import LearningCycle
    from .datasets import Dataset, make_dataset
    from .errors import EngineError
    from .gradcheck import gradient_check
    from .limits import LIMITS, Limits
    from .losses import LOSSES
    from .names import DATASET_NAMES
    from .network import Network
    from .phase_run import PhaseRecord
    from .phases import Phase, phase_sequence
    from .schedule import parse_batch
    from .state import CycleState, EpochRecord

# Each public name and the module (in this package) that defines it.
_HOMES = {
    "ACTIVATIONS": "activations",
    "DATASET_NAMES": "names",
    "LIMITS": "limits",
    "LOSSES": "losses",
    "CycleState": "state",
    "Dataset": "datasets",
    "EngineError": "errors",
    "EpochRecord": "state",
    "LearningCycle": "cycle",
    "Limits": "limits",
    "Network": "network",
    "Phase": "phases",
    "PhaseRecord": "phase_run",
    "backprop": "backprop",
    "gradient_check": "gradcheck",
    "make_dataset": "datasets",
    "parse_batch": "schedule",
    "phase_sequence": "phases",
}

__all__ = [
    "ACTIVATIONS",
    "DATASET_NAMES",
    "LIMITS",
    "LOSSES",
    "CycleState",
    "Dataset",
    "EngineError",
    "EpochRecord",
    "LearningCycle",
    "Limits",
    "Network",
    "Phase",
    "PhaseRecord",
    "backprop",
    "gradient_check",
    "make_dataset",
    "parse_batch",
    "phase_sequence",
]

lazy_names(__name__, _HOMES)
