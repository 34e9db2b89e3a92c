"""Milliseconds per redraw of the neuron pictures, engine and drawing apart.

The playground redraws every neuron's picture after each phase and while
training (at least 4 times a second), so a redraw must stay cheap: the
target is at most 5 ms for 8 neurons. Measured on a 2-4-4-1 network (9
neurons: the default playground) and a 2-8-1 one (9 as well), over the
plane at the panel size of an 80x24 screen (78x17) and of a 160x50 one,
and on one-input data (curves). A redraw is what the panel does when every
row changed: the pictures drawn, each row made a strip for the terminal
(an edit or a step usually changes fewer rows). The baseline is one forward
pass of the training data through the same network, in the same process.

    python benchmarks/neuron_maps.py [--repeats 200]
"""

import argparse
import statistics
import time

import numpy as np

from nntutor.engine import Network, make_dataset
from nntutor.engine.neuron_maps import input_grid, neuron_maps
from nntutor.ui.widgets.neuron_maps import render_maps

TARGET_MS = 5.0


def timed(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def redraw(net: Network, data, width: int, height: int) -> list:
    """What the panel does for a redraw in which every row changed: draw the canvas, make each row's strip."""
    canvas = render_maps(net, data, (1, 0), width, height)
    return [canvas.strip(row, lambda style: style) for row in range(canvas.height)]


def case(dataset: str, layers: list[int], activations: list[str], size: tuple[int, int], repeats: int) -> None:
    data = make_dataset(dataset, samples=200, noise=0.1, test_fraction=0.2)
    net = Network.from_seed(layers, activations, seed=0)
    width, height = size
    neurons = sum(layers[1:])
    engine_ms = timed(lambda: neuron_maps(net, input_grid(data.x_train, 10, 5)), repeats)
    redraw_ms = timed(lambda: redraw(net, data, width, height), repeats)
    baseline_ms = timed(lambda: net.predict(data.x_train), repeats)
    verdict = "ok" if redraw_ms <= TARGET_MS * neurons / 8 else "OVER"
    print(
        f"{dataset:9} {'-'.join(map(str, layers)):9} {neurons:2} neurons at {width}x{height}: "
        f"engine {engine_ms:.3f} ms, whole redraw {redraw_ms:.2f} ms "
        f"({redraw_ms / neurons * 8:.2f} ms per 8 neurons; target {TARGET_MS:g}) {verdict}; "
        f"baseline forward of the data {baseline_ms:.3f} ms (x{redraw_ms / baseline_ms:.0f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    np.seterr(all="ignore")
    for size in ((78, 17), (158, 40)):
        case("spiral", [2, 4, 4, 1], ["tanh", "tanh", "sigmoid"], size, args.repeats)
        case("circle", [2, 8, 1], ["relu", "sigmoid"], size, args.repeats)
        case("sine", [1, 4, 4, 1], ["tanh", "tanh", "linear"], size, args.repeats)


if __name__ == "__main__":
    main()
