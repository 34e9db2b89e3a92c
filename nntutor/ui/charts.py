"""Charts of a learning cycle, drawn with plotext: the loss, the network's
function or decision regions, and the loss surface of two weights.

How a chart is updated and cached, and why glyphs rather than colours tell
series apart, is said once in `chart_base`.

Earlier runs of a lesson (kept by the session when a step starts a new run)
are drawn beside the current one: the loss chart gives each its own line
and the surface chart its own path, each in the run's glyph, with a legend
naming the runs.
"""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.widgets import ContentSwitcher

from ..engine.views import loss_curves
from .chart_base import CLASS_GLYPHS, REGION_GLYPHS, CycleChart
from .curve_chart import CurveChart
from .loss_chart import LossChart, other_mode
from .plane_charts import FunctionChart, SurfaceChart

__all__ = [
    "CHARTS",
    "CLASS_GLYPHS",
    "REGION_GLYPHS",
    "ChartPanel",
    "CurveChart",
    "CycleChart",
    "FunctionChart",
    "LossChart",
    "SurfaceChart",
]


# Which chart a lesson step's `show` hint asks for.
CHARTS: dict[str, type[CycleChart]] = {
    "loss": LossChart,
    "function": FunctionChart,
    "regions": FunctionChart,
    "surface": SurfaceChart,
    "curve": CurveChart,
}


# The order `c` steps through the charts a panel holds. The surface wraps
# round to the loss chart, as the lessons' "press c for the loss chart" after
# a surface step expects; the help (the c key's tooltip) names this order.
CHART_ORDER = ("loss", "function", "curve", "surface")


class ChartPanel(Vertical):
    """One chart at a time, chosen by a lesson step's `show` hint ("loss",
    "function", "regions", "surface", "curve"); the others wait hidden.

    `update_from(cycle)` passes the cycle to every chart, which costs nothing
    for the hidden ones (they compute only when drawn). `show(kind)` switches;
    `next_chart()` steps through the kinds this panel holds (for a key), in CHART_ORDER.
    `change_loss_chart("toggle_log" | "cycle_mode")` changes how the loss
    chart draws and shows it; the setting holds for the rest of the session.
    """

    DEFAULT_CSS = """
    ChartPanel {
        height: 1fr;
        width: 1fr;
    }
    ChartPanel > ContentSwitcher {
        height: 1fr;
    }
    """

    def __init__(
        self,
        kinds: tuple[str, ...] = ("loss", "function", "surface"),
        initial: str = "loss",
        surface: dict | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        given = {"function" if k == "regions" else k for k in kinds}
        unknown = sorted(given - set(CHARTS))
        if unknown:
            raise ValueError(f"unknown chart kind {unknown[0]!r}; choose from {', '.join(CHARTS)}")
        self.kinds = tuple(k for k in CHART_ORDER if k in given)
        self.kind = self._known(initial)
        self._surface_options = surface or {}
        self._loss_options: dict[str, Any] = {"mode": "auto", "log_scale": None}
        self._cycle: Any = None

    def _curve_options(self) -> dict:
        """The curve starts on the surface's first weight, when the lesson names two."""
        weights = self._surface_options.get("weights")
        if not weights:
            return {}
        return {"parameter": ("W", self._surface_options.get("weight_layer", 1), tuple(weights[0]))}

    def _known(self, kind: str) -> str:
        kind = "function" if kind == "regions" else kind
        return kind if kind in self.kinds else self.kinds[0]

    def compose(self):
        with ContentSwitcher(initial=f"chart-{self.kind}"):
            for kind in self.kinds:
                options = {
                    "surface": self._surface_options,
                    "loss": self._loss_options,
                    "curve": self._curve_options(),
                }.get(kind, {})
                yield CHARTS[kind](id=f"chart-{kind}", **options)

    def chart(self, kind: str | None = None) -> CycleChart:
        return self.query_one(f"#chart-{self._known(kind or self.kind)}", CycleChart)

    def show(self, kind: str) -> str:
        """Show the chart of `kind` (one this panel holds, else its first); returns the kind shown."""
        self.kind = self._known(kind)
        self.query_one(ContentSwitcher).current = f"chart-{self.kind}"
        return self.kind

    def next_chart(self) -> str:
        return self.show(self.kinds[(self.kinds.index(self.kind) + 1) % len(self.kinds)])

    def change_loss_chart(self, change: str, cycle=None) -> str:
        """Switch the loss chart's scale ("toggle_log": log <-> linear) or mode ("cycle_mode": per step
        <-> per epoch) from what it shows now; brings the loss chart forward and returns a line saying
        what it now draws. `cycle` judges a log scale before the chart has ever drawn."""
        if "loss" not in self.kinds:
            return "this lesson has no loss chart"
        options = self._loss_options
        chart = self.chart("loss") if self.is_mounted else None
        assert chart is None or isinstance(chart, LossChart)
        if chart is not None:  # switch from what it shows (or, hidden, would show) now
            chart.draw_now((self.size.width or 80, self.size.height or 24))
        drawn_mode = chart.shown_mode if chart is not None else None  # None: not drawn
        if change == "toggle_log":
            options["log_scale"] = (
                not chart.shown_log if chart is not None and drawn_mode is not None else not options["log_scale"]
            )
            said = "loss chart: log scale" if options["log_scale"] else "loss chart: linear scale"
            if chart is not None and drawn_mode is not None:
                log_possible = chart.log_possible
            else:  # not drawn yet (the panel is mounting): judged on the run's own losses
                log_possible = cycle is None or loss_curves(cycle).positive
            if options["log_scale"] and not log_possible:
                options["log_scale"] = False  # refused, not kept for later: it would switch on unasked
                said = "loss chart: stays linear: a loss of exactly 0 has no place on a log scale"
        else:
            options["mode"] = other_mode(drawn_mode if drawn_mode is not None else options["mode"], self._cycle)
            said = {
                "step": "loss chart: the loss of every step (e: each epoch's mean)",
                "epoch": "loss chart: each epoch's mean (e: every step)",
            }[options["mode"]]
        if chart is not None:
            if chart.log_scale != options["log_scale"]:
                chart.set_log(options["log_scale"])
            if chart.mode != options["mode"]:
                chart.set_mode(options["mode"])
            self.show("loss")
        else:  # composed with these options
            self.kind = "loss"
        return said

    def select(self, selection: tuple) -> None:
        """The network panel's selection: the curve chart draws the loss over that weight or bias."""
        if "curve" in self.kinds:
            chart = self.chart("curve")
            assert isinstance(chart, CurveChart)
            chart.select(selection)

    def update_from(self, cycle, runs: tuple = (), label: str = "") -> bool:
        """Hand every chart the cycle, the earlier runs (oldest first) and the current run's name."""
        self._cycle = cycle
        changed = False
        for chart in self.query(CycleChart):
            changed = chart.update_from(cycle, runs, label) or changed
        return changed
