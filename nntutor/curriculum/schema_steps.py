"""Checks of the lesson's steps: each step's action and its fields, the runs
a set step starts, the training budget summed over the steps, and unique quiz ids.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nntutor.engine import EngineError

from . import limits
from .fields import describe
from .goal import ACCURACY_GOALS, GOAL_FIELDS, TEST_GOALS, Goal
from .model import Action, DataSpec, NetworkSpec, Step
from .paths import parse_path
from .schema import ACTION_KEYS, DATASET_OPTIONS, NEW_RUN_KEYS, STEP_FIELDS
from .schema_quizzes import QuizChecks


class StepChecks(QuizChecks):
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
        shape = None
        if data is not None:
            try:
                shape = data.shape()
            except EngineError:
                shape = None  # the data's own problem is reported where it is
        for key in f:
            if key in ACCURACY_GOALS and shape is not None and shape.task != "classification":
                self.error(f"{where}.{key}", f"the data is {shape.task}, which has no accuracy; use a loss goal")
            if key in TEST_GOALS and shape is not None and shape.n_test == 0:
                self.error(f"{where}.{key}", "the data has no test set (set test_fraction in [data])")
        return Goal(tuple((key, float(f[key])) for key in GOAL_FIELDS if key in f))

    def _train_count(self, data: DataSpec) -> int | None:
        try:
            return data.shape().n_train
        except EngineError:
            return None


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
