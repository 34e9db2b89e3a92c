"""Opening a lesson by id reads its file once (start-up reads nothing twice)."""

from nntutor.curriculum import check, loader
from nntutor.curriculum.folders import find_in, lesson_folders


def test_a_lesson_opened_by_id_is_read_once(monkeypatch):
    read = []
    real = loader.read_lesson

    def counting(path):
        read.append(path.name)
        return real(path)

    for module in (loader, check):  # each holds its own name for it
        monkeypatch.setattr(module, "read_lesson", counting)
    lesson = find_in("backprop", lesson_folders())
    assert lesson.id == "backprop"
    assert read == ["07-backprop.toml"]
