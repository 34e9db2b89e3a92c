"""textual-serve's server with one learner per visitor.

textual-serve runs one copy of a command per browser connection. Here the
command carries the visitor's learner name (NNTUTOR_LEARNER), so every
visitor's progress is kept under their own name in the shared progress store.

The name comes from the address (``/?learner=NAME``) or from a small form the
first page shows; the page's websocket then opens ``/ws/NAME``, so the name is
part of the one request that starts the process and two visitors cannot swap
names. The routes and the websocket handler below stand in for textual-serve's
own (`Server._make_app`, `Server.handle_websocket`), which know one command
for everyone: that reaches past its public API, hence the `<2` pin in
pyproject.toml.
"""

from __future__ import annotations

import html
import logging
import shlex
import string
import sys
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .learners import MAX_LENGTH, RULE, name_problem

log = logging.getLogger("nntutor.serve")

_NAME_PAGE = string.Template(files(__package__).joinpath("name_page.html").read_text(encoding="utf-8"))


def _terminal_size(request: web.Request, key: str, default: int) -> int:
    try:
        return max(1, min(int(request.query.get(key, default)), 1000))
    except ValueError:
        return default


def _same_origin(request: web.Request) -> bool:
    """A websocket opened by the tutor's own page, not by another site's script in the learner's browser."""
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


class ClassroomServer(Server):
    def __init__(self, host: str, port: int, app_args: list[str] | None = None, max_learners: int = 50):
        """`app_args`: what follows `nntutor` for every visitor (a lesson, say); `max_learners`: how many
        tutor processes may run at once (each is a whole process: the host's memory sets the limit)."""
        super().__init__(command="nntutor", host=host, port=port, title="nntutor")
        self.app_args = list(app_args or [])
        self.max_learners = max_learners
        self.sessions = 0

    def command_for(self, learner: str) -> str:
        """The shell command textual-serve runs for one visitor (`learner` already checked)."""
        program = shlex.join([sys.executable, "-m", "nntutor", *self.app_args])
        return f"NNTUTOR_LEARNER={shlex.quote(learner)} exec {program}"

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{learner}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"nntutor serve: open {self.public_url}/ in a browser (ctrl+c stops)", markup=False)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The tutor for `?learner=NAME`; without a name (or with a bad one) the form that asks for it."""
        learner = request.query.get("learner")
        if self.sessions >= self.max_learners:
            return self._name_page(self._full(), learner or "", status=503)
        if learner is None:
            return self._name_page("")
        problem = name_problem(learner)
        if problem:
            return self._name_page(problem, learner, status=400)
        scheme = "wss" if request.secure or request.headers.get("X-Forwarded-Proto") == "https" else "ws"
        context: dict[str, Any] = {
            "font_size": _terminal_size(request, "fontsize", 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws/{learner}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": f"nntutor: {learner}"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def _name_page(self, problem: str, typed: str = "", status: int = 200) -> web.Response:
        page = _NAME_PAGE.substitute(
            message=html.escape(problem or f"A name may use {RULE}."),
            role="alert" if problem else "note",
            typed=html.escape(typed[: MAX_LENGTH * 4]),
            max_length=MAX_LENGTH,
        )
        return web.Response(text=page, content_type="text/html", status=status)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One visitor: a process of the tutor under their name, for as long as the page stays open."""
        learner = request.match_info["learner"]
        problem = name_problem(learner)
        if problem:
            raise web.HTTPBadRequest(text=problem)
        if not _same_origin(request):
            raise web.HTTPForbidden(text="the tutor answers only its own page")
        if self.sessions >= self.max_learners:
            raise web.HTTPServiceUnavailable(text=self._full())
        self.sessions += 1  # counted before the first await: no two visitors take the last place
        try:
            return await self._run_session(request, learner)
        finally:
            self.sessions -= 1

    def _full(self) -> str:
        return f"The class is full: {self.max_learners} learners are working. Try again in a while."

    async def _run_session(self, request: web.Request, learner: str) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)

        async def close() -> None:  # the tutor quit: the page shows "Session ended"
            await websocket.close()

        service = AppService(
            self.command_for(learner),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        log.info("learner %s connected", learner)
        try:
            await service.start(_terminal_size(request, "width", 80), _terminal_size(request, "height", 24))
            await self._process_messages(websocket, service)
        except Exception:  # a broken connection ends this visitor's session, never the server
            log.exception("learner %s: session ended by an error", learner)
        finally:
            await service.stop()
            log.info("learner %s left", learner)
        return websocket
