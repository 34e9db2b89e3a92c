"""`nntutor list` keeps its progress column straight, whatever the titles' lengths."""

import io

from nntutor.curriculum import run_list
from nntutor.curriculum.loader import load_lessons


def test_the_progress_column_starts_at_the_same_place_on_every_line(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    out, err = io.StringIO(), io.StringIO()
    assert run_list(out, err) == 0
    lines = out.getvalue().splitlines()
    assert all(line.endswith("not started") for line in lines)  # a fresh store
    assert len({line.index("not started") for line in lines}) == 1
    assert max(len(lesson.title) for lesson in load_lessons()[0]) > 32  # longer than the old fixed column
