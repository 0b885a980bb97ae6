"""Command line: `footui` opens the app; sub-commands that only print never import Textual."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict

from footui import __version__
from footui.text.cleaning import clean

# Each module in footui/cli/ that adds sub-commands has a `register(subparsers)`; one line here per module.
COMMAND_MODULES = [
    "history",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="footui",
        description="A keyboard-driven terminal coach for a short foot-exercise routine that eases back pain.",
        epilog="Not medical advice: stop if pain increases.",
    )
    parser.add_argument("--version", action="version", version=f"footui {__version__}")
    add_global_options(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    run = commands.add_parser("run", help="open the routine list (the default)")
    run.set_defaults(func=cmd_app, routine=None)
    start = commands.add_parser("start", help="start a routine's session straight away", add_help=False)
    start.add_argument("-h", "--help", action=RoutineHelp, help="show this help, with the routine ids, and exit")
    start.add_argument("routine", metavar="ROUTINE_ID", help="which routine (`footui routines` lists them)")
    start.set_defaults(func=cmd_app)
    listing = commands.add_parser("routines", help="list the routines with their exercises and planned time")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(func=cmd_routines)
    for name in COMMAND_MODULES:
        importlib.import_module(f"footui.cli.{name}").register(commands)
    for listed in commands._choices_actions:  # every sub-command, whichever module added it
        sub = commands.choices[listed.dest]
        # `footui history --data-dir X` works like `footui --data-dir X history`
        add_global_options(sub, suppress=True)
        # `footui COMMAND --help` says what the command does, in the words of the command list
        sub.description = sub.description or (listed.help[:1].upper() + listed.help[1:] + "." if listed.help else None)
    parser.set_defaults(func=cmd_app, routine=None)
    return parser


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    # After the sub-command, an option that is not given must not undo one given before it: SUPPRESS.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--config-dir", metavar="DIR", default=default, help="where routines.toml and settings live")
    parser.add_argument("--data-dir", metavar="DIR", default=default, help="where history.json lives")


class RoutineHelp(argparse.Action):
    """`footui start --help`: the usual help, then the routine ids (read only when help is asked for)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=kwargs.get("help"))  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, *_args: object) -> None:
        from footui.content.routines import load_library

        if getattr(namespace, "config_dir", None):  # `footui --config-dir X start --help`: X's routines
            os.environ["FOOTUI_CONFIG_DIR"] = os.path.abspath(namespace.config_dir)

        routines = load_library().routines.values()
        width = max(len(r.id) for r in routines)
        lines = [f"  {r.id.ljust(width)}  {clean(r.name)}" for r in routines]
        parser.epilog = "routine ids:\n" + "\n".join(lines)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.print_help()
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.config_dir:
        os.environ["FOOTUI_CONFIG_DIR"] = os.path.abspath(args.config_dir)
    if args.data_dir:
        os.environ["FOOTUI_DATA_DIR"] = os.path.abspath(args.data_dir)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `footui history | head` closed the pipe: not an error worth a traceback
        sys.stderr.close()
        return 0


def format_duration(seconds: float) -> str:
    """Durations are written one way everywhere: the screens' way."""
    from footui.text.formatting import duration

    return duration(seconds)


def cmd_routines(args: argparse.Namespace) -> int:
    from footui.content.routines import load_library, planned_seconds

    lib = load_library()
    if lib.problems:
        for problem in lib.problems:
            print(f"footui: {problem}", file=sys.stderr)
        return 2
    if args.format == "json":
        out = []
        for routine in lib.routines.values():
            exercises = lib.routine_exercises(routine)
            # Every field a routine and its exercises have (dataclasses.asdict follows the dataclasses as they grow).
            item = {k: _json_value(v) for k, v in asdict(routine).items() if k != "exercises"}
            item["planned_s"] = _number(planned_seconds(routine, exercises))
            item["exercises"] = [{k: _json_value(v) for k, v in asdict(ex).items()} for ex in exercises]
            out.append(item)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    for routine in lib.routines.values():
        exercises = lib.routine_exercises(routine)
        print(f"{routine.id}  {clean(routine.name)}  ({format_duration(planned_seconds(routine, exercises))})")
        for ex in exercises:
            print(f"  - {clean(ex.name)}: {dosage(ex)}")
    return 0


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _json_value(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float):
        return _number(value)
    return value


def dosage(ex) -> str:  # noqa: ANN001 - an Exercise
    """The screen's dosage line, plus the equipment (the screen shows that on a line of its own)."""
    from footui.text import formatting

    line = formatting.dosage(ex)
    return f"{line}, needs {formatting.equipment(ex)}" if ex.equipment else line


def cmd_app(args: argparse.Namespace) -> int:
    from footui.content.routines import load_library

    lib = load_library()
    if args.routine is not None and args.routine not in lib.routines:
        known = ", ".join(lib.routines)
        print(f"footui: no routine {clean(args.routine)!r} (known: {known})", file=sys.stderr)
        return 2
    if os.environ.get("TERM") == "dumb":
        print(
            "footui: this terminal (TERM=dumb) cannot show the app; use a terminal such as xterm, "
            "or the commands `footui routines`, `footui history`, `footui today`",
            file=sys.stderr,
        )
        return 2
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "footui: needs a terminal (stdin and stdout must be a TTY); "
            "`footui routines`, `footui history` and `footui today` work without one",
            file=sys.stderr,
        )
        return 2
    from footui.ui.app import run_app

    return run_app(lib, start_routine=args.routine)
