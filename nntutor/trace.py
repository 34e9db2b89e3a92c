"""`nntutor trace`: run the learning cycle without a UI and print every number.

Text output is a transcript for people; JSON Lines output (`--format json`)
is for programs, documented in docs/trace.md.
"""

import json
import math
import textwrap
from dataclasses import dataclass
from typing import Any, TextIO

import numpy as np
import orjson

from .engine import Dataset, EngineError, LearningCycle, Network, make_dataset
from .engine.phase_run import PhaseRecord
from .regular_file import FileRefused, read_regular_file


class TraceError(Exception):
    """A bad option or setting; the message names it (exit status 2)."""


class TraceFileError(TraceError):
    """An input file that cannot be used; the message names it (exit status 1)."""


MAX_INPUT_BYTES = 16 * 1024 * 1024  # a --weights or --data file
MAX_OUTPUT_BYTES = 256 * 1024 * 1024  # one trace's output, text or JSON


@dataclass(frozen=True)
class TraceSettings:
    layers: list[int]
    activations: list[str]
    loss: str
    lr: float
    batch: str | int
    seed: int
    l2: float = 0.0


def _read_json(path: str, what: str):
    """The JSON document in a regular file of at most MAX_INPUT_BYTES (a FIFO or a device is refused unread)."""
    try:
        data = read_regular_file(path, MAX_INPUT_BYTES, f"{what} file")
    except FileRefused as exc:
        raise TraceFileError(f"{path}: {exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TraceFileError(f"{path}: not UTF-8 text (byte {exc.start + 1}); a {what} file is JSON") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TraceFileError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise TraceFileError(f"{path}: brackets are nested too deeply to be a {what} file") from None


def load_weights(path: str, activations: list[str]) -> Network:
    """A network from JSON {"W": [matrix per layer], "b": [vector per layer]}."""
    doc = _read_json(path, "weights")
    if not isinstance(doc, dict) or "W" not in doc or "b" not in doc:
        raise TraceFileError(f'{path}: expected an object with "W" and "b" lists, one entry per layer')
    try:
        W = [np.array(w, dtype=np.float64) for w in doc["W"]]
        b = [np.array(v, dtype=np.float64) for v in doc["b"]]
        return Network(tuple(W), tuple(b), tuple(activations))
    except (TypeError, ValueError, OverflowError, EngineError) as exc:
        raise TraceFileError(f"{path}: {exc}") from None


def load_data(path: str) -> Dataset:
    """Samples from JSON {"x": [[...], ...], "y": [[...], ...]}."""
    doc = _read_json(path, "data")
    if not isinstance(doc, dict) or "x" not in doc or "y" not in doc:
        raise TraceFileError(f'{path}: expected an object with "x" (inputs) and "y" (targets) lists of samples')
    try:
        return Dataset.from_arrays(doc["x"], doc["y"])
    except (TypeError, ValueError, OverflowError, EngineError) as exc:
        raise TraceFileError(f"{path}: {exc}") from None


def _plain(value):
    """Arrays and numpy scalars made ready for JSON (NaN and inf as strings).

    A finite float64 array in C order is left as it is: orjson writes it
    straight from its memory, ten times faster than lists through json.
    Anything else becomes lists and floats.
    """
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        # A finite sum means every number is finite (an inf or NaN makes it
        # inf or NaN), without a boolean array the size of the values.
        if value.dtype == np.float64 and value.flags.c_contiguous and math.isfinite(np.add.reduce(value, axis=None)):
            return value
        return _plain(value.tolist()) if value.dtype.kind == "f" else value.tolist()
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else str(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def _json_line(record: dict) -> str:
    """One JSON Lines line of a record from `_json_record` or `start_record`.

    The record's own keys are spaced as json.dumps spaces them
    ('{"event": "update", ...}', which readers grep for); the values,
    arrays above all, are written compactly by orjson.
    """
    return "{" + ", ".join(f"{_dumps(key)}: {_dumps(value)}" for key, value in record.items()) + "}\n"


def _dumps(value) -> str:
    return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY).decode()


def _json_record(record: PhaseRecord) -> dict:
    out: dict[str, Any] = {"event": record.phase.kind}
    if record.phase.layer is not None:
        out["layer"] = record.phase.layer
    out["epoch"] = record.epoch
    out["step"] = record.step
    for name, value in record.values.items():
        if name in ("W_before", "b_before", "indices"):
            continue
        out[name] = _plain(value)
    return out


def _format_array(value) -> str:
    """A value as indented text: one block per layer for per-layer tuples."""
    if isinstance(value, (tuple, list)):
        return "\n".join(f"    layer {k}:\n" + textwrap.indent(_format_array(v), "  ") for k, v in enumerate(value, 1))
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=6, max_line_width=100)
        return "\n".join("    " + line for line in text.splitlines())
    return f"    {float(value):.9g}"


def _text_record(record: PhaseRecord) -> str:
    lines = [f"[epoch {record.epoch}, step {record.step}] {record.phase}"]
    for name, value in record.values.items():
        if name in ("W_before", "b_before"):
            continue
        lines.append(f"  {name} =\n{_format_array(value)}")
    return "\n".join(lines)


def start_record(cycle: LearningCycle) -> dict:
    net = cycle.network
    return {
        "event": "start",
        "layers": net.sizes,
        "activations": list(net.activations),
        "loss": cycle.loss_fn.name,
        "lr": cycle.state.lr,
        "batch": cycle.batch,
        "l2": cycle.state.l2,
        "W": _plain(net.W),
        "b": _plain(net.b),
    }


class _CappedOutput:
    """``out`` that refuses to grow past ``limit`` characters (TraceError), so no option can
    ask for terabytes of text."""

    def __init__(self, out: TextIO, limit: int):
        self.out, self.left = out, limit

    def write(self, text: str) -> None:
        self.left -= len(text)
        if self.left < 0:
            raise TraceError(
                f"the trace passed {MAX_OUTPUT_BYTES // (1024 * 1024)} MiB of output and was stopped; "
                "ask for fewer --phases or --epochs"
            )
        self.out.write(text)


def run_trace(cycle: LearningCycle, out: TextIO, fmt: str, phases: int | None, epochs: int | None) -> int:
    """Print the start, then `phases` phases or `epochs` whole epochs. Returns the exit status."""
    out = _CappedOutput(out, MAX_OUTPUT_BYTES)  # type: ignore[assignment]
    start = start_record(cycle)
    if fmt == "json":
        out.write(_json_line(start))
    else:
        out.write(
            f"network {start['layers']} activations {start['activations']} loss {start['loss']} "
            f"lr {start['lr']:g} batch {start['batch']}" + (f" l2 {start['l2']:g}" if start["l2"] else "") + "\n"
        )
        out.write(f"  W =\n{_format_array(cycle.network.W)}\n  b =\n{_format_array(cycle.network.b)}\n")
    if epochs is not None:
        target = cycle.state.epoch + epochs
        count = 0
        while cycle.state.epoch < target and not cycle.diverged and count < 10_000_000:
            _emit(cycle.step(undoable=False), out, fmt)
            count += 1
    else:
        for _ in range(phases if phases is not None else len(cycle.phases)):
            record = cycle.step(undoable=False)
            if record is None:
                break
            _emit(record, out, fmt)
    if cycle.diverged:
        if fmt == "json":
            out.write(_json_line({"event": "diverged", "message": cycle.diverged}))
        else:
            out.write(f"diverged: {cycle.diverged}\n")
    return 0


def _emit(record: PhaseRecord | None, out: TextIO, fmt: str) -> None:
    if record is None:
        return
    out.write(_json_line(_json_record(record)) if fmt == "json" else _text_record(record) + "\n")


def build_cycle(
    settings: TraceSettings,
    dataset: str,
    samples: int,
    noise: float,
    weights_file: str | None,
    data_file: str | None,
    test_fraction: float = 0.0,
) -> LearningCycle:
    try:
        if weights_file:
            network = load_weights(weights_file, settings.activations)
        else:
            network = Network.from_seed(settings.layers, settings.activations, settings.seed)
        data = (
            load_data(data_file)
            if data_file
            else make_dataset(dataset, samples=samples, noise=noise, seed=settings.seed, test_fraction=test_fraction)
        )
        return LearningCycle(network, data, settings.loss, settings.lr, settings.batch, settings.seed, settings.l2)
    except EngineError as exc:
        raise TraceError(str(exc)) from None
