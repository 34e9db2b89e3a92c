"""What a lesson costs to show, estimated before it runs, and the limits it must keep.

A lesson file can ask for a network, data and charts that validate but take
tens of seconds to draw (8 layers of 64 on 5000 samples with the loss
surface: 43-55 s to the first screen). This module estimates, from the file
alone, what showing the lesson costs, for every run the lesson sets up (its
first network and every step that starts a new one or changes the batch):

- first frame (limit 1 s): opening the lesson at its first step, from the
  app's start to the lesson screen drawn: the tutor's own start-up
  (START_SECONDS, the smallest lesson's, measured), and what the lesson adds
  to it: its text and panels, plotext imported if the first step shows a
  chart, building the network and the data, the first forward pass over the
  batch, the chart the first step shows (or the network panel);
- walk (limit 8 s, ``walk_seconds``): the headless walk through every step,
  its training included, that checks a file not walked before at its first
  opening (shipped lessons, and files walked before, skip it), and that is
  replayed up to the step a learner resumes at or steps back to. It comes on
  top of the first frame at those openings: the 1 s holds for an opening at
  the first step of a lesson whose walk verdict is known;
- one redraw (limit 100 ms, the whole key to screen drawn): the heaviest key
  (enter runs a whole pass of the cycle) plus recomputing the heaviest chart
  the learner can open on this lesson (the loss surface and the loss curve
  only where the lesson shows them; the function/regions chart always, as
  the chart key reaches it from any step), plus REDRAW_BASE_SECONDS for the
  screen around the numbers. This is the redraw of a view already on screen;
- one relayout (the same limit): a key that shows another view (c, tab), or
  the first enter on it, lays the main area out anew (RELAYOUT_SECONDS more)
  and draws a chart the first time at its size: the loss surface computes
  its grid once more when it knows the frame plotext draws around it, the
  loss curve fits its range;
- peak memory (limit 200 MB, the whole process): the process itself, the
  data, the undo history (bounded in bytes by the engine), the state on
  screen, the path a training run keeps for the surface chart, and the
  earlier runs the charts compare.

The limits and the measured constants, with how they were fitted, are in
``cost_constants``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from nntutor.engine.history import HISTORY_BYTES, HISTORY_LIMIT, STATE_OVERHEAD

from .build import build_dataset
from .cost_constants import (
    BASE_BYTES,
    CACHE_BYTES,
    CHART_CELLS,
    CHARTS_IMPORT_SECONDS,
    CHECK_SECONDS,
    CURVE_POINTS,
    ELEMENTWISE_VALUES,
    FIRST_CURVE_SECONDS,
    FIRST_FRAME_SECONDS,
    FUNCTION_POINTS,
    LESSON_SCREEN_SECONDS,
    MAX_RUNS,
    MEMORY_BYTES,
    PLOT_CELL_SECONDS,
    PLOT_POINT_SECONDS,
    REDRAW_BASE_SECONDS,
    REDRAW_SECONDS,
    RELAYOUT_SECONDS,
    RUN_PATH_NETWORKS,
    SECONDS_PER_CACHED_VALUE,
    SECONDS_PER_SURFACE_VALUE,
    SECONDS_PER_VALUE,
    START_SECONDS,
    SURFACE_AGAIN_SHARE,
    SURFACE_CHUNK_ARRAYS,
    SURFACE_CHUNK_FLOATS,
    SURFACE_POINT_SECONDS,
    SURFACE_SECONDS,
    TRAIN_PATH_NETWORKS,
    UPDATE_LAYER_SECONDS,
    WALK_SETUP_SECONDS,
)
from .model import DataSpec, Lesson, NetworkSpec
from .problems import Problem


@dataclass(frozen=True)
class SurfacePlan:
    """How finely the loss surface chart computes: its grid, its range search, its path."""

    cols: int
    rows: int
    search: tuple[int, int]  # the range search's points per weight, and its most widenings
    path_points: int

    @property
    def points(self) -> int:
        """Losses computed at most for one drawing: the grid and the path once, the range
        search once (with the path again and a 2x2 grid when the kept ranges must grow)."""
        return self.cols * self.rows + 2 * self.path_points + self.search[0] ** 2 * self.search[1] + 4


FULL_SEARCH = (13, 6)  # engine.views.loss_surface's own
FULL_PATH = 2 * 400 + 400  # a trained path and the phases stepped since
COARSEST = SurfacePlan(8, 4, (5, 2), 16)


def surface_plan(
    cols: int, rows: int, point_seconds: float, path_length: int = FULL_PATH, budget: float = SURFACE_SECONDS
) -> SurfacePlan:
    """The finest plan for a ``cols`` x ``rows`` canvas whose points fit ``budget`` at
    ``point_seconds`` each: one point per character when that fits, else a grid a few
    characters a cell, down to the coarsest (which may still cost more: the check
    refuses a lesson whose coarsest surface is over the budget). ``path_length``:
    the most points the descent path can have now."""
    affordable = budget / max(point_seconds, 1e-12)
    for k in (1, 2, 3, 4, 6, 8, 12, 16):
        search = FULL_SEARCH if k == 1 else (max(COARSEST.search[0], 13 // k), max(COARSEST.search[1], 6 // k))
        plan = SurfacePlan(
            max(COARSEST.cols, cols // k),
            max(COARSEST.rows, rows // k),
            search,
            max(COARSEST.path_points, min(path_length, FULL_PATH // k)),
        )
        if plan.points <= affordable:
            return plan
    return COARSEST


@dataclass(frozen=True)
class Setup:
    """One run of a lesson as the cost model sees it: the network, the data, the batch."""

    where: str  # the field that set it up, named in a message
    layers: tuple[int, ...]
    n_train: int
    n_test: int
    batch: int


@dataclass(frozen=True)
class Estimate:
    """The three figures for one setup, and what made them."""

    setup: Setup
    first_frame: float  # seconds
    redraw: float  # seconds
    memory: int  # bytes
    surface: float = 0.0  # seconds of the surface chart at its coarsest (0 without one)
    relayout: float = 0.0  # seconds: a key that shows a view (c, tab), or the first enter on it

    @property
    def first_frame_lesson(self) -> float:
        """What the lesson adds to the first frame of the smallest lesson."""
        return self.first_frame - START_SECONDS


def parameters(layers: tuple[int, ...], start: int = 1) -> int:
    """Weights and biases of the layers from ``start`` (1-based) up."""
    return sum((n_in + 1) * n_out for n_in, n_out in list(pairwise(layers))[start - 1 :])


def values(layers: tuple[int, ...], samples: int, start: int = 1) -> int:
    """The work of pushing ``samples`` through the layers from ``start`` up (see the module docstring)."""
    return samples * (parameters(layers, start) + ELEMENTWISE_VALUES * sum(layers[start:]))


def seconds(layers: tuple[int, ...], samples: int) -> float:
    """Pushing ``samples`` forward through the network (a backward pass and an update cost twice that)."""
    cached = samples * max(layers) * 8 <= CACHE_BYTES
    return (SECONDS_PER_CACHED_VALUE if cached else SECONDS_PER_VALUE) * values(layers, samples)


def surface_point_seconds(layers: tuple[int, ...], samples: int, layer: int = 1) -> float:
    """One point of the loss surface over two weights of ``layer``: the loss over all samples."""
    return SURFACE_POINT_SECONDS + SECONDS_PER_SURFACE_VALUE * values(layers, samples, layer)


def state_bytes(layers: tuple[int, ...], batch: int) -> int:
    """A cycle state: z, a, dL/da and delta of every neuron for the batch, the batch itself, weights and gradients."""
    return 8 * (4 * batch * sum(layers[1:]) + batch * (layers[0] + layers[-1]) + 3 * parameters(layers))


def estimate(setup: Setup, charts: frozenset[str], first_chart: str | None) -> Estimate:
    """The figures of one setup, for a lesson that can show ``charts`` and opens on ``first_chart``."""
    layers, n = setup.layers, setup.n_train
    chart_seconds = {"function": _function_seconds(setup), "loss": 0.0, "network": 0.0}
    # A chart drawn the first time at its size: the surface computes its grid once more when it knows
    # the frame plotext draws around it (nntutor/ui/chart_base.py); the loss curve fits its range.
    first_drawing = {"curve": FIRST_CURVE_SECONDS}
    surface = 0.0
    if "surface" in charts:
        surface = COARSEST.points * surface_point_seconds(layers, n)
        chart_seconds["surface"] = max(SURFACE_SECONDS, surface)
        first_drawing["surface"] = SURFACE_AGAIN_SHARE * chart_seconds["surface"]
    if "curve" in charts:
        chart_seconds["curve"] = CURVE_POINTS * seconds(layers, n)
    shown = first_chart or "network"
    opening = LESSON_SCREEN_SECONDS + (CHARTS_IMPORT_SECONDS if shown != "network" else 0.0)
    first = START_SECONDS + opening + _data_seconds(setup) + chart_seconds.get(shown, 0.0)
    a_pass = 3 * seconds(layers, setup.batch)
    redraw = REDRAW_BASE_SECONDS + a_pass + max(chart_seconds.values())
    relayout = (
        REDRAW_BASE_SECONDS
        + RELAYOUT_SECONDS
        + a_pass
        + max(chart + first_drawing.get(chart_kind, 0.0) for chart_kind, chart in chart_seconds.items())
    )
    return Estimate(setup, first, redraw, _memory(setup, surface="surface" in charts), surface, relayout)


def _function_seconds(setup: Setup) -> float:
    """The function (one input) or regions (two inputs) chart: the network over a grid, and the data drawn."""
    inputs = setup.layers[0]
    points = FUNCTION_POINTS if inputs == 1 else CHART_CELLS if inputs == 2 else 0
    drawn = setup.n_train + setup.n_test if inputs <= 2 else 0
    return seconds(setup.layers, points) + PLOT_POINT_SECONDS * drawn + PLOT_CELL_SECONDS * points


def _data_seconds(setup: Setup) -> float:
    """Making the data and the first state: a forward pass over the batch at most."""
    return seconds(setup.layers, setup.batch)


def _memory(setup: Setup, earlier_runs: int = 0, surface: bool = False) -> int:
    """Peak bytes while ``setup`` runs, with ``earlier_runs`` runs of its size kept for the charts."""
    layers = setup.layers
    network = 8 * parameters(layers)
    state = state_bytes(layers, setup.batch)
    history = min(HISTORY_BYTES, HISTORY_LIMIT * (STATE_OVERHEAD + state)) + state  # the newest stays whole
    trained_path = TRAIN_PATH_NETWORKS * network
    data = 8 * 3 * (setup.n_train + setup.n_test) * (layers[0] + layers[-1])  # the arrays and their copies
    # The surface pushes its grid points through in chunks of about SURFACE_CHUNK_FLOATS (one point at least).
    point = setup.n_train * max(layers)
    chunk = 8 * SURFACE_CHUNK_ARRAYS * min(CHART_CELLS * point, max(SURFACE_CHUNK_FLOATS, point)) if surface else 0
    earlier_run = state + (TRAIN_PATH_NETWORKS + RUN_PATH_NETWORKS) * network
    return BASE_BYTES + data + history + state + trained_path + chunk + earlier_runs * earlier_run


# -- a lesson's setups and the check -----------------------------------------------


def setups(lesson: Lesson) -> list[Setup]:
    """Every network, data and batch the lesson runs, each named by the field that asked for it."""
    found = [_setup("network.layers", lesson.network, lesson.data)]
    net, data = lesson.network, lesson.data
    for i, step in enumerate(lesson.steps):
        action = step.action
        if action.starts_run and action.network is not None and action.data is not None:
            changed = _changed(net, data, action.network, action.data)
            net, data = action.network, action.data
            found.append(_setup(f"steps[{i}].{changed}", net, data))
        elif action.batch is not None:
            found.append(_setup(f"steps[{i}].batch", net, data, action.batch))
    return found


def _changed(net: NetworkSpec, data: DataSpec, new_net: NetworkSpec, new_data: DataSpec) -> str:
    """The step field most likely to make a new run cost more."""
    if new_net.layers != net.layers:
        return "layers"
    if new_data.dataset != data.dataset or new_data.inputs != data.inputs:
        return "data"
    if dict(new_data.options).get("samples") != dict(data.options).get("samples"):
        return "data.samples"
    if new_net.batch != net.batch:
        return "batch"
    return "do"


def _setup(where: str, net: NetworkSpec, data: DataSpec, batch: str | int | None = None) -> Setup:
    built = build_dataset(data)
    n_train, n_test = len(built.x_train), len(built.x_test)
    batch = net.batch if batch is None else batch
    size = n_train if batch == "full" else min(int(batch), n_train)
    return Setup(where, tuple(net.layers), n_train, n_test, max(1, size))


def lesson_estimates(lesson: Lesson) -> list[Estimate]:
    """The figures of every setup of ``lesson`` (its first network first)."""
    shows = {step.show for step in lesson.steps if step.show}
    charts = frozenset({"function", "loss", "network"} | (shows & {"surface", "curve"}))
    first_chart = lesson.steps[0].show if lesson.steps else None
    first_chart = "function" if first_chart == "regions" else first_chart
    earlier_runs = min(MAX_RUNS, sum(step.action.starts_run for step in lesson.steps))
    found = setups(lesson)
    largest = max(found, key=lambda setup: _memory(setup, 1) - _memory(setup))  # the earlier runs' share
    out = []
    for n, setup in enumerate(found):
        e = estimate(setup, charts, first_chart if n == 0 else None)
        # The earlier runs counted as large as the lesson's largest.
        memory = e.memory + _memory(largest, earlier_runs) - _memory(largest)
        out.append(Estimate(setup, e.first_frame, e.redraw, memory, e.surface, e.relayout))
    return out


def walk_seconds(lesson: Lesson) -> tuple[float, str]:
    """The headless walk through every step: its time, and the step field that costs the most of it."""
    found = setups(lesson)
    current = found[0]
    by_field = {current.where: WALK_SETUP_SECONDS}
    later = iter(found[1:])
    for i, step in enumerate(lesson.steps):
        action = step.action
        if action.starts_run or action.batch is not None:  # as setups() found them
            current = next(later, current)
        if action.do == "cycle":
            by_field[f"steps[{i}]"] = 3 * seconds(current.layers, current.batch)
        elif action.do == "train" and action.epochs:
            runs = action.epochs * (1 + len(step.quizzes_before("train")))
            updates = runs * -(-current.n_train // current.batch)
            batches = updates * 3 * seconds(current.layers, current.batch)
            by_field[f"steps[{i}].epochs"] = batches + updates * len(current.layers) * UPDATE_LAYER_SECONDS
    return sum(by_field.values()), max(by_field, key=lambda key: by_field[key])


def cost_problems(lesson: Lesson) -> list[Problem]:
    """A problem for every figure over its limit (the worst setup of each, named by its field)."""
    file = str(lesson.path or lesson.id)
    problems = []
    walk, where = walk_seconds(lesson)
    if walk > CHECK_SECONDS:
        problems.append(
            Problem(
                file,
                where,
                f"about {_seconds(walk)} to walk through the steps (when the file is first opened, and again "
                f"to resume at its last step), the limit is {_seconds(CHECK_SECONDS)}: fewer epochs, "
                "larger batches, or fewer samples or neurons",
            )
        )
    estimates = lesson_estimates(lesson)
    for figure, limit, what, cure in (
        ("first_frame", FIRST_FRAME_SECONDS, "{} to the first frame", "fewer samples or neurons"),
        (
            "surface",
            SURFACE_SECONDS,
            "{} to draw the loss surface even at its coarsest",
            "fewer samples or neurons, or no surface chart",
        ),
        ("redraw", REDRAW_SECONDS, "{} per redraw", "fewer samples or neurons, or a smaller batch"),
        (
            "relayout",
            REDRAW_SECONDS,
            "{} to show a view (c, tab: the screen laid out anew, a chart drawn the first time)",
            "fewer samples or neurons, or a smaller batch",
        ),
        ("memory", MEMORY_BYTES, "{} of memory at most", "fewer neurons or samples, or fewer new runs"),
    ):
        worst = max(estimates, key=lambda e: getattr(e, figure))
        value = getattr(worst, figure)
        if value > limit:
            shown = _megabytes if figure == "memory" else _seconds
            problems.append(
                Problem(
                    file,
                    worst.setup.where,
                    f"{_describe(worst.setup)}: about {what.format(shown(value))}, the limit is {shown(limit)}: {cure}",
                )
            )
    return problems


def _describe(setup: Setup) -> str:
    net = "-".join(map(str, setup.layers))
    return f"network {net} on {setup.n_train} training samples (batch {setup.batch})"


def _megabytes(value: float) -> str:
    return f"{value / 2**20:.0f} MB"


def _seconds(value: float) -> str:
    return f"{value:.3g} s" if value >= 1 else f"{value * 1000:.0f} ms"
