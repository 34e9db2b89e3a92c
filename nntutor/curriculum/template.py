"""The starter lesson that ``nntutor new-lesson`` writes: small, valid, commented."""

from __future__ import annotations

import re

STARTER = '''\
# A lesson for nntutor. Check it with:  nntutor validate {file}
# The format is described in lessons/README.md of the nntutor sources.
format_version = 1
id = "{id}"
title = "{title}"
summary = "One line that says what the learner will see."

[network]
layers = [1, 1]               # sizes, the input included
activations = ["linear"]      # one per layer after the input
loss = "squared_error"
lr = 0.1
batch = "full"                # or a number of samples per step (1 = stochastic)
seed = 0                      # starting weights when none are given

[data]
dataset = "crowd"             # a named dataset; or inputs = [[...]] and targets = [[...]]
samples = 40
noise = 0.1
seed = 1
test_fraction = 0.25

[[steps]]
title = "What is on screen"
show = "network"
text = """
Say what the learner should look at. Markdown works here.
"""

[[steps]]
title = "One pass"
do = "cycle"                  # run phases until (and including) `until`
until = "loss"
text = """
Press **space** until the loss appears.
"""

[[steps.quizzes]]
kind = "number"
question = "Guess the loss, within a factor of two."
check = "loss"                # the right answer is read from the live network
relative_tolerance = 0.5
reveal = "loss"               # asked just before this phase runs
hint = "The targets are head counts in the hundreds."
explanation = "Misses of several hundred people square to hundreds of thousands."

[[steps]]
title = "Train"
show = "loss"
do = "train"
epochs = 50
text = """
Press **t** and watch the loss fall.
"""

[[steps.quizzes]]
kind = "direction"
question = "Which way will the weight move while training?"
check = "W[1][0,0]"           # read from the live network, before and after
reveal = "train"
explanation = "Bigger photos hold more people, so the weight grows."
'''


def starter_lesson(file_name: str) -> str:
    """The starter text, with an id and title made from the file name."""
    stem = re.sub(r"^\d+-", "", file_name.rsplit("/", 1)[-1].removesuffix(".toml").lower())
    lesson_id = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:40].strip("-") or "my-lesson"
    title = lesson_id.replace("-", " ").capitalize()
    return STARTER.format(id=lesson_id, title=title, file=file_name.rsplit("/", 1)[-1])
