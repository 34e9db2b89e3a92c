"""Classifiers show on the status line how many training (and test) samples they get right."""

import numpy as np

from nntutor.curriculum.loader import find_lesson
from nntutor.engine import make_dataset
from nntutor.engine.accuracy import accuracy
from nntutor.ui.format import percent
from nntutor.ui.session import LessonSession
from nntutor.ui.widgets.status import status_text


def test_the_line_on_xor_shows_the_share_it_gets_right():
    session = LessonSession(find_lesson("classification"))
    session.open_at(2)  # "The best line": 300 epochs of one sigmoid neuron
    session.finish_step()
    cycle = session.cycle
    output = cycle.network.predict(cycle.data.x_train)[:, 0]
    right = np.mean((output >= 0.5) == (cycle.data.y_train[:, 0] >= 0.5))
    assert 0.6 < right < 0.8  # a line gets about 70 % of xor right, as the lesson says
    text = status_text(cycle, session.index, session.n_steps, width=78)
    assert f"acc {percent(right)}" in text  # "train acc" or, where the row is short, "acc"


def test_test_accuracy_when_the_data_holds_a_test_set():
    session = LessonSession(find_lesson("classification"))
    cycle = session.cycle
    data = make_dataset("xor", samples=100, seed=0, test_fraction=0.3)
    result = accuracy(cycle.network, data)
    assert result.test_n == 30 and result.train_n == 70
    predicted = cycle.network.predict(data.x_test)[:, 0] >= 0.5
    assert result.test == np.mean(predicted == (data.y_test[:, 0] >= 0.5))


def test_regression_shows_no_accuracy():
    session = LessonSession(find_lesson("overfitting"))
    assert accuracy(session.cycle.network, session.cycle.data) is None
    assert "acc" not in status_text(session.cycle, 0, session.n_steps)


def test_shares_read_as_people_say_them():
    assert percent(0.695) == "70%" and percent(1.0) == "100%" and percent(0.995) == "99.5%"
    assert percent(0.004) == "0.4%" and percent(0.0) == "0%"
