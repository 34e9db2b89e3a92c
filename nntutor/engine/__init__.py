"""The numpy engine: networks, losses, datasets and the learning cycle.

Nothing here imports a UI library; the UI reads these objects and formats
what it finds.
"""

from .activations import ACTIVATIONS
from .backprop import backprop
from .cycle import LearningCycle, PhaseRecord, parse_batch
from .datasets import DATASET_NAMES, Dataset, make_dataset
from .errors import EngineError
from .gradcheck import gradient_check
from .limits import LIMITS, Limits
from .losses import LOSSES
from .network import Network
from .phases import Phase, phase_sequence
from .state import CycleState, EpochRecord

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
