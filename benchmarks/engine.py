"""Training speed of the engine beside a fused numpy loop, for each batch mode.

Networks 2-8-8-1 and 2-64-64-1 (tanh, tanh, sigmoid, squared error) on the
circle data with 200 and 5000 samples, at batch 1, 32 and full. The fused
loop is the plain numpy a person would write for that one network: in-place
updates, nothing kept, one shuffle an epoch drawn from (seed, epoch) as the
engine's is. Both train the same epochs in this process.

How a case is timed, so that a shared machine moves both sides alike: one
untimed warm-up run of each, then ROUNDS rounds, each an engine run and a
fused run back to back, the engine first in even rounds and the fused loop
first in odd ones (whichever runs second inherits the caches and the
clock speed the first left). Each round gives one ratio, engine time / fused
time, by the wall clock and by the process's CPU time (which a shared
machine disturbs less); a case's ratio is the median of its rounds', and
"spread" is the lowest and highest round's. The per-step times are each
side's best round. PyTorch (CPU, float64) runs too when it is installed.

Target: engine time / fused time at most 1.2x in every case (the median).

    python benchmarks/engine.py [--steps 3000] [--sample-budget 400000] [--rounds 7] [--only 2-8-8-1]
        [--samples 200] [--batch full]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

# isort: off
# First, before numpy: importing nntutor pins BLAS to one thread, as the tutor does. (Imported
# after numpy, as the import sorter had put it, it came too late: every case ran on two BLAS threads.)
import nntutor  # noqa: F401
import numpy as np

# isort: on
from nntutor.engine import LearningCycle, Network, make_dataset

ACTIVATIONS = ["tanh", "tanh", "sigmoid"]
LR = 0.5
SEED = 0
TARGET = 1.2


def setup(layers: list[int], samples: int):
    data = make_dataset("circle", samples=samples, noise=0.05, seed=SEED)
    return data, Network.from_seed(layers, ACTIVATIONS, seed=SEED)


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """Wall and CPU seconds since `start` (from `clocks`)."""
    wall, cpu = clocks()
    return wall - start[0], cpu - start[1]


def engine_seconds(layers, samples, batch, epochs) -> tuple[float, float]:
    data, net = setup(layers, samples)
    cycle = LearningCycle(net, data, "squared_error", LR, batch=batch, seed=SEED)
    start = clocks()
    cycle.train(epochs)
    return since(start)


def fused_seconds(layers, samples, batch, epochs) -> tuple[float, float]:
    data, net = setup(layers, samples)
    x_all, t_all = data.x_train, data.y_train
    W1, W2, W3 = (w.copy() for w in net.W)
    b1, b2, b3 = (b.copy() for b in net.b)
    n = len(x_all)
    size = n if batch == "full" else batch
    start = clocks()
    for epoch in range(1, epochs + 1):
        if size < n:
            order = np.random.default_rng([SEED, epoch]).permutation(n)
        for lo in range(0, n, size):
            if size < n:
                idx = order[lo : lo + size]
                x, t = x_all[idx], t_all[idx]
            else:
                x, t = x_all, t_all
            m = len(x)
            a1 = np.tanh(x @ W1 + b1)
            a2 = np.tanh(a1 @ W2 + b2)
            y = 1.0 / (1.0 + np.exp(-(a2 @ W3 + b3)))
            loss = float(np.sum((y - t) ** 2) / m)
            d3 = 2.0 * (y - t) / m * y * (1.0 - y)
            d2 = (d3 @ W3.T) * (1.0 - a2 * a2)
            d1 = (d2 @ W2.T) * (1.0 - a1 * a1)
            W3 -= LR * (a2.T @ d3)
            b3 -= LR * d3.sum(axis=0)
            W2 -= LR * (a1.T @ d2)
            b2 -= LR * d2.sum(axis=0)
            W1 -= LR * (x.T @ d1)
            b1 -= LR * d1.sum(axis=0)
    elapsed = since(start)
    assert np.isfinite(loss)
    return elapsed


def torch_seconds(layers, samples, batch, epochs) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    data, net = setup(layers, samples)
    x_all, t_all = torch.tensor(data.x_train), torch.tensor(data.y_train)
    params = [torch.tensor(p.copy(), requires_grad=True) for pair in zip(net.W, net.b, strict=True) for p in pair]
    opt = torch.optim.SGD(params, lr=LR)
    W1, b1, W2, b2, W3, b3 = params
    n = len(x_all)
    size = n if batch == "full" else batch
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        order = torch.tensor(np.random.default_rng([SEED, epoch]).permutation(n)) if size < n else None
        for lo in range(0, n, size):
            x, t = (x_all, t_all) if order is None else (x_all[order[lo : lo + size]], t_all[order[lo : lo + size]])
            opt.zero_grad()
            y = torch.sigmoid(torch.tanh(torch.tanh(x @ W1 + b1) @ W2 + b2) @ W3 + b3)
            loss = ((y - t) ** 2).sum() / len(x)
            loss.backward()
            opt.step()
    return time.perf_counter() - start


def epochs_for(samples: int, batch, steps: int, sample_budget: int) -> int:
    """Epochs of about `steps` steps, fewer where a step is large: at most `sample_budget` samples
    pass through the network in a case, so full batch at 5000 samples stays a few seconds."""
    size = samples if batch == "full" else min(batch, samples)
    steps = max(1, min(steps, sample_budget // size))
    per_epoch = -(-samples // size)
    return max(1, steps // per_epoch)


def timed(run, layers, samples, batch, epochs) -> tuple[float, float]:
    gc.collect()  # neither side pays for the other's garbage
    return run(layers, samples, batch, epochs)


def one_case(layers, samples, batch, epochs, rounds):
    """Wall and CPU seconds of each side's rounds, engine and fused alternating which goes first."""
    for run in (engine_seconds, fused_seconds):  # warm-up: imports, caches, allocator
        timed(run, layers, samples, batch, epochs)
    engine, fused = [], []
    for r in range(rounds):
        order = [(engine_seconds, engine), (fused_seconds, fused)]
        for run, times in order if r % 2 == 0 else order[::-1]:
            times.append(timed(run, layers, samples, batch, epochs))
    return engine, fused


def round_ratios(engine, fused, clock: int) -> list[float]:
    return [e[clock] / f[clock] for e, f in zip(engine, fused, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3000, help="training steps per case (at least one epoch)")
    parser.add_argument(
        "--sample-budget", type=int, default=400_000, help="at most this many samples through the network a case"
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", help="run only this network, e.g. 2-8-8-1")
    parser.add_argument("--samples", type=int, choices=(200, 5000), help="run only this data size")
    parser.add_argument("--batch", choices=("1", "32", "full"), help="run only this batch mode")
    args = parser.parse_args()
    networks = [[2, 8, 8, 1], [2, 64, 64, 1]]
    if args.only:
        networks = [[int(n) for n in args.only.split("-")]]
    sizes = [args.samples] if args.samples else [200, 5000]
    batches: list = [1, 32, "full"]
    if args.batch:
        batches = [args.batch if args.batch == "full" else int(args.batch)]
    print(
        f"engine vs fused numpy: tanh/tanh/sigmoid, squared error, ~{args.steps} steps a case "
        f"(at most {args.sample_budget} samples through the network); a warm-up run of each, then "
        f"{args.rounds} rounds, alternating which runs first; ratio = median of the rounds' ratios"
    )
    print(
        f"  {'network':10s} {'samples':>7s} {'batch':>5s} {'epochs':>6s} {'engine us/step':>15s} "
        f"{'fused us/step':>14s} {'ratio':>6s} {'spread':>11s} {'cpu ratio':>9s} {'spread':>11s}  "
        f"{'torch us/step':>13s}"
    )
    worst = worst_cpu = 0.0
    for layers in networks:
        for samples in sizes:
            for batch in batches:
                epochs = epochs_for(samples, batch, args.steps, args.sample_budget)
                steps = epochs * (1 if batch == "full" else -(-samples // batch))
                engine, fused = one_case(layers, samples, batch, epochs, args.rounds)
                torch_t = [t for _ in range(3) if (t := torch_seconds(layers, samples, batch, epochs)) is not None]
                wall, cpu = round_ratios(engine, fused, 0), round_ratios(engine, fused, 1)
                ratio, cpu_ratio = statistics.median(wall), statistics.median(cpu)
                worst, worst_cpu = max(worst, ratio), max(worst_cpu, cpu_ratio)
                name = "-".join(map(str, layers))
                torch_text = f"{1e6 * min(torch_t) / steps:13.1f}" if torch_t else f"{'-':>13s}"
                print(
                    f"  {name:10s} {samples:7d} {str(batch):>5s} {epochs:6d} {1e6 * min(engine)[0] / steps:15.1f} "
                    f"{1e6 * min(fused)[0] / steps:14.1f} {ratio:5.2f}x {min(wall):5.2f}-{max(wall):4.2f}x "
                    f"{cpu_ratio:8.2f}x {min(cpu):5.2f}-{max(cpu):4.2f}x  {torch_text}",
                    flush=True,
                )
    print(
        f"  worst engine time / fused numpy time: {worst:.2f}x (CPU time: {worst_cpu:.2f}x)"
        f"   (target: at most {TARGET:.1f}x)"
        f"   {'OK' if worst <= TARGET else 'OVER'}"
    )


if __name__ == "__main__":
    main()
