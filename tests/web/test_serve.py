"""`nntutor serve` without a browser: learner names, the pages and the refusals (the browser test drives it whole)."""

import asyncio
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from nntutor.web.learners import MAX_LENGTH, name_problem

GOOD = ["alice", "Bob-2", "x", "a.b_c-d", "7", "z" * MAX_LENGTH]
BAD = [
    "",
    "../etc",
    ".hidden",
    "-rf",
    "al ice",
    "a/b",
    "é",
    "a;b",
    "$(id)",
    "a\x1b]0;x\x07",
    "z" * (MAX_LENGTH + 1),
    "<script>",
    "a\nb",
    "[b]x[/b]",
]


@pytest.mark.parametrize("name", GOOD)
def test_plain_names_key_a_learner(name):
    assert name_problem(name) is None


@pytest.mark.parametrize("name", BAD)
def test_other_names_are_refused_with_the_rule(name):
    problem = name_problem(name)
    assert problem and ("at most" in problem or "needed" in problem)


def test_serve_without_the_web_extra_names_the_extra_to_install():
    # textual_serve made unimportable, as in an install without the extra
    script = "import sys; sys.modules['textual_serve'] = None; from nntutor.cli import main; sys.exit(main(['serve']))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        "nntutor serve: needs the web extra (textual_serve is not installed): pip install 'nntutor[web]'"
    )


web = pytest.importorskip("textual_serve", reason="needs the web extra: pip install 'nntutor[web]'")
from aiohttp import WSServerHandshakeError  # noqa: E402  (aiohttp comes with the web extra)
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from nntutor.web.server import ClassroomServer  # noqa: E402


def _tutor_processes(learner: str) -> list[Path]:
    """This test's child processes running the tutor for `learner` (Linux /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            environ = (proc / "environ").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
        if parent == os.getpid() and f"NNTUTOR_LEARNER={learner}".encode() in environ:
            found.append(proc)
    return found


@pytest.fixture
async def client():
    server = ClassroomServer("127.0.0.1", 8000, ["backprop"])
    async with TestClient(TestServer(await server._make_app())) as client:
        yield client


async def test_a_visitor_without_a_name_is_asked_for_one(client):
    response = await client.get("/")
    assert response.status == 200
    page = await response.text()
    assert '<input id="learner" name="learner"' in page and "Start" in page


@pytest.mark.parametrize("name", ["../etc", "<script>alert(1)</script>", "a b", "z" * 40])
async def test_a_bad_name_is_refused_and_shown_back_as_plain_text(client, name):
    response = await client.get("/", params={"learner": name})
    assert response.status == 400
    page = await response.text()
    assert "<script>alert" not in page
    assert re.search(r'<p class="alert">[^<]+</p>', page)


async def test_a_named_visitor_gets_the_tutor_on_their_own_websocket(client):
    response = await client.get("/", params={"learner": "alice"})
    assert response.status == 200
    page = await response.text()
    assert re.search(r'data-session-websocket-url="ws://127\.0\.0\.1:\d+/ws/alice"', page), page
    assert (await client.get("/static/js/textual.js")).status == 200


async def test_the_websocket_refuses_a_name_the_page_would_refuse(client):
    response = await client.get("/ws/..%2Fetc")
    assert response.status in (400, 404)
    response = await client.get("/ws/" + "z" * 40)
    assert response.status == 400


def test_a_lesson_that_does_not_open_is_told_before_serving():
    done = subprocess.run(
        [sys.executable, "-m", "nntutor", "serve", "no-such-lesson", "--port", "8999"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("nntutor serve: cannot open lesson 'no-such-lesson':")


def test_each_visitor_runs_the_tutor_under_their_own_name():
    server = ClassroomServer("127.0.0.1", 8000, ["backprop"])
    words = shlex.split(server.command_for("alice"))
    assert words[0] == "NNTUTOR_LEARNER=alice" and words[1] == "exec"
    assert words[2:] == [sys.executable, "-m", "nntutor", "backprop"]


async def test_another_sites_page_cannot_open_a_learners_tutor(client):
    with pytest.raises(WSServerHandshakeError) as refused:
        await client.ws_connect("/ws/alice", headers={"Origin": "http://elsewhere.example"})
    assert refused.value.status == 403


async def test_past_the_limit_visitors_are_told_the_class_is_full(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path / "home"))
    server = ClassroomServer("127.0.0.1", 8000, ["backprop"], max_learners=1)
    async with TestClient(TestServer(await server._make_app())) as client:
        first = await client.ws_connect("/ws/alice")  # a tutor process starts for alice
        assert server.sessions == 1
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws/bob")
        assert refused.value.status == 503
        page = await client.get("/", params={"learner": "bob"})
        assert page.status == 503 and "The class is full: 1 learners" in await page.text()
        await first.close()
        for _ in range(100):  # the server sees the page go and ends alice's process
            if server.sessions == 0 and not _tutor_processes("alice"):
                break
            await asyncio.sleep(0.1)
        assert server.sessions == 0 and not _tutor_processes("alice")
        assert (await client.get("/", params={"learner": "bob"})).status == 200


def test_serve_finds_lessons_in_the_teachers_folders(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    text = (Path(__file__).parents[2] / "lessons" / "01-neuron.toml").read_text(encoding="utf-8")
    (folder / "ours.toml").write_text(text.replace('id = "neuron"', 'id = "ours"', 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "nntutor", "serve", "no-such-lesson", "--lessons", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "known ids:" in done.stderr and "ours" in done.stderr
