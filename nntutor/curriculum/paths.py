"""Quantity paths: how a lesson names one number of the live network.

A path is parsed with a regular expression and checked against a table of
names; it is never evaluated. Layers count from 1 (layer 1 holds the first
weights), indices from 0, matching the shapes the engine keeps:
``W[k]`` is (n_in, n_out), ``b[k]`` is (n_out,), and per-sample values such
as ``z[k]`` are (batch, n_out).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

# name -> (takes a layer, what each index counts)
_NAMES: dict[str, tuple[bool, str]] = {
    "loss": (False, ""),
    "train_loss": (False, ""),
    "test_loss": (False, ""),
    "lr": (False, ""),
    "epoch": (False, ""),
    "W": (True, "in,out"),
    "dW": (True, "in,out"),
    "b": (True, "out"),
    "db": (True, "out"),
    "z": (True, "sample,out"),
    "a": (True, "sample,out"),
    "delta": (True, "sample,out"),
    "dL_da": (False, "sample,output"),
    "output": (False, "sample,output"),
    "x": (False, "sample,input"),
    "t": (False, "sample,output"),
}

_FORMS = {
    "loss": "loss",
    "train_loss": "train_loss",
    "test_loss": "test_loss",
    "lr": "lr",
    "epoch": "epoch",
    "W": "W[layer][i,j]",
    "dW": "dW[layer][i,j]",
    "b": "b[layer][j]",
    "db": "db[layer][j]",
    "z": "z[layer][s,j]",
    "a": "a[layer][s,j]",
    "delta": "delta[layer][s,j]",
    "dL_da": "dL_da[s,j]",
    "output": "output[s,j]",
    "x": "x[s,i]",
    "t": "t[s,j]",
}

_PATH = re.compile(
    r"(?P<name>[A-Za-z_]+)"
    r"(?:\[(?P<layer>\d+)\](?=\[))?"
    r"(?:\[\s*(?P<i>\d+)\s*(?:,\s*(?P<j>\d+)\s*)?\])?"
)


@dataclass(frozen=True)
class QuantityPath:
    """A parsed path such as ``dW[2][0,1]``: name, layer (1-based) and indices."""

    name: str
    layer: int | None
    index: tuple[int, ...]

    def __str__(self) -> str:
        out = self.name
        if self.layer is not None:
            out += f"[{self.layer}]"
        if self.index:
            out += "[" + ",".join(map(str, self.index)) + "]"
        return out

    def check_shape(self, layers: tuple[int, ...], batch: int | None) -> str | None:
        """Say what is out of range for a network of ``layers`` sizes, or None.

        ``batch`` is the number of samples per step, or None when it is not
        known before the data is built (then sample indices are not checked).
        """
        takes_layer, form = _NAMES[self.name]
        n_weight_layers = len(layers) - 1
        layer = self.layer or 0  # 0: no layer (never a valid one)
        if takes_layer and not 1 <= layer <= n_weight_layers:
            has = "only layer 1" if n_weight_layers == 1 else f"layers 1 to {n_weight_layers}"
            return f"layer {self.layer} does not exist; this network has {has}"
        sizes = {
            "in": layers[layer - 1] if takes_layer else 0,
            "out": layers[layer] if takes_layer else 0,
            "input": layers[0],
            "output": layers[-1],
            "sample": batch,
        }
        # Not strict: a path without indices has the form "", which splits into [""].
        for value, role in zip(self.index, form.split(","), strict=False):
            size = sizes[role]
            if size is not None and value >= size:
                what = "sample" if role == "sample" else "neuron"
                return f"{what} index {value} is out of range; {self} allows 0 to {size - 1} there"
        return None

    def read(self, state: Any) -> float:
        """The value this path names in an engine state (``state.quantity``)."""
        value = state.quantity(self.name, self.layer)
        if value is None:
            raise LookupError(f"{self} has no value")
        if self.index:
            value = value[self.index]
        result = float(value)
        if not math.isfinite(result):
            raise LookupError(f"{self} is {result} (the network diverged)")
        return result


def parse_path(text: str) -> QuantityPath:
    """Parse a quantity path; raise ValueError saying the expected form."""
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError('expected a quantity path such as "loss" or "dW[2][0,1]"')
    m = _PATH.fullmatch(text.strip())
    if not m or m["name"] not in _NAMES:
        name = m["name"] if m else ""
        known = ", ".join(_FORMS.values())
        hint = f'unknown quantity "{name}"' if m else f'cannot read "{text}"'
        raise ValueError(f"{hint}; expected one of {known}")
    name = m["name"]
    takes_layer, form = _NAMES[name]
    layer = int(m["layer"]) if m["layer"] is not None else None
    index = tuple(int(v) for v in (m["i"], m["j"]) if v is not None)
    n_index = len(form.split(",")) if form else 0
    if (layer is not None) != takes_layer or len(index) != n_index:
        raise ValueError(f'"{text}" does not fit the form {_FORMS[name]}')
    return QuantityPath(name, layer, index)
