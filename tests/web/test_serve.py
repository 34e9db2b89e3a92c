"""`nntutor serve` without a browser: learner names, the pages and the refusals (the browser test drives it whole)."""

import re
import shlex
import subprocess
import sys

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
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402  (aiohttp comes with the web extra)

from nntutor.web.server import ClassroomServer  # noqa: E402


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
