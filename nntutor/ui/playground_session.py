"""The playground: a learning cycle without a script, whose setup the learner edits.

No Textual here: the playground screen drives a PlaygroundSession and draws
what it holds, and tests drive one directly.

The setup is what a lesson file's [network] and [data] say (the same
NetworkSpec and DataSpec), and every cycle is built from it exactly as a
lesson builds its own, so a saved experiment reopens with the same numbers.

- The rate and the L2 strength change the running network in place (one
  undoable step of its cycle), as a lesson's ``set lr`` does; a new run
  starts with the values they have then.
- Every other edit (data set, samples, noise, test fraction, layers,
  neurons, activations, loss, batch, seed) needs a fresh network: it starts
  a new *run* and keeps the one it ends for the charts, as lessons' runs do.
- Undo walks back through the cycle's own history, then through the edits:
  undoing an edit brings back the previous run exactly as it was left.
- A bad edit (a network beyond the limits, too few samples for the test
  fraction) raises PlaygroundError with a clear message and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from nntutor.curriculum.export import RunSetup
from nntutor.curriculum.model import Step
from nntutor.engine import DATASET_NAMES

from .playground_setup import PlaygroundError, Setup, build_setup, dataset_of, output_activations, output_for
from .runs import Run, keep_run, path_points_for, run_path_points_for

HIDDEN_ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
SAMPLES = (10, 20, 50, 100, 200, 500, 1000)
NOISE = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)
TEST_FRACTIONS = (0.0, 0.1, 0.2, 0.3, 0.5)
BATCHES: tuple[str | int, ...] = (1, 5, 10, 25, 50, "full")
L2_LADDER = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
NEW_HIDDEN_SIZE = 4


@dataclass(frozen=True)
class NoScript:
    """What the lesson screen reads of a lesson, for a session that has none: one open step, no quizzes."""

    title: str = "Playground"
    steps: tuple[Step, ...] = (Step("Playground", ""),)
    surface: None = None
    id: str = "playground"


class PlaygroundSession:
    """A session without a script: the stepping core reads it as a lesson of one open step."""

    lesson = NoScript()
    index = 0
    n_steps = 1
    action_done = True
    is_last = True

    def __init__(self, setup: Setup):
        self.setup = setup
        self.cycle = build_setup(setup)
        self.runs: tuple[Run, ...] = ()  # earlier runs, for the charts (oldest first)
        self.run_setups: tuple[tuple[Setup, Any, str], ...] = ()  # the kept runs' setups, cycles, labels: for saving
        self.run_label = "run 1"
        self._edits: list[_Snapshot] = []  # what undo of an edit goes back to
        # (the snapshot redo restores, the one undo went back to, whether its cycle could redo then)
        self._redo_edits: list[tuple[_Snapshot, _Snapshot, bool]] = []

    @property
    def cycle(self) -> Any:
        """The network under way (an engine LearningCycle)."""
        return self._cycle

    @cycle.setter
    def cycle(self, cycle: Any) -> None:
        cycle.path_points = path_points_for(self.lesson)  # none: no chart here draws the descent
        self._cycle = cycle

    # -- the script interface: there is nothing to ask, finish or move to --------------------------------
    @property
    def step(self) -> Step:
        return self.lesson.steps[0]

    def todo(self) -> str:
        return "edit the network with the keys (? lists them), step it, train it with t"

    def quizzes_due(self, phase: str | None) -> list[Any]:
        return []

    def train_epochs(self) -> int | None:
        return None  # t trains until a key stops it

    def apply_entry_action(self) -> None:
        pass

    def phase_ran(self, phase: Any) -> None:
        pass

    def trained(self) -> None:
        pass

    def finish_step(self) -> list[str]:
        return []

    def next_step(self) -> bool:
        return False

    def previous_step(self) -> bool:
        return False

    # -- undo and redo: the cycle's own history first, then the edits ------------------------------
    @property
    def can_undo(self) -> bool:
        return self.cycle.can_undo or bool(self._edits)

    @property
    def can_redo(self) -> bool:
        return self._redo_edit_ready() or self.cycle.can_redo

    def undo(self) -> bool:
        if self.cycle.can_undo:
            return self.cycle.undo()
        if not self._edits:
            return False
        left = self._snapshot()
        previous = self._edits.pop()
        self._restore(previous)
        self._redo_edits.append((left, previous, self.cycle.can_redo))
        return True

    def redo(self) -> bool:
        if self._redo_edit_ready():
            target, _, _ = self._redo_edits.pop()
            self._edits.append(self._snapshot())
            self._restore(target)
            return True
        return self.cycle.redo()

    def _redo_edit_ready(self) -> bool:
        """An undone edit can be redone while the run it went back to is where undo left it.

        A phase run and undone there since leaves the same state but a redo of its own (which
        then comes first): the cycle's redo must be as it was when the edit was undone.
        """
        if not self._redo_edits:
            return False
        _, previous, could_redo = self._redo_edits[-1]
        return self.cycle is previous.cycle and self.cycle.state is previous.state and self.cycle.can_redo == could_redo

    # -- edits that keep the network: rate and L2 ---------------------------------------------------
    def set_lr(self, lr: float) -> str:
        self.cycle.set_lr(lr)
        return f"learning rate {lr:g} (the same network; ⌫ undoes)"

    def set_l2(self, l2: float) -> str:
        self.cycle.set_l2(l2)
        return f"L2 strength {l2:g} (the same network; ⌫ undoes)"

    def step_l2(self, up: bool) -> str:
        return self.set_l2(_ladder(L2_LADDER, self.cycle.state.l2, up))

    # -- edits that need a fresh network ------------------------------------------------------------
    def next_dataset(self, step: int = 1) -> str:
        names = DATASET_NAMES
        name = names[(names.index(self.setup.data.dataset) + step) % len(names)]
        probe = dataset_of(replace(self.setup.data, dataset=name))
        layers = list(self.setup.network.layers)
        layers[0], layers[-1] = probe.n_inputs, probe.n_outputs
        output, loss = output_for(probe)
        acts = list(self.setup.network.activations)
        acts[-1] = output
        setup = replace(self.setup, data=replace(self.setup.data, dataset=name)).with_network(
            layers=tuple(layers), activations=tuple(acts), loss=loss
        )
        return self._new_run(
            setup, f"data set {name} ({probe.task}, {probe.n_inputs} input{'s' if probe.n_inputs > 1 else ''})"
        )

    def step_samples(self, up: bool) -> str:
        n = _ladder(SAMPLES, self.setup.options.get("samples", 100), up)
        return self._new_run(self.setup.with_options(samples=n), f"{n} samples")

    def step_noise(self, up: bool) -> str:
        noise = _ladder(NOISE, self.setup.options.get("noise", 0.0), up)
        return self._new_run(self.setup.with_options(noise=noise), f"noise {noise:g}")

    def step_test_fraction(self, up: bool) -> str:
        fraction = _ladder(TEST_FRACTIONS, self.setup.options.get("test_fraction", 0.0), up)
        return self._new_run(self.setup.with_options(test_fraction=fraction), f"test fraction {fraction:g}")

    def next_batch(self, step: int = 1) -> str:
        """The next batch size on BATCHES (those smaller than the training set, then full), round again."""
        n_train = len(self.cycle.data.x_train)
        current = self.setup.network.batch
        sizes = [b for b in BATCHES if b == "full" or (isinstance(b, int) and b < n_train)]
        index = sizes.index(current) if current in sizes else len(sizes) - 1
        batch = sizes[(index + step) % len(sizes)]
        return self._new_run(self.setup.with_network(batch=batch), f"batch {batch}")

    def new_weights(self, step: int = 1) -> str:
        seed = max(0, self.setup.network.seed + step)
        return self._new_run(self.setup.with_network(seed=seed), f"seed {seed}: new random weights")

    def add_layer(self, after: int) -> str:
        """A hidden layer after layer `after` (0 = the inputs), as wide as that layer's neighbours suggest."""
        net = self.setup.network
        after = max(0, min(after, net.depth - 1))
        size = net.layers[after] if 0 < after else NEW_HIDDEN_SIZE
        layers = net.layers[: after + 1] + (size,) + net.layers[after + 1 :]
        acts = net.activations[:after] + ("tanh",) + net.activations[after:]
        return self._new_run(
            self.setup.with_network(layers=layers, activations=acts), f"added hidden layer {after + 1} ({size} neurons)"
        )

    def remove_layer(self, layer: int) -> str:
        net = self.setup.network
        if not 1 <= layer < net.depth:
            raise PlaygroundError("select a hidden layer to remove (the inputs and outputs stay)")
        layers = net.layers[:layer] + net.layers[layer + 1 :]
        acts = net.activations[: layer - 1] + net.activations[layer:]
        return self._new_run(self.setup.with_network(layers=layers, activations=acts), f"removed hidden layer {layer}")

    def resize_layer(self, layer: int, delta: int) -> str:
        net = self.setup.network
        if not 1 <= layer < net.depth:
            raise PlaygroundError("select a neuron of a hidden layer: the inputs and outputs are fixed by the data")
        size = net.layers[layer] + delta
        if size < 1:
            raise PlaygroundError(f"layer {layer} has one neuron left; remove the layer instead (Y)")
        layers = net.layers[:layer] + (size,) + net.layers[layer + 1 :]
        return self._new_run(self.setup.with_network(layers=layers), f"layer {layer}: {size} neurons")

    def next_activation(self, layer: int) -> str:
        net = self.setup.network
        if not 1 <= layer <= net.depth:
            raise PlaygroundError("select a neuron or weight of a layer first")
        if layer == net.depth:
            choices = output_activations(net.loss)
        else:
            choices = HIDDEN_ACTIVATIONS
        current = net.activations[layer - 1]
        if len(choices) == 1:
            raise PlaygroundError(f"{net.loss.replace('_', ' ')} needs {choices[0]} outputs; change the loss (e) first")
        name = choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[0]
        acts = net.activations[: layer - 1] + (name,) + net.activations[layer:]
        return self._new_run(self.setup.with_network(activations=acts), f"layer {layer}: {name}")

    def next_loss(self) -> str:
        net = self.setup.network
        data = self.cycle.data
        if data.task == "classification":
            losses = (
                ("cross_entropy", "squared_error")
                if data.n_outputs > 1
                else ("binary_cross_entropy", "squared_error", "half_squared_error")
            )
        else:
            losses = ("squared_error", "half_squared_error")
        loss = losses[(losses.index(net.loss) + 1) % len(losses)] if net.loss in losses else losses[0]
        acts = list(net.activations)
        if acts[-1] not in output_activations(loss):
            acts[-1] = output_activations(loss)[0]
        return self._new_run(
            self.setup.with_network(loss=loss, activations=tuple(acts)),
            f"loss {loss.replace('_', ' ')} ({acts[-1]} outputs)",
        )

    def _new_run(self, setup: Setup, what: str) -> str:
        """Start a fresh network from `setup`, keeping the run it ends; refuse (changing nothing) if it cannot be built.

        The rate and L2 strength carry over as the running network has them now.
        """
        setup = setup.with_network(lr=self.cycle.state.lr, l2=self.cycle.state.l2)
        cycle = build_setup(setup)
        self._edits.append(self._snapshot())
        self._redo_edits.clear()
        old, old_label = self.cycle, self.run_label
        kept = keep_run(self.runs, old_label, old, run_path_points_for(self.lesson))
        note = ""
        if kept is not self.runs:
            self.run_setups = self.run_setups + ((self.setup, old, old_label),)
            note = f"; {old_label.split(':')[0]} stays on the loss chart to compare"
        self.runs = kept
        self.setup, self.cycle = setup, cycle
        self.run_label = _label(what, len(self.run_setups) + 1)
        return f"{what}: a fresh network{note}"

    # -- saving ----------------------------------------------------------------------------------------
    def run_recipes(self) -> list[RunSetup]:
        """Every kept run and the current one, as the lesson export needs them (whole epochs)."""
        recipes = []
        for setup, cycle, label in (*self.run_setups, (self.setup, self.cycle, self.run_label)):
            net = cycle.initial.network
            spec = replace(
                setup.network,
                lr=cycle.state.lr,
                l2=cycle.state.l2,
                weights=tuple(tuple(tuple(float(v) for v in row) for row in w) for w in net.W),
                biases=tuple(tuple(float(v) for v in b) for b in net.b),
            )
            recipes.append(RunSetup(label, spec, setup.data, cycle.state.epoch - 1))
        return recipes

    # -- snapshots of everything an edit changes ---------------------------------------------------------
    def _snapshot(self) -> _Snapshot:
        return _Snapshot(self.setup, self.cycle, self.cycle.state, self.runs, self.run_setups, self.run_label)

    def _restore(self, snap: _Snapshot) -> None:
        self.setup, self.cycle, self.runs, self.run_setups, self.run_label = (
            snap.setup,
            snap.cycle,
            snap.runs,
            snap.run_setups,
            snap.run_label,
        )


@dataclass(frozen=True)
class _Snapshot:
    setup: Setup
    cycle: Any
    state: Any  # the cycle's state when the snapshot was taken
    runs: tuple
    run_setups: tuple
    run_label: str


def _ladder(values: tuple, current: Any, up: bool) -> Any:
    if up:
        return next((v for v in values if v > current), values[-1])
    return next((v for v in reversed(values) if v < current), values[0])


def _label(what: str, n: int) -> str:
    text = f"run {n}: {what}"
    return text if len(text) <= 40 else text[:39] + "…"
