"""A quiz-free copy of the 2-2-2 worked example, so that key presses in a
benchmark only ever step the learning cycle (a quiz would take the keys)."""

from pathlib import Path

BENCH_LESSON = '''format_version = 1
id = "bench-backprop"
title = "Benchmark: the 2-2-2 worked example"
summary = "The backprop worked example without quizzes, for the benchmarks."

[network]
layers = [2, 2, 2]
activations = ["sigmoid", "sigmoid"]
loss = "half_squared_error"
lr = 0.5
batch = "full"
weights = [
  [[0.15, 0.25], [0.20, 0.30]],
  [[0.40, 0.50], [0.45, 0.55]],
]
biases = [[0.35, 0.35], [0.60, 0.60]]

[data]
inputs = [[0.05, 0.10]]
targets = [[0.01, 0.99]]

[[steps]]
title = "Step through the cycle"
show = "{show}"
text = """
Press **space** for the next phase of the learning cycle.
"""
'''


def write_bench_lesson(folder: str, show: str = "network") -> str:
    """The lesson file, opening on the `show` panel ("network" or "loss")."""
    path = Path(folder) / f"bench-backprop-{show}.toml"
    path.write_text(BENCH_LESSON.replace("{show}", show), encoding="utf-8")
    return str(path)
