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

MAX_STEPS = 60
MAX_QUIZZES_PER_STEP = 8
MAX_CHOICES = 8

MAX_LAYERS = 8  # sizes listed in network.layers, input included
MAX_NEURONS = 32  # per layer
MAX_INLINE_SAMPLES = 500
MAX_DATASET_SAMPLES = 5000
MAX_EPOCHS = 5000  # one train step
MAX_TRAIN_WORK = 5_000_000  # epochs x samples x weights summed over a lesson's train steps
