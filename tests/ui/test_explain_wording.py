"""The detail panel's arithmetic reads as a person would write it: no "a = 350 = 350", no "- -0.2856"."""

import re

from nntutor.curriculum.loader import find_lesson
from nntutor.engine.explain import explain_neuron
from nntutor.ui.format import explain_neuron_lines
from nntutor.ui.session import LessonSession


def output_lines(lesson_id: str, until: str) -> list[str]:
    """The output neuron's detail lines for the first sample once `until` has run in the lesson's first pass."""
    session = LessonSession(find_lesson(lesson_id))
    cycle = session.cycle
    cycle.run_until(until)
    depth = cycle.state.network.depth
    loss = session.lesson.network.loss
    e = explain_neuron(cycle.state, depth, 0, sample=0, loss=loss)
    return [line for _, line in explain_neuron_lines(e, depth, loss)]


def test_a_linear_neuron_says_its_output_is_z():
    lines = output_lines("loss", "forward 1")  # y = 100 x 0 + 350
    assert "a = z = 350" in lines
    assert not any(re.search(r"a = (\S+) = \1$", line) for line in lines)


def test_a_negative_target_is_subtracted_in_brackets():
    lines = output_lines("surface", "loss")  # the first sample's target is negative
    (slope,) = [line for line in lines if line.startswith("dL/da = ")]
    assert "- -" not in slope
    assert re.search(r"- \(-\d", slope), slope
