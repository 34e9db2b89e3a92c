"""The lesson model: what a validated lesson file says, as frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nntutor.engine.errors import EngineError
from nntutor.engine.limits import LIMITS
from nntutor.engine.names import DataShape, dataset_shape

from .goal import Goal, goal_quiz_id
from .paths import QuantityPath
from .quiz import Quiz

Matrix = tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class NetworkSpec:
    layers: tuple[int, ...]  # sizes, input included
    activations: tuple[str, ...]  # one per weight layer
    loss: str
    lr: float
    batch: str | int  # "full" or samples per step
    seed: int = 0
    weights: tuple[Matrix, ...] | None = None  # per layer, (n_in, n_out)
    biases: tuple[tuple[float, ...], ...] | None = None  # per layer, (n_out,)
    l2: float = 0.0  # L2 strength: the loss adds l2/2 * sum W^2

    @property
    def depth(self) -> int:
        return len(self.layers) - 1


@dataclass(frozen=True)
class DataSpec:
    dataset: str | None = None  # a named engine dataset, or None for inline samples
    options: tuple[tuple[str, Any], ...] = ()  # samples, noise, seed, test_fraction, ...
    inputs: Matrix | None = None
    targets: Matrix | None = None

    def samples(self) -> tuple[Matrix, Matrix]:
        """The inputs and targets given in the file, for a spec that names no dataset."""
        assert self.inputs is not None and self.targets is not None, "the schema gives inline data both, or a dataset"
        return self.inputs, self.targets

    def shape(self) -> DataShape:
        """Inputs, outputs and training samples, as the engine will build them (EngineError if it would
        refuse), known without building the data: reading a lesson does not load numpy."""
        if self.dataset is not None:
            return dataset_shape(self.dataset, **dict(self.options))
        inputs, targets = self.samples()
        if len(inputs) != len(targets):
            raise EngineError(f"{len(inputs)} inputs but {len(targets)} targets; each sample needs one of each")
        LIMITS.check_samples(len(inputs))
        for what, rows in (("inputs", inputs), ("targets", targets)):
            if len({len(row) for row in rows}) != 1:
                raise EngineError(f"{what} must be a list of samples, each a list of numbers of one length")
        classes = all(value in (0, 1) for row in targets for value in row)  # as the engine tells them apart
        return DataShape(len(inputs[0]), len(targets[0]), len(inputs), 0, "classification" if classes else "regression")


@dataclass(frozen=True)
class Action:
    """What a step does: read | cycle | train | set | reset | nudge | playground."""

    do: str = "read"
    until: str | None = None  # cycle: the last phase to run
    epochs: int | None = None  # train
    lr: float | None = None  # set
    batch: str | int | None = None  # set
    reset: bool = False  # set: also start the network afresh
    # set: when the step starts a new run (a fresh network), the settings of
    # that run with every earlier step's changes already applied, and its name.
    network: NetworkSpec | None = None
    data: DataSpec | None = None
    label: str | None = None
    # nudge: the parameter (a W or b path) and its change or its new value.
    parameter: QuantityPath | None = None
    by: float | None = None
    to: float | None = None
    l2: float | None = None  # set: a new L2 strength (in place, like lr, unless the step starts a new run)
    goal: Goal | None = None  # playground: what the learner's own network must reach

    @property
    def starts_run(self) -> bool:
        return self.new_run is not None

    @property
    def new_run(self) -> tuple[NetworkSpec, DataSpec] | None:
        """The network and data of the run this step starts (the schema sets both or neither), or None."""
        if self.network is None or self.data is None:
            return None
        return self.network, self.data


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    action: Action = Action()
    show: str | None = None  # panel hint: network | loss | function | regions | surface | curve
    quizzes: tuple[Quiz, ...] = ()

    def quizzes_before(self, phase: str | None) -> tuple[Quiz, ...]:
        """The quizzes to ask just before ``phase`` (a phase text or "train") runs;
        None gives those asked as the step begins."""
        return tuple(q for q in self.quizzes if q.reveal == phase)


@dataclass(frozen=True)
class SurfaceSpec:
    """Which two weights the loss-surface chart spans, and over what ranges."""

    layer: int  # both weights are in this layer (1-based)
    w1: tuple[int, int]  # (i, j) of the first weight, drawn across
    w2: tuple[int, int]  # (i, j) of the second, drawn up
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None  # None: fitted to the path


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    summary: str
    network: NetworkSpec
    data: DataSpec
    steps: tuple[Step, ...]
    path: Path | None = field(default=None, compare=False)
    format_version: int = 1
    surface: SurfaceSpec | None = None
    digest: str = field(default="", compare=False)  # sha256 of the file's bytes ("" when not from a file)

    @property
    def quizzes(self) -> tuple[Quiz, ...]:
        return tuple(q for step in self.steps for q in step.quizzes)

    # What the lesson list and the progress reports count (a ListedLesson, listing.py, has the same).
    @property
    def step_count(self) -> int:
        return len(self.steps)

    @property
    def quiz_ids(self) -> tuple[str, ...]:
        return tuple(quiz.id for quiz in self.quizzes)

    @property
    def goal_ids(self) -> tuple[str, ...]:
        """The ids the playground steps' goals are saved under in the progress."""
        return tuple(goal_quiz_id(i) for i, step in enumerate(self.steps) if step.action.do == "playground")

    def build_cycle(
        self,
        *,
        lr: float | None = None,
        batch: str | int | None = None,
        seed: int | None = None,
        l2: float | None = None,
        history_budget: int | None = None,
    ) -> Any:
        """A fresh engine LearningCycle at the lesson's start (the arguments override the file's)."""
        from .build import build_cycle  # the engine and numpy load here, not to read a lesson file

        return build_cycle(self.network, self.data, lr=lr, batch=batch, seed=seed, l2=l2, history_budget=history_budget)
