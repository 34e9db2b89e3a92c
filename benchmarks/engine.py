"""Training steps per second of the engine, beside a fused numpy loop and PyTorch.

A 2-8-8-1 tanh/tanh/sigmoid network on 200 points, full batch, squared error.
The fused loop is the fastest plain numpy a person would write (in-place
updates, nothing kept); the engine keeps every value it shows. Both run in
this process, one after the other, several rounds, and the best round of each
is compared. PyTorch (CPU, float64) runs too when it is installed.

    python benchmarks/engine.py [--steps 3000] [--rounds 5]
"""

import argparse
import time

import numpy as np

from nntutor.engine import LearningCycle, Network, make_dataset

LAYERS = [2, 8, 8, 1]
ACTIVATIONS = ["tanh", "tanh", "sigmoid"]
LR = 0.5


def setup():
    data = make_dataset("circle", samples=200, noise=0.05, seed=0)
    net = Network.from_seed(LAYERS, ACTIVATIONS, seed=0)
    return data, net


def engine_steps_per_second(steps: int) -> float:
    data, net = setup()
    cycle = LearningCycle(net, data, "squared_error", LR, batch="full")
    start = time.perf_counter()
    cycle.train(steps)  # full batch: one step per epoch
    return steps / (time.perf_counter() - start)


def fused_numpy_steps_per_second(steps: int) -> float:
    data, net = setup()
    x, t = data.x_train, data.y_train
    W1, W2, W3 = (w.copy() for w in net.W)
    b1, b2, b3 = (b.copy() for b in net.b)
    n = len(x)
    start = time.perf_counter()
    for _ in range(steps):
        a1 = np.tanh(x @ W1 + b1)
        a2 = np.tanh(a1 @ W2 + b2)
        y = 1.0 / (1.0 + np.exp(-(a2 @ W3 + b3)))
        loss = np.sum((y - t) ** 2) / n
        d3 = 2.0 * (y - t) / n * y * (1.0 - y)
        d2 = (d3 @ W3.T) * (1.0 - a2 * a2)
        d1 = (d2 @ W2.T) * (1.0 - a1 * a1)
        W3 -= LR * (a2.T @ d3)
        b3 -= LR * d3.sum(axis=0)
        W2 -= LR * (a1.T @ d2)
        b2 -= LR * d2.sum(axis=0)
        W1 -= LR * (x.T @ d1)
        b1 -= LR * d1.sum(axis=0)
    elapsed = time.perf_counter() - start
    assert np.isfinite(loss)
    return steps / elapsed


def torch_steps_per_second(steps: int) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    data, net = setup()
    x = torch.tensor(data.x_train)
    t = torch.tensor(data.y_train)
    params = [torch.tensor(p.copy(), requires_grad=True) for pair in zip(net.W, net.b) for p in pair]
    opt = torch.optim.SGD(params, lr=LR)
    W1, b1, W2, b2, W3, b3 = params
    start = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        y = torch.sigmoid(torch.tanh(torch.tanh(x @ W1 + b1) @ W2 + b2) @ W3 + b3)
        loss = ((y - t) ** 2).sum() / len(x)
        loss.backward()
        opt.step()
    return steps / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results = {"engine": [], "fused numpy": [], "torch (cpu, float64)": []}
    for _ in range(args.rounds):
        results["engine"].append(engine_steps_per_second(args.steps))
        results["fused numpy"].append(fused_numpy_steps_per_second(args.steps))
        torch_rate = torch_steps_per_second(args.steps)
        if torch_rate is not None:
            results["torch (cpu, float64)"].append(torch_rate)
    best = {name: max(rates) for name, rates in results.items() if rates}
    print(f"2-8-8-1 tanh/tanh/sigmoid, 200 points, full batch, {args.steps} steps, best of {args.rounds} rounds")
    for name, rate in best.items():
        print(f"  {name:22s} {rate:10.0f} steps/s   ({1e6 / rate:6.1f} us/step)")
    ratio = best["fused numpy"] / best["engine"]
    print(f"  engine time / fused numpy time: {ratio:.2f}x   (target: at most 1.30x)")
    if "torch (cpu, float64)" in best:
        speedup = best["engine"] / best["torch (cpu, float64)"]
        print(f"  engine speed / torch speed:     {speedup:.2f}x   (target: at least 2.5x)")
    else:
        print("  torch is not installed: no PyTorch comparison (pip install torch to add it)")


if __name__ == "__main__":
    main()
