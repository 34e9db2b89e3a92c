"""Full-batch training time with BLAS as nntutor starts it, beside BLAS with a thread per core.

Each run is a fresh Python process (BLAS reads its thread count once, when
numpy loads) training a 2-32-32-1 network on 1000 samples, full batch. The
"as nntutor starts" run leaves the environment alone, so it gets whatever
`import nntutor` sets; the other sets OPENBLAS_NUM_THREADS (and OMP, MKL) to
the number of cores first, which is numpy's default. Runs alternate; the
best of each is printed.

Target: the tutor's run no slower than the threaded one (it was ~8x slower
before the pin on a 2-core machine).

    python benchmarks/blas_threads.py [--epochs 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

CHILD = """
import time, nntutor
from nntutor.engine import LearningCycle, Network, make_dataset
data = make_dataset("circle", samples=1000, noise=0.05, seed=0)
net = Network.from_seed([2, 32, 32, 1], ["tanh", "tanh", "sigmoid"], seed=0)
cycle = LearningCycle(net, data, "squared_error", 0.5, batch="full")
start = time.perf_counter()
cycle.train({epochs})
print(time.perf_counter() - start)
"""

VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def run(epochs: int, threads: int | None) -> float:
    env = dict(os.environ)
    for name in VARIABLES:
        env.pop(name, None)
        if threads is not None:
            env[name] = str(threads)
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(epochs=epochs)], env=env, check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    tutor, threaded = [], []
    for _ in range(args.rounds):
        tutor.append(run(args.epochs, None))
        threaded.append(run(args.epochs, cores))
    print(f"2-32-32-1, 1000 samples, full batch, {args.epochs} epochs, best of {args.rounds} (fresh process each)")
    print(f"  as nntutor starts (environment untouched)   : {min(tutor):6.2f} s")
    print(f"  BLAS with {cores} threads (numpy's default)      : {min(threaded):6.2f} s")
    print(f"  tutor time / threaded time: {min(tutor) / min(threaded):.2f}x   (target: at most 1.0x)")


if __name__ == "__main__":
    main()
