"""Upper bounds on what a lesson file may ask for.

A lesson may come from anyone (a teacher hands out a file), so every size a
file controls is capped before it can cost memory or time: the file is
measured before it is parsed, and the network, data, text and training asked
for are all bounded here.
"""

MAX_FILE_BYTES = 256 * 1024

MAX_TITLE = 80
MAX_SUMMARY = 200
MAX_STEP_TEXT = 2000
MAX_QUESTION = 400
MAX_NOTE = 1000  # hint, explanation
MAX_CHOICE = 200
MAX_LABEL = 40  # a run's name in chart legends

MAX_STEPS = 60
MAX_QUIZZES_PER_STEP = 8
MAX_CHOICES = 8

MAX_INLINE_SAMPLES = 500
MAX_EPOCHS = 5000  # one train step
# All train steps of a lesson together (a train quiz trains a copy, so counts
# again): updates x (layers + 1), as each update has a fixed cost besides its
# layers, and samples x parameters pushed through the network. Either bound
# is under ten seconds of `nntutor validate`.
MAX_TRAIN_LAYER_UPDATES = 150_000
MAX_TRAIN_WORK = 1_000_000_000

# Network sizes and dataset samples are bounded by the engine's LIMITS.
