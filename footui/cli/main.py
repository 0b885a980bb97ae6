"""Command line: `footui` opens the app; sub-commands that only print never import Textual."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs 3 ms of a prompt's time
if TYPE_CHECKING:  # argparse, json and the rest are imported where used: `footui today` must start fast
    import argparse
    from collections.abc import Sequence
    from typing import Any

    from footui.content.routines import Library


def build_parser() -> argparse.ArgumentParser:
    from footui.cli.parser import build_parser as build

    return build()


def main(argv: Sequence[str] | None = None) -> int:
    """Run footui; whatever happens to stdin/stdout (closed, full, a closed pipe, not UTF-8), end with one line
    on stderr and exit 1 rather than a traceback."""
    from footui.cli import output

    if sys.stdout is None:  # `footui >&-`
        output.say("standard output is closed")
        return 1
    output.ascii_fallbacks()
    try:
        try:
            code = _run(argv)
        finally:  # also after argparse's --help / usage errors (SystemExit)
            sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `footui history | head` closed the pipe: quietly, as head users expect
        output.silence_stdout()
        return 1
    except OSError as exc:  # `footui today > /dev/full`, an I/O error on the terminal
        from footui.history.files import describe

        output.silence_stdout()
        output.say(f"cannot write the output: {describe(exc)}")
        return 1
    return code


def _run(argv: Sequence[str] | None) -> int:
    from footui.cli.today import quick

    arguments = sys.argv[1:] if argv is None else list(argv)
    answered = quick(arguments)  # a prompt's `footui today`, from the cache
    if answered is not None:
        return answered
    if not arguments:  # `footui`: the routine list, without building the parser (15 ms of its first frame)
        return cmd_app(None)
    args = build_parser().parse_args(argv)
    if args.config_dir:
        os.environ["FOOTUI_CONFIG_DIR"] = os.path.abspath(args.config_dir)
    if args.data_dir:
        os.environ["FOOTUI_DATA_DIR"] = os.path.abspath(args.data_dir)
    return int(args.func(args) or 0)


def format_duration(seconds: float) -> str:
    """Durations are written one way everywhere: the screens' way."""
    from footui.text.formatting import duration

    return duration(seconds)


def cmd_routines(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from footui.cli.output import clean_strings
    from footui.content.routines import load_library, planned_seconds
    from footui.text.cleaning import clean

    lib = load_library()
    if lib.problems:
        for problem in lib.problems:
            print(f"footui: {clean(problem)}", file=sys.stderr)
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
        print(json.dumps(clean_strings(out), indent=2, ensure_ascii=False))
        return 0
    for routine in lib.routines.values():
        exercises = lib.routine_exercises(routine)
        print(clean(f"{routine.id}  {routine.name}  ({format_duration(planned_seconds(routine, exercises))})"))
        for ex in exercises:
            print(clean(f"  - {ex.name}: {dosage(ex)}"))
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


def cmd_app(args: argparse.Namespace | None) -> int:
    """`footui`, `footui run` and `footui start ROUTINE_ID` (`args` None: `footui` with no arguments)."""
    from footui.content.routines import load_library
    from footui.text.cleaning import clean

    lib = load_library()
    routine = getattr(args, "routine", None)
    if routine is not None and routine not in lib.routines:
        known = ", ".join(lib.routines)
        print(f"footui: no routine {clean(routine)!r} (known: {known})", file=sys.stderr)
        return 2
    if args is not None and getattr(args, "plain", False):
        from footui.cli.plain import start_plain

        return start_plain(lib, args.routine)
    return open_app(
        lib,
        start_routine=routine,
        resume_session=getattr(args, "resume_session", None),
        voice=getattr(args, "voice", None),
    )


def plain_way(options: dict[str, Any]) -> str:
    """The plain-mode command that does what this one would have done in the app."""
    if options.get("resume_session"):
        return "`footui resume --plain`"
    routine = options.get("start_routine")
    if not routine:
        return "`footui start ROUTINE --plain`"
    import shlex

    from footui.text.cleaning import clean

    return f"`footui start {clean(shlex.quote(routine))} --plain`"


def open_app(lib: Library, **options: Any) -> int:
    """Open the app (after checking there is a terminal to show it in); `options` go to `run_app`."""
    served = "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")  # `footui serve`: the browser is the terminal
    plain = plain_way(options)
    if os.environ.get("TERM") == "dumb" and not served:
        print(
            f"footui: this terminal (TERM=dumb) cannot show the app; use {plain} "
            "for a session as plain lines, a terminal such as xterm, "
            "or the commands `footui routines`, `footui history`, `footui today`",
            file=sys.stderr,
        )
        return 2
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()) and not served:
        print(
            f"footui: needs a terminal (stdin and stdout must be a TTY); {plain} runs a session without one, "
            "and `footui routines`, `footui history` and `footui today` work without one",
            file=sys.stderr,
        )
        return 2
    from footui.cli.output import is_utf8

    if not is_utf8(sys.stdout) and not served:
        print(
            "footui: this terminal does not use UTF-8 (check LANG / LC_ALL, e.g. LANG=C.UTF-8); "
            "`footui routines`, `footui history` and `footui today` work without it",
            file=sys.stderr,
        )
        return 2
    import gc

    from footui.ui.run import run_app

    gc.freeze()  # what is loaded by now lives as long as the app: the collector need not walk it again and again
    return run_app(lib, **options)
