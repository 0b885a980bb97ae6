"""Command line: `footui` opens the app; sub-commands that only print never import Textual."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import importlib
import json
import os
import sys
from collections.abc import Sequence

from footui import __version__
from footui.history.files import describe
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
    parser.add_argument("--config-dir", metavar="DIR", help="where routines.toml and settings live")
    parser.add_argument("--data-dir", metavar="DIR", help="where history.json lives")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    run = commands.add_parser("run", help="open the routine list (the default)")
    run.set_defaults(func=cmd_app, routine=None)
    start = commands.add_parser("start", help="start a routine's session straight away")
    start.add_argument("routine", metavar="ROUTINE_ID")
    start.set_defaults(func=cmd_app)
    listing = commands.add_parser("routines", help="list the routines with their exercises and planned time")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(func=cmd_routines)
    for name in COMMAND_MODULES:
        importlib.import_module(f"footui.cli.{name}").register(commands)
    parser.set_defaults(func=cmd_app, routine=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run footui; whatever happens to stdin/stdout (closed, full, a closed pipe, not UTF-8), end with one line
    on stderr and exit 1 rather than a traceback."""
    if sys.stdout is None:  # `footui >&-`
        _say("standard output is closed")
        return 1
    _ascii_fallbacks()
    try:
        try:
            code = _run(argv)
        finally:  # also after argparse's --help / usage errors (SystemExit)
            sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `footui history | head` closed the pipe: quietly, as head users expect
        _silence_stdout()
        return 1
    except OSError as exc:  # `footui today > /dev/full`, an I/O error on the terminal
        _silence_stdout()
        _say(f"cannot write the output: {describe(exc)}")
        return 1
    return code


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.config_dir:
        os.environ["FOOTUI_CONFIG_DIR"] = os.path.abspath(args.config_dir)
    if args.data_dir:
        os.environ["FOOTUI_DATA_DIR"] = os.path.abspath(args.data_dir)
    return int(args.func(args) or 0)


def _say(message: str) -> None:
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(f"footui: {clean(message)}", file=sys.stderr)


def _utf8(stream: object) -> bool:
    return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"


def _ascii_fallbacks() -> None:
    """A stdout that cannot encode UTF-8 (LANG=C on an old system, PYTHONIOENCODING=ascii) gets "?" for the
    characters it lacks instead of a UnicodeEncodeError half-way through the output."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not _utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit does not fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


def cmd_routines(args: argparse.Namespace) -> int:
    from footui.content.routines import load_library, planned_seconds

    lib = load_library()
    if lib.problems:
        for problem in lib.problems:
            print(f"footui: {clean(problem)}", file=sys.stderr)
        return 2
    if args.format == "json":
        out = []
        for routine in lib.routines.values():
            exercises = lib.routine_exercises(routine)
            out.append(
                {
                    "id": routine.id,
                    "name": routine.name,
                    "builtin": routine.builtin,
                    "prepare_s": routine.prepare_s,
                    "planned_s": _number(planned_seconds(routine, exercises)),
                    "exercises": [
                        {
                            "id": ex.id,
                            "name": ex.name,
                            "sets": ex.sets,
                            "hold_s": _number(ex.hold_s),
                            "rest_s": _number(ex.rest_s),
                            "sides": ex.sides,
                            "per_day": ex.per_day,
                            "cue": ex.cue,
                            "equipment": list(ex.equipment),
                        }
                        for ex in exercises
                    ],
                }
            )
        print(json.dumps(clean_strings(out), indent=2, ensure_ascii=False))
        return 0
    for routine in lib.routines.values():
        exercises = lib.routine_exercises(routine)
        print(clean(f"{routine.id}  {routine.name}  ({format_duration(planned_seconds(routine, exercises))})"))
        for ex in exercises:
            print(clean(f"  - {ex.name}: {dosage(ex)}"))
    return 0


def clean_strings(value: object) -> object:
    """Every string in a JSON-able structure through `clean` (keys too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {clean(str(key)): clean_strings(item) for key, item in value.items()}
    return value


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


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
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "footui: needs a terminal (stdin and stdout must be a TTY); "
            "`footui routines`, `footui history` and `footui today` work without one",
            file=sys.stderr,
        )
        return 2
    if not _utf8(sys.stdout):
        print(
            "footui: this terminal does not use UTF-8 (check LANG / LC_ALL, e.g. LANG=C.UTF-8); "
            "`footui routines`, `footui history` and `footui today` work without it",
            file=sys.stderr,
        )
        return 2
    from footui.ui.app import run_app

    return run_app(lib, start_routine=args.routine)
