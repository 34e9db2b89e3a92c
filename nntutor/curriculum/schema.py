"""The lesson format: one table of fields per TOML table, then the checks
that span fields (shapes against layer sizes, quiz paths against the network,
reveal phases against the step's action). Builds the Lesson model.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from nntutor.engine import ACTIVATIONS, LIMITS, LOSSES, EngineError
from nntutor.engine.datasets import DATASET_NAMES
from nntutor.engine.phases import Phase
from nntutor.engine.regularization import MAX_L2

from . import limits
from .fields import (
    Field,
    Invalid,
    boolean,
    check_table,
    describe,
    described,
    integer,
    list_of,
    number,
    one_of,
    slug,
    text,
)
from .goal import ACCURACY_GOALS, GOAL_FIELDS, TEST_GOALS, Goal
from .model import Action, DataSpec, Lesson, NetworkSpec, Step, SurfaceSpec
from .paths import parse_path
from .problems import Problem
from .quiz import DIRECTIONS, Quiz
from .quiz_words import rough_words_warning

FORMAT_VERSION = 1
ACTIONS = ("read", "cycle", "train", "set", "reset", "nudge", "playground")
PANELS = ("network", "loss", "function", "regions", "surface", "curve")
QUIZ_KINDS = ("number", "choice", "direction")
DATASET_OPTIONS = ("samples", "noise", "seed", "test_fraction", "standardize", "scale", "one_hot")


def _batch(value: Any) -> str | int:
    if value == "full" or (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= LIMITS.max_samples):
        return value
    raise Invalid(
        f'expected "full" or a whole number of samples per step from 1 to {LIMITS.max_samples}, got {describe(value)}'
    )


def _phase(value: Any) -> str:
    kinds = '"sample", "forward K", "loss", "backward K", "update"'
    if not isinstance(value, str) or len(value) > 20:
        raise Invalid(f"expected a phase: {kinds}, got {describe(value)}")
    return " ".join(value.split())


def _reveal(value: Any) -> str:
    if value == "train":
        return value
    return _phase(value)


_PHASE_SCHEMA = {
    "type": "string",
    "maxLength": 20,
    "description": 'a phase: "sample", "forward K", "loss", "backward K" or "update"',
}
described(_batch, {"oneOf": [{"const": "full"}, {"type": "integer", "minimum": 1, "maximum": LIMITS.max_samples}]})
described(_phase, _PHASE_SCHEMA)
described(_reveal, {**_PHASE_SCHEMA, "description": 'a phase (see "until"), or "train"'})


def _numbers(depth: int, max_len: int) -> Any:
    """Nested lists ``depth`` deep of finite numbers."""
    check = number()
    for _ in range(depth):
        check = list_of(check, min_len=1, max_len=max_len, what="a list")
    return check


_SEED = integer(0, 2**32 - 1)
_MAX_WIDTH = LIMITS.max_neurons

TOP_FIELDS = {
    "format_version": Field(integer(0, 10**6), required=True),
    "id": Field(slug, required=True),
    "title": Field(text(limits.MAX_TITLE, one_line=True), required=True),
    "summary": Field(text(limits.MAX_SUMMARY, empty=True, one_line=True)),
    "network": Field(lambda v: v, required=True),
    "data": Field(lambda v: v, required=True),
    "steps": Field(lambda v: v, required=True),
    "surface": Field(lambda v: v),
}
SURFACE_FIELDS = {
    "weights": Field(list_of(text(40), min_len=2, max_len=2, what="a list of two weight paths"), required=True),
    "ranges": Field(
        list_of(
            list_of(number(), min_len=2, max_len=2, what="a [low, high] pair"),
            min_len=2,
            max_len=2,
            what="a list of two [low, high] pairs",
        )
    ),
}
NETWORK_FIELDS = {
    "layers": Field(
        list_of(integer(1, LIMITS.max_neurons), min_len=2, max_len=LIMITS.max_layers + 1, what="a list of layer sizes"),
        required=True,
    ),
    "activations": Field(
        list_of(one_of(*ACTIVATIONS), min_len=1, max_len=LIMITS.max_layers, what="a list of activation names"),
        required=True,
    ),
    "loss": Field(one_of(*LOSSES), required=True),
    "lr": Field(number(hi=100.0, above=0.0), required=True),
    "l2": Field(number(0.0, MAX_L2)),
    "batch": Field(_batch),
    "seed": Field(_SEED),
    "weights": Field(_numbers(3, _MAX_WIDTH)),
    "biases": Field(_numbers(2, _MAX_WIDTH)),
}
DATA_FIELDS = {
    "dataset": Field(one_of(*DATASET_NAMES)),
    "samples": Field(integer(1, LIMITS.max_samples)),
    "noise": Field(number(0.0, 10.0)),
    "seed": Field(_SEED),
    "test_fraction": Field(number(0.0, 0.9)),
    "standardize": Field(boolean),
    "scale": Field(number(hi=1000.0, above=0.0)),
    "one_hot": Field(boolean),
    "inputs": Field(_numbers(2, max(limits.MAX_INLINE_SAMPLES, _MAX_WIDTH))),
    "targets": Field(_numbers(2, max(limits.MAX_INLINE_SAMPLES, _MAX_WIDTH))),
}
STEP_FIELDS = {
    "title": Field(text(limits.MAX_TITLE, one_line=True), required=True),
    "text": Field(text(limits.MAX_STEP_TEXT), required=True),
    "do": Field(one_of(*ACTIONS)),
    "until": Field(_phase),
    "epochs": Field(integer(1, limits.MAX_EPOCHS)),
    "lr": Field(number(hi=100.0, above=0.0)),
    "l2": NETWORK_FIELDS["l2"],
    "batch": Field(_batch),
    "reset": Field(boolean),
    "seed": NETWORK_FIELDS["seed"],
    "layers": replace(NETWORK_FIELDS["layers"], required=False),
    "activations": replace(NETWORK_FIELDS["activations"], required=False),
    "loss": replace(NETWORK_FIELDS["loss"], required=False),
    "data": Field(lambda v: v),
    "label": Field(text(limits.MAX_LABEL, one_line=True)),
    "parameter": Field(lambda v: v),
    "by": Field(number()),
    "to": Field(number()),
    "show": Field(one_of(*PANELS)),
    "goal": Field(lambda v: v),
    "quizzes": Field(lambda v: v),
}
# The keys of a step that belong to one kind of action.
ACTION_KEYS = {
    "until": "cycle",
    "epochs": "train",
    "lr": "set",
    "l2": "set",
    "batch": "set",
    "reset": "set",
    "seed": "set",
    "layers": "set",
    "activations": "set",
    "loss": "set",
    "data": "set",
    "label": "set",
    "parameter": "nudge",
    "by": "nudge",
    "to": "nudge",
    "goal": "playground",
}
# The keys of a set step that start a new run: a fresh network from the
# lesson's settings with every change so far applied.
NEW_RUN_KEYS = ("batch", "reset", "seed", "layers", "activations", "loss", "data")
QUIZ_FIELDS = {
    "id": Field(slug),
    "kind": Field(one_of(*QUIZ_KINDS), required=True),
    "question": Field(text(limits.MAX_QUESTION), required=True),
    "answer": Field(lambda v: v),
    "check": Field(lambda v: v),
    "tolerance": Field(number(lo=0.0)),
    "relative_tolerance": Field(number(0.0, 1.0)),
    "reveal": Field(_reveal),
    "hint": Field(text(limits.MAX_NOTE, empty=True)),
    "explanation": Field(text(limits.MAX_NOTE, empty=True)),
    "choices": Field(
        list_of(text(limits.MAX_CHOICE, one_line=True), min_len=2, max_len=limits.MAX_CHOICES, what="a list of choices")
    ),
}


class LessonBuilder:
    """Checks one parsed lesson file and builds its Lesson, collecting problems."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # worth saying, but the lesson is still accepted

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def table(self, raw: Any, fields: dict[str, Field], where: str) -> dict[str, Any]:
        return check_table(raw, fields, where, self.file, self.problems)

    def lesson(self, raw: dict[str, Any], path: Path | None = None, digest: str = "") -> Lesson | None:
        version = raw.get("format_version")
        if "format_version" in raw and version != FORMAT_VERSION:
            self.error(
                "format_version",
                f"this file is written in format_version {describe(version)}; "
                f"this nntutor reads format_version {FORMAT_VERSION}",
            )
            return None
        top = self.table(raw, TOP_FIELDS, "")
        net = self.network(raw["network"]) if "network" in raw else None
        data, n_train = self.data(raw["data"], net) if "data" in raw else (None, None)
        steps = self.steps(raw["steps"], net, data, n_train) if "steps" in raw else None
        surface = self.surface(raw["surface"], net) if "surface" in raw else None
        if self.problems or net is None or data is None or steps is None:
            return None
        return Lesson(
            top["id"], top["title"], top.get("summary", ""), net, data, steps, path, FORMAT_VERSION, surface, digest
        )

    def surface(self, raw: Any, net: NetworkSpec | None) -> SurfaceSpec | None:
        f = self.table(raw, SURFACE_FIELDS, "surface")
        if "weights" not in f:
            return None
        paths = []
        for k, text_path in enumerate(f["weights"]):
            where = f"surface.weights[{k}]"
            try:
                path = parse_path(text_path)
            except ValueError as exc:
                self.error(where, str(exc))
                return None
            if path.name != "W":
                self.error(where, f"expected a weight W[k][i,j], got {path}")
                return None
            wrong = path.check_shape(net.layers, None) if net is not None else None
            if wrong:
                self.error(where, wrong)
                return None
            paths.append(path)
        if paths[0].layer != paths[1].layer or paths[0].index == paths[1].index:
            self.error("surface.weights", "expected two different weights of the same layer")
            return None
        ranges = f.get("ranges")
        for k, (low, high) in enumerate(ranges or ()):
            if not low < high:
                self.error(f"surface.ranges[{k}]", f"expected low < high, got [{low}, {high}]")
                return None
        layer = paths[0].layer
        assert layer is not None, "parse_path gives every W path its layer"
        (i1, j1), (i2, j2) = paths[0].index, paths[1].index  # a W path has two indices
        return SurfaceSpec(layer, (i1, j1), (i2, j2), ranges)

    # -- network -------------------------------------------------------------

    def network(self, raw: Any, where: str = "network") -> NetworkSpec | None:
        before = len(self.problems)
        f = self.table(raw, NETWORK_FIELDS, where)
        if len(self.problems) > before or not f:
            return None
        layers, acts = f["layers"], f["activations"]
        if len(acts) != len(layers) - 1:
            self.error(
                f"{where}.activations",
                f"expected {len(layers) - 1} activations (one per layer after the "
                f"input, as the layers have {len(layers)} sizes), got {len(acts)}",
            )
        if "softmax" in acts[:-1]:
            self.error(f"{where}.activations[{acts.index('softmax')}]", "softmax is allowed on the output layer only")
        if "weights" in f:
            self._shapes(f"{where}.weights", f["weights"], [(i, o) for i, o in zip(layers, layers[1:], strict=False)])
        if "biases" in f:
            self._shapes(f"{where}.biases", f["biases"], [(o,) for o in layers[1:]])
        if len(self.problems) > before:
            return None
        return NetworkSpec(
            layers,
            acts,
            f["loss"],
            f["lr"],
            f.get("batch", "full"),
            f.get("seed", 0),
            f.get("weights"),
            f.get("biases"),
            f.get("l2", 0.0),
        )

    def _shapes(self, where: str, values: tuple, shapes: list[tuple[int, ...]]) -> None:
        if len(values) != len(shapes):
            self.error(where, f"expected {len(shapes)} layers (one per layer after the input), got {len(values)}")
            return
        for k, (value, shape) in enumerate(zip(values, shapes, strict=True)):
            got = _shape(value)
            if got != shape:
                dims = " x ".join(map(str, shape))
                self.error(
                    f"{where}[{k}]",
                    f"layer {k + 1} needs shape {dims} (as network.layers says), "
                    f"got {' x '.join(map(str, got)) if got else 'ragged rows'}",
                )

    # -- data ----------------------------------------------------------------

    def data(self, raw: Any, net: NetworkSpec | None, where: str = "data") -> tuple[DataSpec | None, int | None]:
        before = len(self.problems)
        f = self.table(raw, DATA_FIELDS, where)
        if len(self.problems) > before:
            return None, None
        inline = "inputs" in f or "targets" in f
        if "dataset" in f and inline:
            self.error(where, "give either dataset (a named dataset) or inputs and targets, not both")
        elif not inline and "dataset" not in f:
            self.error(where, 'expected dataset = "<name>", or inputs and targets')
        elif inline:
            for key in ("inputs", "targets"):
                if key not in f:
                    self.error(f"{where}.{key}", "missing (inline data needs both inputs and targets)")
            for key in DATASET_OPTIONS:
                if key in f:
                    self.error(f"{where}.{key}", "only applies to a named dataset")
            if "inputs" in f and "targets" in f:
                self._inline(f["inputs"], f["targets"], net, where)
        if len(self.problems) > before:
            return None, None
        options = tuple((k, f[k]) for k in DATASET_OPTIONS if k in f)
        spec = DataSpec(f.get("dataset"), options, f.get("inputs"), f.get("targets"))
        return spec, self._check_built(spec, net, where)

    def _inline(self, inputs: tuple, targets: tuple, net: NetworkSpec | None, where: str) -> None:
        if len(inputs) != len(targets):
            self.error(f"{where}.targets", f"expected one target row per input row ({len(inputs)}), got {len(targets)}")
        if net is None:
            return
        for key, rows, width, what in (
            ("inputs", inputs, net.layers[0], "starts"),
            ("targets", targets, net.layers[-1], "ends"),
        ):
            for s, row in enumerate(rows):
                if len(row) != width:
                    self.error(
                        f"{where}.{key}[{s}]",
                        f"expected {width} number{'s' * (width != 1)} per row "
                        f"(network.layers {what} with {width}), got {len(row)}",
                    )
                    break

    def _check_built(self, spec: DataSpec, net: NetworkSpec | None, where: str) -> int | None:
        """Build the data once to learn its shape; return the training sample count."""
        from .build import build_dataset

        try:
            data = build_dataset(spec)
        except EngineError as exc:
            self.error(where, str(exc))
            return None
        if net is not None and (data.n_inputs, data.n_outputs) != (net.layers[0], net.layers[-1]):
            name = f"the {spec.dataset} dataset" if spec.dataset else "the data"
            self.error(
                where,
                f"{name} has {data.n_inputs} input(s) and {data.n_outputs} output(s), but "
                f"network.layers starts with {net.layers[0]} and ends with {net.layers[-1]}",
            )
            return None
        if net is not None and isinstance(net.batch, int) and net.batch > len(data.x_train) and where == "data":
            self.error(
                "network.batch",
                f"{net.batch} samples per step, but the data has only {len(data.x_train)} training samples",
            )
        return len(data.x_train)

    # -- steps and quizzes -----------------------------------------------------

    def steps(
        self, raw: Any, net: NetworkSpec | None, data: DataSpec | None, n_train: int | None
    ) -> tuple[Step, ...] | None:
        if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
            self.error("steps", f"expected [[steps]] tables, got {describe(raw)}")
            return None
        if not 1 <= len(raw) <= limits.MAX_STEPS:
            self.error("steps", f"expected 1 to {limits.MAX_STEPS} steps, got {len(raw)}")
            return None
        steps: list[Step | None] = []
        ids = set()
        updates = work = 0
        for i, item in enumerate(raw):
            step = self.step(item, f"steps[{i}]", i, net, data, n_train)
            if step is not None and step.action.new_run is not None:
                net, data = step.action.new_run
                n_train = self._check_built(data, net, f"steps[{i}].data")
                if isinstance(net.batch, int) and n_train is not None and net.batch > n_train:
                    self.error(
                        f"steps[{i}].batch",
                        f"{net.batch} samples per step, but the data has only {n_train} training samples",
                    )
            size = _batch_size(net.batch if net else None, n_train)
            if step is not None and step.action.epochs and net is not None and n_train and size:
                runs = step.action.epochs * (1 + len(step.quizzes_before("train")))
                updates += runs * -(-n_train // size) * (net.depth + 1)
                work += (
                    runs
                    * n_train
                    * sum((n_in + 1) * n_out for n_in, n_out in zip(net.layers, net.layers[1:], strict=False))
                )
                if updates > limits.MAX_TRAIN_LAYER_UPDATES or work > limits.MAX_TRAIN_WORK:
                    self.error(
                        f"steps[{i}].epochs",
                        f"the lesson's training reaches {updates} updates x (layers + 1) "
                        f"and {work:.1e} samples x weights here; a lesson may train at most "
                        f"{limits.MAX_TRAIN_LAYER_UPDATES} and {limits.MAX_TRAIN_WORK:.1e} "
                        "(use fewer epochs, larger batches or less data)",
                    )
                    updates = work = 0
            for j, quiz in enumerate(step.quizzes if step else ()):
                if quiz.id in ids:
                    self.error(f"steps[{i}].quizzes[{j}].id", f'"{quiz.id}" is already used by another quiz')
                ids.add(quiz.id)
            steps.append(step)
        built = [step for step in steps if step is not None]
        return tuple(built) if len(built) == len(steps) else None

    def step(
        self, raw: dict, where: str, index: int, net: NetworkSpec | None, data: DataSpec | None, n_train: int | None
    ) -> Step | None:
        before = len(self.problems)
        f = self.table(raw, STEP_FIELDS, where)
        do = f.get("do", "read")
        for key, applies_to in ACTION_KEYS.items():
            if key in f and do != applies_to:
                self.error(f"{where}.{key}", f'only applies to do = "{applies_to}" (this step has do = "{do}")')
        if do == "train" and "epochs" not in f:
            self.error(f"{where}.epochs", 'missing (do = "train" needs epochs = N)')
        if do == "set" and not ({"lr", "l2"} | set(NEW_RUN_KEYS)) & set(f):
            self.error(f"{where}.do", f'do = "set" needs lr, l2 or one of {", ".join(NEW_RUN_KEYS)}')
        if "until" in f and net is not None:
            self._check_phase(f"{where}.until", f["until"], net.depth)
        action = Action(
            do, f.get("until"), f.get("epochs"), f.get("lr"), f.get("batch"), f.get("reset", False), l2=f.get("l2")
        )
        new_run = do == "set" and any(key in f for key in NEW_RUN_KEYS)
        if new_run and net is not None and data is not None:
            action = self._new_run(f, raw, where, action, net, data)
        elif do == "set" and "label" in f and not new_run:  # a new run's label is checked with the run, if it can be
            self.error(f"{where}.label", "names a new run; this step only changes lr or l2 (add reset = true)")
        elif do == "nudge":
            action = self._nudge(f, where, action, net)
        elif do == "playground":
            if data is not None and data.dataset is None:
                self.error(f"{where}.do", "the playground needs a named data set ([data] dataset = ...)")
            action = replace(action, goal=self._goal(raw.get("goal"), f"{where}.goal", data))
        if action.new_run is not None:
            net, run_data = action.new_run
            batch = _batch_size(net.batch, self._train_count(run_data))
        else:
            batch = _batch_size(net.batch if net else None, n_train)
        quizzes = self.quizzes(raw.get("quizzes", []), where, index, action, net, batch)
        if len(self.problems) > before or quizzes is None:
            return None
        return Step(f["title"], f["text"], action, f.get("show"), quizzes)

    def _new_run(self, f: dict, raw: dict, where: str, action: Action, net: NetworkSpec, data: DataSpec) -> Action:
        """The settings of the run a set step starts: the current ones with the step's changes."""
        reshaped = "layers" in f or "seed" in f
        raw_net = {
            "layers": list(f.get("layers", net.layers)),
            "activations": list(f.get("activations", net.activations)),
            "loss": f.get("loss", net.loss),
            "lr": f.get("lr", net.lr),
            "batch": f.get("batch", net.batch),
            "seed": f.get("seed", net.seed),
            "l2": f.get("l2", net.l2),
        }
        # Explicit starting weights still fit when the shape stays, and a new
        # seed asks for fresh random ones.
        if not reshaped and net.weights is not None:
            raw_net["weights"] = [[list(row) for row in w] for w in net.weights]
        if not reshaped and net.biases is not None:
            raw_net["biases"] = [list(b) for b in net.biases]
        new_net = self.network(raw_net, where)
        changes = raw.get("data", {})
        if not isinstance(changes, dict):
            self.error(f"{where}.data", f"expected a [steps.data] table of dataset options, got {describe(changes)}")
            return action
        for key in changes:
            if key not in ("dataset", *DATASET_OPTIONS):
                self.error(
                    f"{where}.data.{key}",
                    f"expected dataset or one of the dataset options {', '.join(DATASET_OPTIONS)}",
                )
                return action
        if "dataset" in changes:  # another dataset: its options start afresh
            raw_data = dict(changes)
        elif data.dataset:
            raw_data = {"dataset": data.dataset, **dict(data.options), **changes}
        else:
            inputs, targets = data.samples()
            raw_data = {"inputs": [list(r) for r in inputs], "targets": [list(r) for r in targets], **changes}
        new_data, _ = self.data(raw_data, new_net, f"{where}.data")
        if new_net is None or new_data is None:
            return action
        label = f.get("label") or _describe_changes(f, changes)
        return replace(action, network=new_net, data=new_data, label=label)

    def _nudge(self, f: dict, where: str, action: Action, net: NetworkSpec | None) -> Action:
        if ("by" in f) == ("to" in f):
            self.error(f"{where}.by", 'do = "nudge" needs by = change or to = new value (one of them)')
        if "parameter" not in f:
            self.error(f"{where}.parameter", 'missing (do = "nudge" needs parameter = "W[1][0,0]" or "b[1][0]")')
            return action
        try:
            path = parse_path(f["parameter"])
        except ValueError as exc:
            self.error(f"{where}.parameter", str(exc))
            return action
        if path.name not in ("W", "b"):
            self.error(f"{where}.parameter", f"expected a weight W[k][i,j] or a bias b[k][j], got {path}")
            return action
        wrong = path.check_shape(net.layers, None) if net is not None else None
        if wrong:
            self.error(f"{where}.parameter", wrong)
        return replace(action, parameter=path, by=f.get("by"), to=f.get("to"))

    def _goal(self, raw: Any, where: str, data: DataSpec | None) -> Goal | None:
        """A playground step's goal: at least one limit, each one the lesson's data can have."""
        if raw is None:
            self.error(where, 'missing (do = "playground" needs a [steps.goal] table, e.g. min_test_accuracy = 0.9)')
            return None
        f = self.table(raw, GOAL_FIELDS, where)
        if isinstance(raw, dict) and not raw:
            self.error(where, f"expected at least one of {', '.join(GOAL_FIELDS)}")
        if not f:
            return None
        from .build import build_dataset

        built = None
        if data is not None:
            try:
                built = build_dataset(data)
            except EngineError:
                built = None  # the data's own problem is reported where it is
        for key in f:
            if key in ACCURACY_GOALS and built is not None and built.task != "classification":
                self.error(f"{where}.{key}", f"the data is {built.task}, which has no accuracy; use a loss goal")
            if key in TEST_GOALS and built is not None and len(built.x_test) == 0:
                self.error(f"{where}.{key}", "the data has no test set (set test_fraction in [data])")
        return Goal(tuple((key, float(f[key])) for key in GOAL_FIELDS if key in f))

    def _train_count(self, data: DataSpec) -> int | None:
        from .build import build_dataset

        try:
            return len(build_dataset(data).x_train)
        except EngineError:
            return None

    def _check_phase(self, where: str, phase: str, depth: int) -> bool:
        try:
            Phase.parse(phase, depth)
        except EngineError as exc:
            self.error(where, str(exc))
            return False
        return True

    def quizzes(
        self, raw: Any, where: str, index: int, action: Action, net: NetworkSpec | None, batch: int | None
    ) -> tuple[Quiz, ...] | None:
        if not isinstance(raw, list) or not all(isinstance(q, dict) for q in raw):
            self.error(f"{where}.quizzes", f"expected [[steps.quizzes]] tables, got {describe(raw)}")
            return None
        if len(raw) > limits.MAX_QUIZZES_PER_STEP:
            self.error(f"{where}.quizzes", f"expected at most {limits.MAX_QUIZZES_PER_STEP} quizzes, got {len(raw)}")
            return None
        out = [
            self.quiz(q, f"{where}.quizzes[{j}]", f"{index + 1}.{j + 1}", action, net, batch) for j, q in enumerate(raw)
        ]
        built = [quiz for quiz in out if quiz is not None]
        return tuple(built) if len(built) == len(out) else None

    def quiz(
        self, raw: dict, where: str, default_id: str, action: Action, net: NetworkSpec | None, batch: int | None
    ) -> Quiz | None:
        before = len(self.problems)
        f = self.table(raw, QUIZ_FIELDS, where)
        kind = f.get("kind")
        path = None
        if "check" in f:
            try:
                path = parse_path(f["check"])
            except ValueError as exc:
                self.error(f"{where}.check", str(exc))
            if path is not None and net is not None:
                wrong = path.check_shape(net.layers, batch)
                if wrong:
                    self.error(f"{where}.check", wrong)
        answer = self._answer(f, where, kind, path)
        if "reveal" in f:
            self._check_reveal(f"{where}.reveal", f["reveal"], action, net)
        if kind == "direction" and path is not None and "reveal" not in f:
            self.error(
                f"{where}.reveal", "missing (a direction quiz with check compares before and after its reveal phase)"
            )
        if len(self.problems) > before or kind is None:
            return None
        if kind == "number":
            assert not isinstance(answer, str), "a number quiz's answer passed number() (or it has none)"
            rough = rough_words_warning(f["question"], f.get("tolerance"), f.get("relative_tolerance"), answer)
            if rough:
                key = next((k for k in ("tolerance", "relative_tolerance") if k in f), "question")
                self.warnings.append(Problem(self.file, f"{where}.{key}", rough, warning=True))
        return Quiz(
            f.get("id", default_id),
            kind,
            f["question"],
            answer,
            path,
            f.get("tolerance"),
            f.get("relative_tolerance"),
            f.get("reveal"),
            (action.epochs or 0) if f.get("reveal") == "train" else 0,
            f.get("hint", ""),
            f.get("explanation", ""),
            f.get("choices", ()),
        )

    def _answer(self, f: dict, where: str, kind: str | None, path: Any) -> float | str | None:
        answer = f.get("answer")
        if "answer" not in f and "check" not in f and kind != "choice":
            self.error(f"{where}.answer", "missing (give answer, check, or both)")
        # kind None: a bad kind, reported already; which fields apply to it cannot be said
        if kind not in (None, "choice") and "choices" in f:
            self.error(f"{where}.choices", f'only applies to kind = "choice" (this quiz is "{kind}")')
        if kind not in (None, "number"):
            for key in ("tolerance", "relative_tolerance"):
                if key in f:
                    self.error(f"{where}.{key}", f'only applies to kind = "number" (this quiz is "{kind}")')
        if kind == "number":
            if "tolerance" in f and "relative_tolerance" in f:
                self.error(f"{where}.relative_tolerance", "give tolerance or relative_tolerance, not both")
            if "answer" in f:
                try:
                    answer = number()(answer)
                except Invalid as exc:
                    self.error(f"{where}.answer", exc.message)
        elif kind == "direction" and "answer" in f:
            try:
                answer = one_of(*DIRECTIONS)(answer)
            except Invalid as exc:
                self.error(f"{where}.answer", exc.message)
        elif kind == "choice":
            answer = self._choice_answer(f, where)
            if "check" in f:
                self.error(
                    f"{where}.check", "a choice quiz has a fixed answer; check applies to number and direction quizzes"
                )
        return answer

    def _choice_answer(self, f: dict, where: str) -> str | None:
        choices, answer = f.get("choices"), f.get("answer")
        if choices is None:
            if "choices" not in f:
                self.error(f"{where}.choices", 'missing (a choice quiz needs choices = ["...", "..."])')
            return None
        if "answer" not in f:
            self.error(f"{where}.answer", "missing (the correct choice's text, or its number counting from 1)")
        elif isinstance(answer, int) and not isinstance(answer, bool) and 1 <= answer <= len(choices):
            return choices[answer - 1]
        elif isinstance(answer, str) and answer in choices:
            return answer
        else:
            self.error(
                f"{where}.answer",
                f"expected one of the choices' text, or a number from 1 to {len(choices)}, got {describe(answer)}",
            )
        return None

    def _check_reveal(self, where: str, reveal: str, action: Action, net: NetworkSpec | None) -> None:
        if reveal == "train":
            if action.do != "train":
                self.error(where, f'reveal = "train" needs a step with do = "train" (this one is "{action.do}")')
            return
        if net is not None and self._check_phase(where, reveal, net.depth) and action.do != "cycle":
            self.error(where, f'a phase reveal needs a step with do = "cycle" that runs it (this one is "{action.do}")')


def _shape(value: Any) -> tuple[int, ...] | None:
    """The shape of nested tuples of numbers, or None if rows differ in length."""
    if not isinstance(value, tuple):
        return ()
    inner = {_shape(v) for v in value}
    if len(inner) != 1:
        return None
    (row,) = inner
    return None if row is None else (len(value),) + row


def _describe_changes(f: dict, data_changes: dict) -> str:
    """A run's default name: what its set step changed, e.g. "lr 0.05, batch 1"."""
    parts = [f"{key} {f[key]}" for key in ("lr", "l2", "batch", "seed", "loss") if key in f]
    if "layers" in f:
        parts.append("-".join(map(str, f["layers"])))
    if "activations" in f:
        parts.append("/".join(f["activations"]))
    for key, value in data_changes.items():
        parts.append(("standardized" if value else "raw") if key == "standardize" else f"{key} {value}")
    return ", ".join(parts) or "fresh start"


def _batch_size(batch: str | int | None, n_train: int | None) -> int | None:
    if batch == "full":
        return n_train
    return batch if isinstance(batch, int) else None
