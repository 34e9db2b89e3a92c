"""A "roughly" question with a tight tolerance is warned about, not refused."""

import io
import shutil
from pathlib import Path

import pytest

from nntutor.curriculum import find_lesson, run_validate
from nntutor.curriculum.quiz_words import rough_words_warning

HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "files"


@pytest.mark.parametrize(
    "question, tolerance, relative, answer, warned",
    [
        ("Roughly what is a?", None, 0.01, 0.5933, True),
        ("Roughly what is a?", None, None, 0.5933, True),  # the default is 1 %
        ("Roughly what is a?", None, 0.05, 0.5933, False),
        ("About how many people?", 10.0, None, 500.0, True),  # 2 %
        ("About how many people?", 25.0, None, 500.0, False),
        ("Estimate the loss.", 0.001, None, None, False),  # a live value: cannot be judged here
        ("APPROXIMATELY what?", None, 0.02, 1.0, True),
        ("What is the loss, exactly?", None, 0.01, 1.0, False),
        ("Which way is it going about?", None, 0.01, 1.0, True),
        ("Is it roughlyish?", None, 0.01, 1.0, False),  # whole words only
    ],
)
def test_rough_words_against_the_tolerance(question, tolerance, relative, answer, warned):
    assert (rough_words_warning(question, tolerance, relative, answer) is not None) == warned


def test_validate_warns_and_still_accepts(tmp_path):
    path = tmp_path / "a.toml"
    shutil.copy(HOSTILE / "plain-base.toml", path)
    path.write_text(
        path.read_text()
        .replace('question = "What is the loss?"', 'question = "Roughly what is the loss?"')
        .replace("relative_tolerance = 0.5", "relative_tolerance = 0.01")
    )
    out, err = io.StringIO(), io.StringIO()
    assert run_validate([str(path)], out, err) == 0
    assert out.getvalue().splitlines() == [
        f'{path}:42:1: steps[2].quizzes[0].relative_tolerance: warning: the question says "Roughly" '
        "but accepts only answers within 1.0%; give a tolerance of at least 5% (relative_tolerance = 0.05) "
        "or ask for a precise answer"
    ]
    assert "all valid" in err.getvalue()
    assert find_lesson(str(path)).id == "plain-base"
