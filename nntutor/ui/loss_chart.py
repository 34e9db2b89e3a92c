"""The loss chart: the loss per step or per epoch, with earlier runs beside the current one."""

from __future__ import annotations

import numpy as np

from ..engine.views import LossCurves, loss_curves, step_loss_band
from .chart_base import _HUGE, GLYPH_KEYS, RUN_COLORS, RUN_GLYPHS, CycleChart, _finite_xy, _fmt
from .format import batch_loss_name
from .ticks import row_ticks

# The keys the lesson screen binds to this chart, named in its legend line.
KEYS_HINT = "e: per step/epoch  g: log scale"
# Runs compared whose losses span more than this many powers of ten are drawn
# on a log scale unless the learner asked for linear: on a linear one, one
# run's large first loss squashes the others into the bottom row.
RUNS_LOG_DECADES = 2
# One run alone is drawn on a log scale only when a linear one could not show
# it at all (a diverging run); a falling loss reads best on a linear scale.
ALONE_LOG_DECADES = 6


class LossChart(CycleChart):
    """The training loss per step, or the train and test loss per epoch.

    mode "step" plots every step's batch loss; "epoch" plots each epoch's mean
    training loss and, when there is a test set, the test loss; "auto" picks
    "epoch" when a test loss exists and "step" otherwise. `log_scale` True or
    False asks for a log or linear scale (a log one only when all losses are
    above zero); None lets the chart choose log when the losses span too many
    powers of ten (RUNS_LOG_DECADES, ALONE_LOG_DECADES), and the title says so.

    Per step, a series longer than the chart is wide is drawn as its
    envelope (each stretch's highest and lowest loss), never as averages,
    so samples that take turns still show as a band. The legend sits on its
    own line under the x axis, outside the plot, one glyph per run.
    """

    MODES = ("auto", "step", "epoch")

    def __init__(self, mode: str = "auto", log_scale: bool | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        if mode not in self.MODES:
            raise ValueError(f"mode must be one of {', '.join(self.MODES)}, got {mode!r}")
        self.mode = mode
        self.log_scale = log_scale
        self.curves: LossCurves | None = None
        self.shown: dict[str, tuple[list[float], list[float]]] = {}  # label -> (x, y) as plotted
        self.shown_runs: dict[str, tuple[list[float], list[float]]] = {}  # earlier runs' legend label -> (x, y)
        self.legend: list[str] = []  # the legend's entries, glyph and label
        self._legend_items: dict[str, list[tuple[str, str]]] = {}  # run name -> its lines' (glyph, series)
        self._runs_series: dict[str, str] = {}  # earlier run's name -> "train" or "test", the loss drawn
        self.shown_mode: str | None = None
        self.shown_log = False  # whether the y axis was drawn on a log scale
        self.decades = 0.0  # how many powers of ten the losses drawn span (0 when not all above zero)
        self.log_possible = True  # every loss drawn is above zero, so a log scale can show them all
        self._enveloped = False  # whether the step losses were drawn as an envelope

    def set_mode(self, mode: str) -> None:
        if mode not in self.MODES:
            raise ValueError(f"mode must be one of {', '.join(self.MODES)}, got {mode!r}")
        self.mode = mode
        self.invalidate()

    def cycle_mode(self) -> str:
        """Switch to the mode not shown now (per step <-> per epoch); returns it."""
        self.set_mode(other_mode(self.shown_mode or self.mode, self._cycle))
        return self.mode

    def toggle_log(self) -> bool:
        """Switch to the scale not shown now (log <-> linear); returns whether it is log."""
        self.set_log(not self.shown_log)
        return bool(self.log_scale)

    def draw_now(self, size: tuple[int, int]) -> None:
        """Draw at `size` now if the data changed since last drawn (a hidden chart draws only when
        shown), so that `shown_mode` and `shown_log` say what the learner is about to see."""
        if self._cycle is not None and self._drawn_key is not self._key:
            self._redraw(size)

    def set_log(self, log: bool | None) -> None:
        """Ask for a log (True) or linear (False) scale, or let the chart choose (None)."""
        self.log_scale = log
        self.invalidate()

    def change_key(self, cycle) -> tuple:
        state = cycle.state
        return (state.step_losses, state.epoch_log, self.mode, self.log_scale)

    def draw(self, cycle, width: int, height: int) -> None:
        plt = self.plt
        points = max(8, 2 * width)  # braille: 2 dots per column
        curves = loss_curves(cycle, max_points=points)
        self.curves = curves
        mode = resolved_mode(self.mode, cycle)
        self.shown_mode = mode
        self._enveloped = False
        self.shown = {}
        self.shown_log = False
        if mode == "step":
            step_x, step_y, self._enveloped = step_loss_band(cycle.state, points)
            if len(step_y):
                self.shown["train"] = (step_x.tolist(), step_y.tolist())
        else:
            if len(curves.train):
                self.shown["train"] = (curves.epochs.tolist(), curves.train.tolist())
            if len(curves.test):
                self.shown["test"] = (curves.test_epochs.tolist(), curves.test.tolist())
        # Per epoch, a run with a test set is compared by its test loss, from the first key press on
        # (not only once this run has one): each glyph keeps one meaning within a step.
        test = mode == "epoch" and len(cycle.data.x_test) > 0
        self.shown_runs = self._earlier_runs(mode, max(8, 2 * width), test=test)
        if not self.shown and not self.shown_runs:
            self.notice = "loss: no step taken yet" if mode == "step" else "loss: no epoch finished yet"
            return
        series = list(self.shown.values()) + list(self.shown_runs.values())
        every = np.concatenate([np.asarray(ys, dtype=np.float64) for _, ys in series])
        finite = every[np.isfinite(every)]
        positive = bool(len(finite)) and finite.min() > 0 and curves.positive
        self.log_possible = positive
        self.decades = float(np.log10(finite.max()) - np.log10(finite.min())) if positive else 0.0
        most = RUNS_LOG_DECADES if len(series) > len(self.shown) else ALONE_LOG_DECADES
        chosen = self.log_scale is None and (self.decades > most or bool(len(finite) and finite.max() > _HUGE))
        log = (bool(self.log_scale) or chosen) and positive
        markers = {"train": "braille", "test": "•"}  # keep GLYPH_KEYS in step
        colors = {"train": "cyan+", "test": "orange+"}
        this_run = self.run_label or "this run"
        # Earlier runs first, this run last: drawn last, its line lies on top of their marks (a cell
        # holds one glyph), so the run the learner just made is never hidden under the ones before.
        lines = [
            (label, xy, RUN_GLYPHS[n % len(RUN_GLYPHS)], RUN_COLORS[n % len(RUN_COLORS)], label)
            for n, (label, xy) in enumerate(self.shown_runs.items())
        ]
        lines += [(label, xy, markers[label], colors[label], this_run) for label, xy in self.shown.items()]
        # run name -> [(glyph, "train" | "test" | "")]: this run's entry leads the legend
        self._legend_items = {this_run: []} if self.shown else {}
        drawn_lines = []  # (xs, ys, marker, color), drawn once the canvas and limits are known
        for label, (xs, ys), marker, color, name in lines:
            xs, ys = _finite_xy(xs, np.log10(ys) if log else ys)
            if not xs:
                continue
            loss = label if label in self.shown else self._runs_series[label]  # "train" or "test"
            self._legend_items.setdefault(name, []).append((GLYPH_KEYS.get(label, marker), loss if test else ""))
            drawn_lines.append((xs, ys, marker, self.color(color)))
        self._legend_items = {name: glyphs for name, glyphs in self._legend_items.items() if glyphs}
        drawn = np.log10(every) if log else every[np.abs(every) < _HUGE]
        first = min(xs[0] for xs, _ in series)
        last_x = max(xs[-1] for xs, _ in series)
        if len(drawn):
            lo, hi = float(drawn.min()), float(drawn.max())
            if hi - lo < 1e-12:
                lo, hi = lo - 0.5 * (abs(lo) or 1.0), hi + 0.5 * (abs(hi) or 1.0)
            x_hi = last_x if last_x > first else first + 1
            plt.xlim(first, x_hi)
            rows = self.grid_rows(width, height)  # the canvas's rows (measured once drawn)
            lo, hi, y_ticks = row_ticks(lo, hi, rows, max(2, min(5, rows // 4 + 1)))
            plt.ylim(lo, hi)
            self.set_ticks((first, x_hi), (lo, hi), y_log=log, x_whole=True, y_ticks=y_ticks)
            limits = ((first, x_hi), (lo, hi))
        else:
            limits = None
        for xs, ys, marker, shade in drawn_lines:
            if len(xs) == 1:  # one point: a visible dot, not an invisible line
                plt.scatter(xs, ys, marker="•" if marker == "braille" else marker, color=shade)
            else:
                self.plot_line(xs, ys, marker, shade, limits, width)
        self.shown_log = log
        self._set_legend(mode, log)
        per = "per step" if mode == "step" else "epoch mean"
        scale = f" (log: {self.decades:.0f} decades)" if log and chosen else " (log)" if log else ""
        if self.log_scale and not log:  # asked for, but a loss of 0 (or below) has no logarithm
            scale = " (linear: a loss is 0)"
        what = (
            f"{batch_loss_name(cycle.schedule.batch_size, cycle.schedule.n_samples)} {per}"
            if mode == "step"
            else f"loss, {per}"
        )
        if not self.shown:
            self.set_title(f"{what}{scale}: this run has none yet", f"{per}{scale}: none yet this run")
            return
        # The title gives the latest values themselves, not the last point of
        # a curve thinned to fit the chart.
        state = cycle.state
        if mode == "step":
            latest = {"train": state.step_losses[-1]}
        else:
            latest = {"train": state.epoch_log[-1].train_loss, "test": state.epoch_log[-1].test_loss}
        if len(self.shown) > 1:  # the glyphs say which line is which
            last = " ".join(f"{GLYPH_KEYS[label]}{label} {_fmt(latest[label])}" for label in self.shown)
        else:
            last = _fmt(latest["train"])
            if mode == "epoch":
                what = f"train {what}"
        self.set_title(f"{what}{scale}: {last}", f"{per}{scale}: {last}", last)

    def _set_legend(self, mode: str, log: bool) -> None:
        """Under the x axis, outside the plot: each line's glyph and run, then the keys (what fits).

        Every line drawn has its entry once an earlier run is drawn (one line alone needs none).
        Names too long for the row are cut, longest first, rather than the row itself.
        """
        self.legend = self._entries(None)
        drawn = sum(len(glyphs) for glyphs in self._legend_items.values())
        entries = "  ".join(self.legend) if drawn > 1 or self.shown_runs else ""
        band = "band: each column's highest..lowest step" if mode == "step" and self._enveloped else ""
        texts = [f"{entries or band}   {KEYS_HINT}" if entries or band else KEYS_HINT]
        if entries:
            texts.append(entries)
            texts += ["  ".join(self._entries(cut)) for cut in (24, 16, 10, 6)]
        elif band:
            texts.append(band)
        self.set_legend(*texts)

    def _entries(self, cut: int | None) -> list[str]:
        """The legend's entries, run names cut to `cut` characters: "⠒ lr 0.1", or with a test set
        "100 points: ⠒ train • test" and "samples 20: + test"."""
        out = []
        for run, glyphs in self._legend_items.items():
            name = run if cut is None or len(run) <= cut else run[: cut - 1] + "…"
            if all(series == "" for _, series in glyphs):
                out.append(" ".join(f"{glyph} {name}" for glyph, _ in glyphs))
            else:
                out.append(f"{name}: " + " ".join(f"{glyph} {series or 'train'}" for glyph, series in glyphs))
        return out

    def _earlier_runs(self, mode: str, max_points: int, test: bool) -> dict[str, tuple[list[float], list[float]]]:
        """One line per earlier run: its step losses, or per epoch its test loss (when this run has a
        test set and that run had one), else its training loss (the series noted in _runs_series)."""
        out: dict[str, tuple[list[float], list[float]]] = {}
        self._runs_series = {}
        for run in self.runs:
            label, series = run.label, "train"
            if mode == "step":
                xs, ys, _ = step_loss_band(run.state, max_points)
            else:
                curves = loss_curves(run.state, max_points=max_points)
                if test and len(curves.test):
                    xs, ys, series = curves.test_epochs, curves.test, "test"
                else:
                    xs, ys = curves.epochs, curves.train
            if len(xs):
                while label in out:  # two runs of the same name
                    label += "'"
                out[label] = (xs.tolist(), ys.tolist())
                self._runs_series[label] = series
        return out


def resolved_mode(mode: str, cycle=None) -> str:
    """`mode`, with "auto" made per epoch when `cycle`'s data has a test set, else per step."""
    if mode == "auto":
        return "epoch" if cycle is not None and len(cycle.data.x_test) else "step"
    return mode


def other_mode(mode: str, cycle=None) -> str:
    """The mode `e` switches to from `mode` as drawn: per step <-> per epoch. With no cycle yet
    (the charts not drawn before this key), "auto" goes to per step, as the key's first press."""
    if mode == "auto" and cycle is None:
        return "step"
    return "epoch" if resolved_mode(mode, cycle) == "step" else "step"
