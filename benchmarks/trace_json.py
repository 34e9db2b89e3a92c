"""`nntutor trace --format json` beside the engine stepping the same phases alone.

Both run in this process: the engine steps a fresh LearningCycle through N
epochs of phases as the tutor does (every phase undoable) and writes
nothing; the trace runs `run_trace` on another fresh cycle with the same
settings (it keeps no undo history: nothing in a trace goes back), writing
its JSON Lines to a sink that only counts characters. Rounds alternate; the
best of each is printed, by the wall clock and by the process's CPU time
(which a shared machine disturbs less).

Target: the trace at most 3x the engine alone.

    python benchmarks/trace_json.py [--epochs 20] [--rounds 5]
"""

from __future__ import annotations

import argparse
import time

import nntutor  # noqa: F401  (one BLAS thread, as every nntutor command)
from nntutor.engine import LearningCycle, Network, make_dataset
from nntutor.trace import run_trace

CASES = [  # layers, samples, batch
    ([2, 8, 8, 1], 200, "full"),
    ([2, 8, 8, 1], 200, 32),
    ([2, 8, 8, 1], 200, 1),
    ([2, 64, 64, 1], 200, 32),
]


class CountingSink:
    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def fresh_cycle(layers, samples, batch) -> LearningCycle:
    data = make_dataset("circle", samples=samples, noise=0.05, seed=0)
    net = Network.from_seed(layers, ["tanh"] * (len(layers) - 2) + ["sigmoid"], seed=0)
    return LearningCycle(net, data, "squared_error", 0.5, batch=batch, seed=0)


def engine_seconds(case, epochs: int) -> tuple[float, float]:
    """Wall and CPU seconds of the engine stepping `epochs` epochs."""
    cycle = fresh_cycle(*case)
    start = time.perf_counter(), time.process_time()
    while cycle.state.epoch <= epochs and not cycle.diverged:
        cycle.step()
    return time.perf_counter() - start[0], time.process_time() - start[1]


def trace_seconds(case, epochs: int) -> tuple[tuple[float, float], int]:
    """Wall and CPU seconds of the trace, and the characters it wrote."""
    cycle, sink = fresh_cycle(*case), CountingSink()
    start = time.perf_counter(), time.process_time()
    run_trace(cycle, sink, "json", None, epochs)
    return (time.perf_counter() - start[0], time.process_time() - start[1]), sink.chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--epochs", type=int, default=20, help="epochs at batch 32 (5x that at full batch, 1/10 at batch 1)"
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"trace --format json vs the engine alone, best of {args.rounds} rounds")
    print(
        f"  {'network':10s} {'samples':>7s} {'batch':>5s} {'epochs':>6s} {'engine s':>9s} {'trace s':>8s} "
        f"{'MB out':>7s} {'ratio':>6s} {'cpu ratio':>9s}"
    )
    worst = worst_cpu = 0.0
    for case in CASES:
        # About the same number of phases in every case: an epoch at batch 1 is
        # 200 passes, full batch is one.
        epochs = {"full": 5 * args.epochs, 1: max(1, args.epochs // 10)}.get(case[2], args.epochs)
        engine, trace, chars = [], [], 0
        for _ in range(args.rounds):
            engine.append(engine_seconds(case, epochs))
            seconds, chars = trace_seconds(case, epochs)
            trace.append(seconds)
        ratio = min(t[0] for t in trace) / min(e[0] for e in engine)
        cpu_ratio = min(t[1] for t in trace) / min(e[1] for e in engine)
        worst, worst_cpu = max(worst, ratio), max(worst_cpu, cpu_ratio)
        layers, samples, batch = case
        print(
            f"  {'-'.join(map(str, layers)):10s} {samples:7d} {str(batch):>5s} {epochs:6d} "
            f"{min(engine)[0]:9.3f} {min(trace)[0]:8.3f} {chars / 1e6:7.1f} {ratio:5.1f}x {cpu_ratio:8.1f}x"
        )
    print(
        f"  worst trace / engine: {worst:.1f}x (CPU time: {worst_cpu:.1f}x)   (target: at most 3x)"
        f"   {'OK' if worst <= 3 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
