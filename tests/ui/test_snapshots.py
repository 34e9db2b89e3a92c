"""Snapshots of the main screens at 80x24 (update with: pytest tests/ui --snapshot-update, then look at them)."""

import shutil

from opened import until_opened
from ui_helpers import FIXTURES, make_app

from nntutor.curriculum.loader import shipped_lessons_dir


def test_lesson_list(snap_compare, tmp_path):
    # two shipped lessons and a broken file, so that new lessons do not change the picture
    for path in (
        shipped_lessons_dir() / "01-neuron.toml",
        shipped_lessons_dir() / "07-backprop.toml",
        FIXTURES.parent.parent / "fixtures" / "lessons" / "bad-activation.toml",
    ):
        shutil.copy(path, tmp_path)
    assert snap_compare(make_app(None, lessons_dir=tmp_path), terminal_size=(80, 24))


def test_lesson_mid_backward(snap_compare):
    # backward 2 has run: the output layer's delta, db and dW are shown; h1 is selected
    assert snap_compare(
        make_app("backprop"),
        run_before=until_opened,
        press=["space", "f", "f", "l", "b", "right", "right", "h"],
        terminal_size=(80, 24),
    )


def test_quiz(snap_compare):
    assert snap_compare(
        make_app("backprop"),
        run_before=until_opened,
        press=["right_square_bracket", "f", "f", "f", "wait:200", "h"],
        terminal_size=(80, 24),
    )


def test_help(snap_compare):
    assert snap_compare(
        make_app("backprop"), run_before=until_opened, press=["question_mark", "wait:100"], terminal_size=(80, 24)
    )
