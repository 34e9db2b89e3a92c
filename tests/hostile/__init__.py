"""The hostile lesson corpus, for any test that wants to throw it at the tutor.

    from hostile import corpus, accepted_files, odd_files, open_headless

``corpus()`` lists every committed file (tests/hostile/files, written by
make_corpus.py) with what ``nntutor validate`` must say of it: "refused" (and
the field its problem names, "" for the file as a whole) or "accepted".
``accepted_files()`` is the part that opens: the place to look for text that
the UI must draw as plain text (Rich markup, zero-width and right-to-left
letters, emoji). ``odd_files(folder)`` makes the files that cannot be
committed (FIFOs, symlinks, names with escape sequences or invalid UTF-8, a
name too long) and gives the same verdicts for them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    verdict: str  # "refused" or "accepted"
    field: str = ""  # the field a refusal must name ("" for the whole file)

    @property
    def accepted(self) -> bool:
        return self.verdict == "accepted"


def corpus() -> list[CorpusFile]:
    manifest = json.loads((HERE / "corpus.json").read_text())
    return [CorpusFile(FILES / name, entry["verdict"], entry["field"]) for name, entry in sorted(manifest.items())]


def accepted_files() -> list[Path]:
    return [item.path for item in corpus() if item.accepted]


def odd_files(folder: Path) -> list[CorpusFile]:
    """Make, in ``folder``, the hostile files a repository cannot hold; their verdicts."""
    base = (FILES / "plain-base.toml").read_bytes()
    out: list[CorpusFile] = []

    def made(name: str, verdict: str, field: str = "") -> Path:
        path = folder / name
        out.append(CorpusFile(path, verdict, field))
        return path

    os.mkfifo(made("fifo.toml", "refused"))
    made("link-to-lesson.toml", "accepted").symlink_to(FILES / "plain-base.toml")
    for device in ("/dev/zero", "/dev/urandom", "/dev/null"):
        if os.path.exists(device):
            made(f"link-to-{Path(device).name}.toml", "refused").symlink_to(device)
    made("dangling-link.toml", "refused").symlink_to(folder / "no-such-file.toml")
    loop = made("loop-a.toml", "refused")
    loop.symlink_to(folder / "loop-b.toml")
    (folder / "loop-b.toml").symlink_to(loop)
    made("escape-\x1b]0;PWN\x07-name.toml", "accepted").write_bytes(base.replace(b"hostile", b"escape-name"))
    made("osc52-\x1b]52;c;eA==\x07.toml", "accepted").write_bytes(base.replace(b"hostile", b"osc-name"))
    made("newline\nin-name.toml", "accepted").write_bytes(base.replace(b"hostile", b"newline-name"))
    made("bidi-\u202eeman.toml", "accepted").write_bytes(base.replace(b"hostile", b"bidi-name"))
    bad_utf8 = os.fsdecode(os.fsencode(str(folder)) + b"/latin1-caf\xe9.toml")
    out.append(CorpusFile(Path(bad_utf8), "accepted"))
    Path(bad_utf8).write_bytes(base.replace(b"hostile", b"latin1-name"))
    made("x" * 300 + ".toml", "refused")  # cannot exist: the name is too long
    made("y" * 250 + "/" + "z" * 250 + ".toml", "refused")
    return out


def open_headless(lesson) -> int:
    """Open ``lesson`` the way the lesson screen does, without a screen, and walk it to
    the end: every step entered, every quiz's answer read when it is asked, every
    action done. Returns the number of quizzes asked."""
    from nntutor.ui.session import LessonSession

    session = LessonSession(lesson)
    session.open_at(0)
    asked = 0
    while True:
        for quiz in session.quizzes_due(None):
            quiz.expected(session.cycle)
            session.quiz_closed(quiz)
            asked += 1
        session.apply_entry_action()
        action = session.step.action
        if action.do == "cycle":
            while not session.action_done and not session.cycle.diverged:
                phase = str(session.cycle.next_phase)
                for quiz in session.quizzes_due(phase):
                    quiz.expected(session.cycle)
                    session.quiz_closed(quiz)
                    asked += 1
                record = session.cycle.step()
                if record is None:
                    break
                session.phase_ran(record.phase)
        elif action.do == "train":
            for quiz in session.quizzes_due("train"):
                quiz.expected(session.cycle)
                session.quiz_closed(quiz)
                asked += 1
        if not session.next_step():
            return asked
