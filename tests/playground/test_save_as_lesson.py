"""Save as lesson: the file validates, and reopened it gives the numbers the playground and `trace` give."""

import json
import subprocess
import sys
import tomllib

import numpy as np
import pytest
from playground_helpers import SPIRAL, cli_options

from nntutor.curriculum import load_lesson, perform, validate_file
from nntutor.curriculum.export import ExportError, save_lesson
from nntutor.curriculum.toml_writer import dumps, string
from nntutor.ui.playground_session import PlaygroundSession
from nntutor.ui.playground_setup import default_setup


def experiment() -> PlaygroundSession:
    session = PlaygroundSession(default_setup(**SPIRAL))
    session.cycle.train(4)
    session.new_weights()  # run 2: another seed
    session.step_l2(up=True)
    session.cycle.train(3)
    session.resize_layer(1, +1)  # run 3: 5 neurons in layer 1, not trained
    return session


def test_the_saved_lesson_validates_and_replays_every_run(tmp_path):
    session = experiment()
    path = save_lesson(tmp_path / "mine", "Spiral: seeds & L2", session.run_recipes())
    assert path.name == "spiral-seeds-l2.toml"
    assert validate_file(path) == []
    lesson = load_lesson(path)
    assert lesson.title == "Spiral: seeds & L2"
    assert [s.action.do for s in lesson.steps] == ["read", "train", "set", "train", "set"]
    assert all(len(s.quizzes) == 1 for s in lesson.steps if s.action.do == "train")

    cycle = lesson.build_cycle()
    ends = []
    for step in lesson.steps:
        before = cycle
        cycle = perform(step, cycle)
        if cycle is not before:
            ends.append(before)
    ends.append(cycle)
    runs = [c for _, c, _ in session.run_setups] + [session.cycle]
    assert len(ends) == len(runs) == 3
    for replayed, played in zip(ends, runs, strict=True):
        assert replayed.state.epoch == played.state.epoch
        assert replayed.state.l2 == played.state.l2
        for a, b in zip(replayed.network.W + replayed.network.b, played.network.W + played.network.b, strict=True):
            np.testing.assert_array_equal(a, b)
        assert replayed.state.step_losses == played.state.step_losses


def trace_json(*args: str) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "nntutor.cli", "trace", *args, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_trace_of_the_saved_lesson_matches_trace_with_the_same_options(tmp_path):
    session = PlaygroundSession(default_setup(**SPIRAL))
    session.cycle.train(2)
    path = save_lesson(tmp_path, "spiral", session.run_recipes())
    from_lesson = trace_json(str(path), "--epochs", "1")
    from_options = trace_json(*cli_options(**SPIRAL, loss="binary_cross_entropy"), "--epochs", "1")
    assert from_lesson == from_options
    assert len(from_lesson) > 10  # a whole epoch of phases, not an empty transcript


def test_an_existing_file_is_never_overwritten(tmp_path):
    session = PlaygroundSession(default_setup())
    path = save_lesson(tmp_path, "mine", session.run_recipes())
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        save_lesson(tmp_path, "mine", session.run_recipes())
    assert path.read_text(encoding="utf-8") == before


def test_a_hostile_name_stays_plain_text(tmp_path):
    session = PlaygroundSession(default_setup())
    name = 'Evil "]\n[network]\x1b[2J title'
    path = save_lesson(tmp_path, name, session.run_recipes())
    assert path.name == "evil-network-2j-title.toml"
    text = path.read_text(encoding="utf-8")
    assert "\x1b" not in text and tomllib.loads(text)["title"] == 'Evil "] [network] [2J title'


def test_a_long_run_is_trained_in_steps_a_lesson_allows(tmp_path):
    session = PlaygroundSession(default_setup(samples=20))
    session.cycle.train(5001)
    path = save_lesson(tmp_path, "long", session.run_recipes())
    lesson = load_lesson(path)
    assert [s.action.epochs for s in lesson.steps if s.action.do == "train"] == [5000, 1]
    cycle = lesson.build_cycle()
    for step in lesson.steps:
        cycle = perform(step, cycle)
    np.testing.assert_array_equal(cycle.network.W[0], session.cycle.network.W[0])


def test_training_beyond_what_a_lesson_may_ask_is_refused_before_writing(tmp_path):
    from dataclasses import replace

    recipes = PlaygroundSession(default_setup()).run_recipes()
    huge = [replace(recipes[0], epochs=40_000)]  # as if trained that long: 40000 updates x 4 layers' worth
    with pytest.raises(ExportError, match="would not validate: steps.*epochs.*a lesson may train at most"):
        save_lesson(tmp_path, "huge", huge)
    assert list(tmp_path.iterdir()) == []


def test_the_toml_writer_reads_back_exactly():
    doc = {
        "s": 'q"\\\u0007\u007f\n',
        "f": [0.1, -2.5e-300, 1e300, 3.0],
        "nested": {"m": [[1.0, 2.0]]},
        "rows": [{"a": 1}, {"a": 2, "t": {"b": True}}],
    }
    assert tomllib.loads(dumps(doc)) == doc
    assert string("\x1b") == '"\\u001B"'
