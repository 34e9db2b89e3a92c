"""The `nntutor` command: open the tutor, or run validate / list / trace / new-lesson headless.

UI modules are imported only when the tutor itself opens, so the headless
commands start fast and run where Textual cannot draw.
"""

import argparse
import sys

from . import option_types
from .plaintext import escape

# Every subcommand with its one-line help: `nntutor --help` lists them all.
COMMANDS = {
    "validate": "check lesson files and report every problem",
    "list": "list the lessons with their progress",
    "trace": "run the learning cycle headless and print every number",
    "new-lesson": "write a starter lesson file to edit",
    "play": "open the playground: build your own network (trace's options pick the start)",
    "serve": "serve the tutor to web browsers, one process per visitor (needs nntutor[web])",
    "progress": "every learner's progress: lessons, steps, quizzes right on the first try",
    "reset": "clear a learner's progress in one lesson or in all",
    "docs": "print the documentation that comes with nntutor (writing lessons, trace, classroom)",
}
SUBCOMMANDS = tuple(COMMANDS)

# Caps on what one `nntutor trace` may ask for (its output is capped too, see trace.py).
MAX_TRACE_PHASES = 100_000
MAX_TRACE_EPOCHS = 10_000


class _Parser(argparse.ArgumentParser):
    """Bad options get one clear line on stderr and exit status 2."""

    def error(self, message: str):
        self.exit(2, escape(f"{self.prog}: {message} (see '{self.prog} --help')") + "\n")


def add_lessons_option(parser: argparse.ArgumentParser) -> None:
    """--lessons DIR: a teacher's folder of lessons, beside the shipped ones (see curriculum/folders.py)."""
    parser.add_argument(
        "--lessons",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of your own lessons, beside the shipped ones (repeatable; "
        "also $NNTUTOR_LESSONS, folders separated by ':')",
    )


def _folders(args):
    from .curriculum.folders import lesson_folders

    return lesson_folders(args.lessons)


def _setup_options(p, defaults: dict) -> None:
    """The network and data options `trace` and `play` share; `defaults` names each one's defaults in the help."""
    p.add_argument(
        "--layers", type=option_types.int_list, help=f"layer sizes including the input (default {defaults['layers']})"
    )
    p.add_argument(
        "--activations", type=option_types.name_list, help="one per weight layer: linear, sigmoid, tanh, relu, softmax"
    )
    p.add_argument("--loss", help="squared_error, half_squared_error, binary_cross_entropy or cross_entropy")
    p.add_argument(
        "--dataset", help="a named dataset (crowd, bowl, xor, circle, gaussians, spiral, blobs3, sine, step)"
    )
    p.add_argument(
        "--samples",
        type=option_types.count,
        default=defaults["samples"],
        help=f"samples in the named dataset (default {defaults['samples']})",
    )
    p.add_argument(
        "--noise",
        type=option_types.finite_number,
        default=defaults["noise"],
        help=f"noise in the named dataset (default {defaults['noise']})",
    )
    p.add_argument(
        "--test-fraction",
        type=option_types.finite_number,
        default=defaults["test_fraction"],
        help=f"share of the named dataset held out as a test set, 0 to below 1 (default {defaults['test_fraction']})",
    )
    p.add_argument("--batch", type=option_types.batch_size, help="'full' or samples per step (1 = stochastic)")
    p.add_argument("--lr", type=option_types.finite_number, help=f"learning rate (default {defaults['lr']})")
    p.add_argument(
        "--l2",
        type=option_types.finite_number,
        help="L2 regularization strength: the loss adds l2/2 * sum W^2 (default 0)",
    )
    p.add_argument("--seed", type=option_types.seed, help="seed for weights, data and shuffling (default 0)")


def _play_parser(sub) -> None:
    p = sub.add_parser(
        "play",
        help=COMMANDS["play"],
        description="Open the playground. Without options: the circle data, a 2-4-4-1 tanh network "
        "with a sigmoid output and binary cross-entropy; the data set picks the inputs, outputs and "
        "loss that suit it unless given.",
    )
    _setup_options(p, dict(layers="in,4,4,out", samples=100, noise=0.1, test_fraction=0.2, lr=0.1))


def _trace_parser(sub) -> None:
    p = sub.add_parser("trace", help=COMMANDS["trace"])
    add_lessons_option(p)
    p.add_argument("lesson", nargs="?", help="a lesson id or path (its network and data); options below override")
    _setup_options(p, dict(layers="2,2,1", samples=100, noise=0.0, test_fraction=0.0, lr=0.5))
    p.add_argument("--weights", metavar="FILE", help='JSON {"W": [...], "b": [...]} with the initial parameters')
    p.add_argument("--data", metavar="FILE", help='JSON {"x": [[...]], "y": [[...]]} with the samples')
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--phases",
        type=option_types.whole_number(0, MAX_TRACE_PHASES, "a number of phases"),
        help=f"run this many phases (default: one full pass; at most {MAX_TRACE_PHASES})",
    )
    group.add_argument(
        "--epochs",
        type=option_types.whole_number(0, MAX_TRACE_EPOCHS, "a number of epochs"),
        help=f"run this many whole epochs (at most {MAX_TRACE_EPOCHS})",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="text transcript or JSON Lines")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nntutor",
        description="A terminal tutor that shows, number by number, how a neural network learns.",
        epilog="Run 'nntutor' alone to resume your last lesson, or 'nntutor LESSON' to open one.",
    )
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(SUBCOMMANDS) + "}")
    v = sub.add_parser("validate", help=COMMANDS["validate"])
    v.add_argument("paths", nargs="*", help="lesson files or folders (default: every lesson folder)")
    v.add_argument(
        "--format", choices=("text", "json"), default="text", help="FILE:LINE:COL lines, or a JSON list of problems"
    )
    add_lessons_option(v)
    add_lessons_option(sub.add_parser("list", help=COMMANDS["list"]))
    _trace_parser(sub)
    _play_parser(sub)
    n = sub.add_parser("new-lesson", help=COMMANDS["new-lesson"])
    n.add_argument("name", help="file name or path for the new lesson (.toml is added if missing)")
    from .web.command import add_serve_parser

    add_serve_parser(sub, COMMANDS["serve"])
    from .curriculum import report

    report.add_subcommands(sub, COMMANDS)
    from .reference import add_docs_parser

    add_docs_parser(sub, COMMANDS["docs"])
    return parser


def _app_parser() -> argparse.ArgumentParser:
    width = max(len(name) for name in COMMANDS) + 2
    commands = "\n".join(f"  {name:<{width}}{text}" for name, text in COMMANDS.items())
    parser = _Parser(
        prog="nntutor",
        description="A terminal tutor that shows, number by number, how a neural network learns.",
        epilog=f"commands (see 'nntutor COMMAND --help'):\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("lesson", nargs="?", help="a lesson id or path; without it the last lesson resumes")
    parser.add_argument("--version", action=_PrintVersion)
    parser.add_argument("--learner", help="whose progress this is (default: $NNTUTOR_LEARNER, else the login name)")
    add_lessons_option(parser)
    return parser


class _PrintVersion(argparse.Action):
    """--version: the installed distribution's version, looked up only when asked (start-up stays fast)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = version("nntutor")
        except PackageNotFoundError:  # run from a source tree that was never installed
            text = "(not installed)"
        print(f"nntutor {text}")
        parser.exit(0)


def _run_trace(args) -> int:
    from .trace import TraceError, TraceFileError, TraceSettings, build_cycle, run_trace

    try:
        if args.lesson:
            cycle = _lesson_cycle(args)
        else:
            layers = args.layers or [2, 2, 1]
            activations = args.activations or ["sigmoid"] * (len(layers) - 1)
            settings = TraceSettings(
                layers,
                activations,
                args.loss or "half_squared_error",
                args.lr if args.lr is not None else 0.5,
                args.batch or "full",
                args.seed or 0,
                args.l2 or 0.0,
            )
            cycle = build_cycle(
                settings,
                args.dataset or "xor",
                args.samples or 100,
                args.noise,
                args.weights,
                args.data,
                args.test_fraction,
            )
        return run_trace(cycle, sys.stdout, args.format, args.phases, args.epochs)
    except TraceError as exc:  # a file problem is status 1, a bad option 2; names escaped
        for line in str(exc).splitlines() or [""]:
            print(escape(f"nntutor trace: {line}"), file=sys.stderr)
        return 1 if isinstance(exc, TraceFileError) else 2


def _run_play(args) -> int:
    from .ui.playground_setup import PlaygroundError, default_setup

    try:
        setup = default_setup(
            layers=args.layers,
            activations=args.activations,
            loss=args.loss,
            dataset=args.dataset,
            samples=args.samples,
            noise=args.noise,
            lr=args.lr,
            batch=args.batch,
            seed=args.seed,
            l2=args.l2,
            test_fraction=args.test_fraction,
        )
    except PlaygroundError as exc:
        print(f"nntutor play: {exc}", file=sys.stderr)
        return 2
    from .curriculum.learners import default_learner
    from .ui.app import run_app

    return run_app(None, default_learner(), playground=setup)


def _lesson_cycle(args):
    from .curriculum import LessonError
    from .curriculum.folders import find_in
    from .engine import EngineError
    from .trace import TraceError, TraceFileError

    try:
        lesson = find_in(args.lesson, _folders(args))
    except LessonError as exc:
        raise TraceFileError(str(exc)) from None
    try:
        return lesson.build_cycle(lr=args.lr, batch=args.batch, seed=args.seed, l2=args.l2)
    except EngineError as exc:
        raise TraceError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in SUBCOMMANDS:
        args = build_parser().parse_args(argv)
        if args.command == "trace":
            return _run_trace(args)
        if args.command == "play":
            return _run_play(args)
        from .curriculum import commands

        if args.command == "validate":
            paths = args.paths or [str(f) for f in _folders(args)]
            return commands.run_validate(paths, sys.stdout, sys.stderr, args.format)
        if args.command == "list":
            return commands.run_list(sys.stdout, folder=_folders(args))
        if args.command == "serve":
            from .web.command import run_serve

            return run_serve(args)
        if args.command in ("progress", "reset"):
            return _run_progress_command(args)
        if args.command == "docs":
            from .reference import run_docs

            return run_docs(args)
        return commands.run_new_lesson(args.name, sys.stdout, sys.stderr)
    parser = _app_parser()
    args = parser.parse_args(argv)
    from .curriculum.learners import LearnerNameError, check_learner_name, default_learner

    try:
        learner = check_learner_name(args.learner) if args.learner is not None else default_learner()
    except LearnerNameError as exc:
        parser.error(f"{'--learner' if args.learner is not None else '$NNTUTOR_LEARNER'}: {exc}")
    from .lifelong import import_for_good

    # Textual and the tutor's modules: most of the start-up (a lesson named: its opening screen too)
    import_for_good("nntutor.ui.app", *(["nntutor.ui.screens.opening"] if args.lesson else []))
    from .ui.app import run_app

    return run_app(args.lesson, learner, _folders(args))


def _run_progress_command(args) -> int:
    from .curriculum import report

    if args.command == "progress":
        return report.run_progress(args.format, sys.stdout, sys.stderr)
    ask = input if sys.stdin.isatty() else None
    return report.run_reset(args.lesson, args.learner, args.yes, sys.stdout, sys.stderr, ask)


def entry_point() -> int:
    """The console script: main() with a closed pipe (nntutor trace | head) or ctrl+c before the tutor
    takes the keys (it starts in under a second) ending quietly, not with a traceback."""
    try:
        return main()
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130  # the shell's code for a command ended by SIGINT


if __name__ == "__main__":
    sys.exit(entry_point())
