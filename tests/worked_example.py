"""The backpropagation worked example (2-2-2 sigmoid, half squared error, lr 0.5), built from the engine.

One definition for the engine, chart and UI tests alike."""

from nntutor.engine import Dataset, LearningCycle, Network

X = [[0.05, 0.10]]
T = [[0.01, 0.99]]
W1 = [[0.15, 0.25], [0.20, 0.30]]
W2 = [[0.40, 0.50], [0.45, 0.55]]
LOSS_AFTER_FORWARD = 0.298371109


def worked_cycle() -> LearningCycle:
    net = Network((W1, W2), ([0.35, 0.35], [0.60, 0.60]), ("sigmoid", "sigmoid"))
    return LearningCycle(net, Dataset.from_arrays(X, T, task="regression"), "half_squared_error", 0.5)
