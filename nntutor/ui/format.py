"""Numbers and explanations as text. Formatting only: the numbers come from the engine."""

from __future__ import annotations

import math
from dataclasses import dataclass

from nntutor.engine.explain import (
    InputExplanation,
    LossExplanation,
    NeuronExplanation,
    Product,
    Update,
    WeightExplanation,
)
from nntutor.engine.rounding import LayerResidues

CELL = 7  # width of a number in the network panel
ROUNDING_ZERO = "≈0"  # a rounding residue where the true value is 0 (see engine.rounding)

MAX_TERMS = 6  # a longer sum is written with its first terms and "..."


def num(value: float | None, sig: int = 4) -> str:
    """A number as the arithmetic lines write it: 0.15, 0.3775, 22500, -0.0381, 1.2e-07."""
    if value is None:
        return "?"
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e6 or magnitude < 1e-4:
        return f"{value:.{sig - 1}e}"
    decimals = max(0, sig - 1 - math.floor(math.log10(magnitude)))
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def cell(value: float | None, residue: bool = False) -> str:
    """A number in the panel's fixed width: aligned decimals, '·' when not computed yet,
    whole numbers up to a million as people write them (22500), and a rounding residue as ≈0."""
    if value is None:
        return "·".rjust(CELL)
    if residue:
        return ROUNDING_ZERO.rjust(CELL)
    if not math.isfinite(value):
        return num(value).rjust(CELL)
    magnitude = abs(value)
    if 1e4 <= magnitude < (1e6 if value > 0 else 1e5):
        return f"{value:.0f}".rjust(CELL)
    if value != 0 and (magnitude < 1e-3 or magnitude >= 1e4):
        return f"{value:.{1 if value > 0 else 0}e}".rjust(CELL)
    if magnitude < 10:
        return f"{value:.4f}".rjust(CELL)
    if magnitude < 100:
        return f"{value:.3f}".rjust(CELL)
    return f"{value:.1f}".rjust(CELL)


def value_text(value: float | None, residue: bool = False, sig: int = 4) -> str:
    """A computed number; a rounding residue as ≈0 with the residue itself beside it."""
    if residue and value is not None:
        return f"{ROUNDING_ZERO} (rounding: {num(value, 2)}; the true value is 0)"
    return num(value, sig)


def distinct_digits(before: float, after: float, sig: int = 4, most: int = 12) -> int:
    """Significant digits enough to tell `after` from `before` (an update too small for 4 digits still shows)."""
    if not (math.isfinite(before) and math.isfinite(after)) or before == after:
        return sig
    while sig < most and num(before, sig) == num(after, sig):
        sig += 1
    return sig


LOSS_NAMES = {
    "squared_error": "squared error",
    "half_squared_error": "half squared error",
    "binary_cross_entropy": "binary cross-entropy",
    "cross_entropy": "cross-entropy",
}


def batch_loss_name(batch_size: int, n_samples: int) -> str:
    """What the loss of one step averages over: one sample, a minibatch or the whole training set."""
    if batch_size >= n_samples:
        return "training-set loss" if n_samples > 1 else "loss"
    return "sample loss" if batch_size == 1 else "batch loss"


def loss_name(name: str) -> str:
    """A loss as people write it: cross_entropy -> cross-entropy."""
    return LOSS_NAMES.get(name, name.replace("_", " "))


def percent(share: float) -> str:
    """A share as people say it: 85%, 99.5%, never 100% unless it is all."""
    value = 100 * share
    if value == 100 or value == 0:
        return f"{value:.0f}%"
    text = f"{value:.0f}" if 1 <= value <= 99 else f"{value:.1f}"
    return f"{text}%"


def factor(value: float | None) -> str:
    """A number inside a product: negative ones in brackets."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


def residue_or(value: float | None, residue: bool) -> str:
    """A number inside arithmetic, or ≈0 where it is a rounding residue of 0 (its value is in the panel's
    own line for it)."""
    return ROUNDING_ZERO if residue else factor(value)


def sum_of(products: tuple[Product, ...], left_residues: tuple[bool, ...] = ()) -> str:
    """w1*x1 + w2*x2 ...; `left_residues` marks left factors that are rounding residues (written ≈0)."""
    marks = left_residues or (False,) * len(products)
    parts = [f"{residue_or(p.left, mark)}*{factor(p.right)}" for p, mark in zip(products, marks, strict=True)]
    if len(parts) > MAX_TERMS:
        parts = parts[: MAX_TERMS - 1] + [f"... ({len(parts)} terms)"]
    return " + ".join(parts)


def values_sum(values: tuple[float, ...]) -> str:
    parts = [factor(v) for v in values]
    if len(parts) > MAX_TERMS:
        parts = parts[: MAX_TERMS - 1] + [f"... ({len(parts)} terms)"]
    return " + ".join(parts)


# -- names -------------------------------------------------------------------
def neuron_name(layer: int, j: int, depth: int) -> str:
    """x1, x2 for inputs; y1, y2 for outputs; h1 (or h1.1 in deeper nets) for hidden neurons."""
    if layer == 0:
        return f"x{j + 1}"
    if layer == depth:
        return f"y{j + 1}"
    return f"h{j + 1}" if depth == 2 else f"h{layer}.{j + 1}"


def weight_name(i: int, j: int) -> str:
    return f"w{i + 1}{j + 1}" if i < 9 and j < 9 else f"w{i + 1},{j + 1}"


_ACTIVATION_WITH = {
    "sigmoid": "1 / (1 + e^-({z}))",
    "tanh": "tanh({z})",
    "relu": "max(0, {z})",
    "softmax": "e^({z}) / sum_k e^(z_k)",
}

_DERIVATIVE = {"sigmoid": "a(1 - a)", "tanh": "(1 - a^2)", "relu": "(1 if z > 0 else 0)", "linear": "1"}

_LOSS_GRAD = {
    "half_squared_error": "a - t",
    "squared_error": "2(a - t)",
    "binary_cross_entropy": "(a - t) / (a(1 - a))",
    "cross_entropy": "-t / a",
}

_LOSS_TERM = {
    "half_squared_error": "1/2 ({y} - {t})^2",
    "squared_error": "({y} - {t})^2",
    "binary_cross_entropy": "-({t} log {y} + (1 - {t}) log(1 - {y}))",
    "cross_entropy": "-{t} log {y}",
}


@dataclass(frozen=True)
class UpdateResidues:
    """Which numbers of an update line are rounding residues of 0: the gradient, the value before, after."""

    grad: bool = False
    before: bool = False
    after: bool = False


def _update_line(name: str, update: Update, marks: UpdateResidues = UpdateResidues()) -> str:
    """The update's arithmetic. Before it runs, the result is left for the update phase (a quiz may ask it);
    once applied, before and after get as many digits as it takes to tell them apart."""
    grad = residue_or(update.grad, marks.grad)
    if not update.applied:
        before = ROUNDING_ZERO if marks.before else num(update.before)
        return f"{name} = {before} - {num(update.lr)}*{grad} = ?   (the update computes it)"
    sig = distinct_digits(update.before, update.after)
    before = ROUNDING_ZERO if marks.before else num(update.before, sig)
    after = ROUNDING_ZERO if marks.after else num(update.after, sig)
    note = "; ≈0 is rounding of a true 0" if marks.before or marks.after else ""
    return f"{name} = {before} - {num(update.lr)}*{grad} = {after}   (applied{note})"


def _per_batch(batch: int) -> str:
    return f" / {batch}" if batch > 1 else ""


# -- explanations --------------------------------------------------------------
def explain_input_lines(e: InputExplanation) -> list[tuple[str, str]]:
    """(kind, line) pairs; kind names the phase a line belongs to, for highlighting."""
    name = f"x{e.i + 1}"
    if e.x is None:
        return [("sample", f"{name}: input {e.i + 1}. No sample drawn yet: the next phase (sample) picks one.")]
    return [("sample", f"{name} = {num(e.x)}   input {e.i + 1} of the current sample; inputs are data, not neurons")]


def explain_neuron_lines(
    e: NeuronExplanation,
    depth: int,
    loss: str,
    residues: LayerResidues | None = None,
    before: LayerResidues | None = None,
) -> list[tuple[str, str]]:
    """The neuron's arithmetic; `residues` (its layer's, from the engine) marks rounding residues as ≈0,
    `before` does so for the values an applied update started from."""
    name = neuron_name(e.layer, e.j, depth)
    lines: list[tuple[str, str]] = []

    def is_residue(quantity: str, index: tuple[int, ...]) -> bool:
        return residues is not None and residues.at(quantity, index)

    def shown(quantity: str, value: float | None) -> str:
        index = (e.j,) if quantity == "db" else (e.sample, e.j)
        return value_text(value, is_residue(quantity, index))

    used = before if before is not None else residues  # the parameters the forward pass used
    b_used = residue_or(e.b, used is not None and used.at("b", (e.j,)))
    weights = tuple(used is not None and used.at("W", (i, e.j)) for i in range(len(e.terms)))

    if not e.terms:
        lines.append(("forward", f"z = sum_i wi{e.j + 1} * {e.inputs}i + b = ?   (runs at forward {e.layer})"))
    else:
        lines.append(
            (
                "forward",
                f"z = {sum_of(e.terms, weights)} + {b_used} = {shown('z', e.z)}"
                if e.z is not None
                else f"z = {sum_of(e.terms, weights)} + {b_used} = ?   (forward {e.layer} computes it)",
            )
        )
    if e.z is not None:
        if e.activation == "linear":  # a is z itself: "a = z = 350", not "a = 350 = 350"
            lines.append(("forward", f"a = z = {num(e.a)}"))
        else:
            shape = _ACTIVATION_WITH.get(e.activation, "f({z})").format(z=num(e.z))
            lines.append(("forward", f"a = {shape} = {num(e.a)}"))
    is_output = e.layer == depth
    if e.delta_rule == "fused" and e.delta is not None:
        t = factor(e.target)
        lines.append(
            (
                "backward",
                f"delta = (a - t){_per_batch(e.batch)} = ({num(e.a)} - {t}){_per_batch(e.batch)} "
                f"= {num(e.delta)}   ({e.activation} with {loss_name(loss)}: the simple form)",
            )
        )
    else:
        if e.dL_da is not None:
            if is_output:
                how = _LOSS_GRAD.get(loss, "dL/da")
                if loss in ("half_squared_error", "squared_error"):
                    lead = "2*" if loss == "squared_error" else ""
                    how = f"{how} = {lead}({num(e.a)} - {factor(e.target)})"  # a negative target in brackets
                elif loss == "cross_entropy":
                    how = f"{how} = -{factor(e.target)} / {num(e.a)}"
                mean = f"   (/ {e.batch}: a mean over {e.batch} samples)" if e.batch > 1 else ""
                lines.append(("loss", f"dL/da = {how}{_per_batch(e.batch)} = {num(e.dL_da)}{mean}"))
            else:
                lines.append(
                    (
                        "backward",
                        f"dL/da = sum_m w{e.j + 1}m (next layer) * delta_m = {sum_of(e.back_terms)} "
                        f"= {shown('dL_da', e.dL_da)}",
                    )
                )
        if e.delta is not None:
            if e.delta_rule == "chain":
                lines.append(
                    (
                        "backward",
                        f"delta = dL/da * {_DERIVATIVE.get(e.activation, 'f`(z)')} "
                        f"= {factor(e.dL_da)}*{factor(e.da_dz)} = {shown('delta', e.delta)}",
                    )
                )
            else:
                lines.append(("backward", f"delta = softmax Jacobian applied to dL/da = {num(e.delta)}"))
    if e.db is not None:
        how = "delta" if e.batch <= 1 else f"sum over the batch of delta = {values_sum(e.db_terms)}"
        lines.append(("backward", f"db = {how} = {shown('db', e.db)}"))
    if e.update is not None:
        after = e.update.applied and is_residue("b", (e.j,))
        was = before if e.update.applied else residues  # the gradient and the value the update started from
        marks = UpdateResidues(
            grad=was is not None and was.at("db", (e.j,)),
            before=was is not None and was.at("b", (e.j,)),
            after=after,
        )
        lines.append(("update", _update_line("b", e.update, marks)))
    if not lines:
        lines.append(("forward", f"{name}: nothing computed yet in this pass"))
    return lines


def explain_weight_lines(
    e: WeightExplanation,
    sizes: list[int],
    depth: int,
    residues: LayerResidues | None = None,
    before: LayerResidues | None = None,
) -> list[tuple[str, str]]:
    """The weight's arithmetic; `residues` and `before` as for explain_neuron_lines."""
    index = (e.i, e.j)
    residue = residues is not None and residues.at("dW", index)
    src = neuron_name(e.layer - 1, e.i, depth)
    dst = neuron_name(e.layer, e.j, depth)
    W_now = value_text(e.W, residues is not None and residues.at("W", index))
    lines = [("update", f"W = {W_now}   carries {src} into {dst}: adds W*{src} to z of {dst}")]
    if e.dW is None:
        lines.append(("backward", f"dW = ?   (backward {e.layer} computes dL/dW = {src} * delta of {dst})"))
    else:
        rule = "a_prev*delta" if len(e.terms) <= 1 else "sum over the batch of a_prev*delta"
        if e.decay is None:
            lines.append(("backward", f"dW = {rule} = {sum_of(e.terms)} = {value_text(e.dW, residue)}"))
        else:
            lines.append(
                (
                    "backward",
                    f"dW = {rule} + L2 * W = {sum_of(e.terms)} + "
                    f"{factor(e.decay.left)}*{factor(e.decay.right)} = {value_text(e.dW, residue)}",
                )
            )
            lines.append(("backward", "   (L2 pulls every weight toward 0; biases are not regularized)"))
    if e.update is not None:
        was = before if e.update.applied else residues
        marks = UpdateResidues(
            grad=was is not None and was.at("dW", index),
            before=was is not None and was.at("W", index),
            after=e.update.applied and residues is not None and residues.at("W", index),
        )
        lines.append(("update", _update_line("W", e.update, marks)))
    return lines


def explain_loss_lines(e: LossExplanation | None) -> list[tuple[str, str]]:
    if e is None:
        return [("loss", "L = ?   (the loss phase compares the outputs with the targets)")]
    shape = _LOSS_TERM.get(e.loss, "l({y}, {t})")
    parts = [shape.format(y=num(term.y), t=num(term.t)) for term in e.terms]
    lines = [("loss", f"{e.formula}")]
    sample = f"sample {e.sample + 1}: " if e.batch > 1 else ""
    if e.value is None:  # the loss phase has not run: its result is not shown before it (a quiz may ask it)
        lines.append(("loss", f"{sample}L = {' + '.join(parts)} = ?   (the loss phase computes it)"))
        return lines
    lines.append(("loss", f"{sample}L = {' + '.join(parts)} = {num(e.sample_loss, 6)}"))
    if e.l2:
        data = sum(e.sample_losses) / len(e.sample_losses)
        if e.batch > 1:
            lines.append(("loss", f"data loss = mean over {e.batch} samples = {num(data, 6)}"))
        lines.append(
            ("loss", f"L2 penalty = L2/2 * sum W^2 = {num(e.l2)}/2*{num(e.sum_of_squares)} = {num(e.penalty, 6)}")
        )
        if e.value is not None:
            lines.append(("loss", f"L = {num(data, 6)} + {num(e.penalty, 6)} = {num(e.value, 6)}"))
    elif e.batch > 1:
        lines.append(("loss", f"L = mean over {e.batch} samples = {num(e.value, 6)}"))
    return lines


def epochs(n: int) -> str:
    """ "1 epoch", "20 epochs"."""
    return f"{n} epoch" if n == 1 else f"{n} epochs"
