"""The `nntutor serve` options, and starting the server (textual-serve is imported only then)."""

import argparse
import sys
from pathlib import Path

from .. import option_types

# What `pip install 'nntutor[web]'` brings (textual-serve and what it imports).
_WEB_EXTRA = {"textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"}


def add_serve_parser(sub, help_text: str) -> None:
    p = sub.add_parser(
        "serve",
        help=help_text,
        description="Serve the tutor to web browsers. Each visitor gets a process of their own, "
        "under a name they type (or give in the address, ?learner=NAME) that keeps their progress. "
        "Needs the web extra: pip install 'nntutor[web]'.",
    )
    p.add_argument("lesson", nargs="?", help="a lesson id or path every visitor starts in (default: their last lesson)")
    from ..cli import add_lessons_option

    add_lessons_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=option_types.port, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--max-learners",
        type=option_types.whole_number(1, 10**6, "a number of learners"),
        default=50,
        help="tutor processes running at once; more visitors are told the class is full (default 50)",
    )


def run_serve(args: argparse.Namespace) -> int:
    try:
        from .server import ClassroomServer
    except ImportError as exc:
        missing = (exc.name or "").partition(".")[0]
        if missing not in _WEB_EXTRA:
            raise
        print(
            f"nntutor serve: needs the web extra ({missing} is not installed): pip install 'nntutor[web]'",
            file=sys.stderr,
        )
        return 1
    from ..curriculum import LessonError
    from ..curriculum.folders import find_in, lesson_folders

    app_args = [arg for folder in args.lessons for arg in ("--lessons", str(Path(folder).absolute()))]
    if args.lesson:
        try:
            find_in(args.lesson, lesson_folders(args.lessons))  # a typo is told now, not to every visitor
        except LessonError as exc:
            print(f"nntutor serve: cannot open lesson {args.lesson!r}:", *exc.problems, sep="\n  ", file=sys.stderr)
            return 2
        app_args.append(args.lesson)
    try:
        ClassroomServer(args.host, args.port, app_args, args.max_learners).serve()
    except OSError as exc:  # the port is taken, the address is not this machine's, ...
        print(f"nntutor serve: cannot listen on {args.host} port {args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
