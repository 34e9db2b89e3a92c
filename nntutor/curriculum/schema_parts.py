"""Checks of a lesson's parts that stand alone: the network, the data and
the loss surface, each against the field tables in schema.py and against
the network's layer sizes. The base of the lesson builder's checks.
"""

from __future__ import annotations

from typing import Any

from nntutor.engine import EngineError
from nntutor.engine.phases import Phase

from .fields import Field, check_table
from .model import DataSpec, NetworkSpec, SurfaceSpec
from .paths import parse_path
from .problems import Problem
from .schema import DATA_FIELDS, DATASET_OPTIONS, NETWORK_FIELDS, SURFACE_FIELDS


class PartChecks:
    """Collects problems (and warnings) while a lesson's parts are checked."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # worth saying, but the lesson is still accepted

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def table(self, raw: Any, fields: dict[str, Field], where: str) -> dict[str, Any]:
        return check_table(raw, fields, where, self.file, self.problems)

    def _check_phase(self, where: str, phase: str, depth: int) -> bool:
        try:
            Phase.parse(phase, depth)
        except EngineError as exc:
            self.error(where, str(exc))
            return False
        return True

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
        """The data's shape (without building it), checked against the network; the training sample count."""
        try:
            data = spec.shape()
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
        if net is not None and isinstance(net.batch, int) and net.batch > data.n_train and where == "data":
            self.error(
                "network.batch",
                f"{net.batch} samples per step, but the data has only {data.n_train} training samples",
            )
        return data.n_train


def _shape(value: Any) -> tuple[int, ...] | None:
    """The shape of nested tuples of numbers, or None if rows differ in length."""
    if not isinstance(value, tuple):
        return ()
    inner = {_shape(v) for v in value}
    if len(inner) != 1:
        return None
    (row,) = inner
    return None if row is None else (len(value),) + row
