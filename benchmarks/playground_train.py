"""Training in the playground: epochs a second beside the engine alone, and how often the neuron pictures redraw.

`nntutor play` (the default 2-4-4-1 playground on circle data, full batch)
runs in an 80x24 pseudo-terminal: t trains until a key, pressed after
--seconds; the screen's "training stopped: N epochs" gives the epochs. The
baseline is measured as train_ui.py measures it: the engine alone in a child
process in a session of its own, training the same setup's cycle for the same
--seconds with the very loop the tutor's training thread runs
(ui/training_loop.ChunkedTraining, with the playground's progress interval),
no UI. Each round runs one of each, the engine first in odd rounds, and the
MEDIAN of the --rounds terminal runs is compared with the median of the
engine runs (before session 8: the best of two terminal runs against the best
of four engine runs of half the length, in this process's session).

Picture updates: the terminal output during training is cut into frames
(writes less than 5 ms apart), and a frame that writes to a row of the
neuron pictures (the rows between the read-out line and the legend, found
on the first screen) counts as one update of the pictures (median of the
runs, the fewest in brackets).

Targets: the playground at least 0.8x the engine's epochs a second, the
pictures updated at least 4 times a second.

    python benchmarks/playground_train.py [--seconds 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _term import Chunk, median, nntutor_command, rates_in_own_session, temp_home  # noqa: E402
from train_ui import TARGET, cycle_epochs_per_second, train_in_terminal  # noqa: E402

TARGET_PICTURES_PER_S = 4.0
READY = "run 1 · "  # the read-out line, drawn once the playground is up
FRAME_GAP_S = 0.005
_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")
_STYLE = re.compile(rb"\x1b\[[0-9;:]*m")


def screen_rows(output: bytes) -> dict[int, str]:
    """The text written at each row (1-based), by absolute cursor moves, as Textual draws a screen."""
    rows: dict[int, str] = {}
    parts = _MOVE.split(_STYLE.sub(b"", output))
    for row, _col, text in zip(parts[1::3], parts[2::3], parts[3::3], strict=True):
        rows[int(row)] = rows.get(int(row), "") + text.split(b"\x1b")[0].decode("utf-8", "replace")
    return rows


def picture_rows(first_screen: bytes) -> range:
    """The rows of the neuron pictures: below the read-out line, above the legend."""
    rows = screen_rows(first_screen)
    readout = next(r for r, text in rows.items() if "now: train loss" in text)
    legend = next(r for r, text in rows.items() if "shade:" in text)
    return range(readout + 1, legend)


def frames(chunks: list[Chunk]) -> list[bytes]:
    """The output cut where nothing came for FRAME_GAP_S: one frame (one screen update) each."""
    out: list[bytes] = []
    last = None
    for chunk in chunks:
        if last is None or chunk.at - last > FRAME_GAP_S:
            out.append(b"")
        out[-1] += chunk.data
        last = chunk.at
    return out


def engine_epochs_per_second(seconds: float) -> tuple[float, float]:
    """The engine alone on the default playground, in a child process in a session of its own (as
    the tutor in its pseudo-terminal is; _term.rates_in_own_session says why)."""
    return rates_in_own_session([__file__, "--engine-alone", "--seconds", str(seconds)])


def engine_alone(seconds: float) -> tuple[float, float]:
    """The default playground's cycle as `nntutor play` sets it up, trained in the playground's chunks."""
    import nntutor  # noqa: F401  (one BLAS thread here too, as in the tutor)
    from nntutor.ui.playground_session import PlaygroundSession
    from nntutor.ui.playground_setup import default_setup
    from nntutor.ui.screens.playground import PlaygroundScreen

    cycle = PlaygroundSession(default_setup()).cycle
    return cycle_epochs_per_second(cycle, seconds, PlaygroundScreen.progress_every)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3, help="rounds: one terminal and one engine run each")
    parser.add_argument("--engine-alone", action="store_true", help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args()
    if args.engine_alone:
        print(*engine_alone(args.seconds))
        return 0
    uis, ui_cpus, engines, picture_rates, frame_rates = [], [], [], [], []
    with temp_home() as home:
        for round_ in range(args.rounds):  # taking turns, so a busy moment on the machine hits both
            if round_ % 2 == 0:
                engines.append(engine_epochs_per_second(args.seconds))
            trained = train_in_terminal(nntutor_command() + ["play"], READY, home, args.seconds)
            if round_ % 2 == 1:
                engines.append(engine_epochs_per_second(args.seconds))
            epochs, elapsed, run, mark = trained.epochs, trained.seconds, trained.run, trained.mark
            rows = picture_rows(b"".join(c.data for c in run.chunks[:mark]))
            training = [c for c in run.chunks[mark:] if c.at - run.chunks[mark].at <= elapsed]
            shown = frames(training)
            touching = [f for f in shown if any(int(m[0]) in rows for m in _MOVE.findall(f))]
            uis.append(epochs / elapsed)
            ui_cpus.append(epochs / trained.cpu_seconds)
            picture_rates.append(len(touching) / elapsed)
            frame_rates.append(len(shown) / elapsed)
    ui, pictures = median(uis), median(picture_rates)
    engine, engine_cpu = median([e[0] for e in engines]), median([e[1] for e in engines])
    print(f"training the default playground (2-4-4-1, circle, full batch) for {args.seconds:g} s at 80x24")
    print(f"  medians of {args.rounds} runs of each, taking turns (load average {os.getloadavg()[0]:.1f})")
    print(f"  playground : {ui:8.0f} epochs/s (runs: {', '.join(f'{v:.0f}' for v in uis)})")
    print(f"  engine     : {engine:8.0f} epochs/s (runs: {', '.join(f'{e[0]:.0f}' for e in engines)})")
    ratio_ok, pictures_ok = ui / engine >= TARGET, pictures >= TARGET_PICTURES_PER_S
    cpu_ratio = median(ui_cpus) / engine_cpu
    print(
        f"  ratio      : {ui / engine:8.2f}x, a CPU second {cpu_ratio:.2f}x   (target: at least {TARGET}x)   "
        f"{'OK' if ratio_ok else 'UNDER'}"
    )
    runs = ", ".join(f"{v:.1f}" for v in picture_rates)
    print(
        f"  pictures   : {pictures:8.1f} updates/s, median of the runs ({runs}); all frames "
        f"{', '.join(f'{v:.1f}' for v in frame_rates)}/s   (target: at least {TARGET_PICTURES_PER_S:g})   "
        f"{'OK' if pictures_ok else 'UNDER'}"
    )
    return 0 if ratio_ok and pictures_ok else 1


if __name__ == "__main__":
    sys.exit(main())
