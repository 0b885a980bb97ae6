"""The argument parser: the global options, `start`, `routines`, and every module's sub-commands.

Kept apart from `main` so that a prompt's cached `footui today` never imports argparse.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from footui import __version__

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: the app's start-up goes through here too
if TYPE_CHECKING:
    from typing import Any

# Each module in footui/cli/ that adds sub-commands has a `register(subparsers)`; one line here per module.
COMMAND_MODULES = [
    "history",
    "resume",
    "serve",
    "edit",
    "today",
    "rest",
    "report",
    "show",
]


class Parser(argparse.ArgumentParser):
    """argparse, except that a help or usage text that cannot be written is an error, which `main` reports in
    one line with exit status 1: argparse ignores it (`footui --help > /dev/full` exited 0, having said nothing).
    Sub-command parsers are made of the same class."""

    def _print_message(self, message: str, file: Any = None) -> None:
        file = file or sys.stderr
        if message and file is not None:
            file.write(message)
            file.flush()


def build_parser() -> argparse.ArgumentParser:
    from footui.cli.main import cmd_app, cmd_routines

    parser = Parser(
        prog="footui",
        description="A keyboard-driven terminal coach for a short foot-exercise routine that eases back pain.",
        epilog="Not medical advice: stop if pain increases.",
    )
    parser.add_argument("--version", action="version", version=f"footui {__version__}")
    add_global_options(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    run = commands.add_parser("run", help="open the routine list (the default)")
    run.set_defaults(func=cmd_app, routine=None, voice=None)
    start = commands.add_parser("start", help="start a routine's session straight away", add_help=False)
    start.add_argument("-h", "--help", action=RoutineHelp, help="show this help, with the routine ids, and exit")
    start.add_argument("routine", metavar="ROUTINE_ID", help="which routine (`footui routines` lists them)")
    start.add_argument(
        "--plain", action="store_true", help="plain lines, one per event (screen readers, logs, slow links)"
    )
    voice = start.add_mutually_exclusive_group()
    voice.add_argument("--voice", dest="voice", action="store_const", const="on", help="speak the cues (this run only)")
    voice.add_argument("--no-voice", dest="voice", action="store_const", const="off", help="no voice (this run only)")
    start.set_defaults(func=cmd_app, voice=None)
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
    parser.set_defaults(func=cmd_app, routine=None, voice=None)
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
        from footui.text.cleaning import clean

        if getattr(namespace, "config_dir", None):  # `footui --config-dir X start --help`: X's routines
            os.environ["FOOTUI_CONFIG_DIR"] = os.path.abspath(namespace.config_dir)

        routines = load_library().routines.values()
        width = max(len(r.id) for r in routines)
        lines = [f"  {r.id.ljust(width)}  {clean(r.name)}" for r in routines]
        parser.epilog = "routine ids:\n" + "\n".join(lines)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.print_help()
        parser.exit()
