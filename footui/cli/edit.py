"""`footui edit [ROUTINE_ID]` and `footui edit --exercise ID`: open the app on the editor."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from footui.text.cleaning import clean


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "edit",
        help="edit a routine in the app (a new one when no id is given; a built-in one as a copy)",
        description="Open the routine editor. Saving writes routines.toml, keeping your comments and layout.",
    )
    p.add_argument("routine", nargs="?", metavar="ROUTINE_ID", help="the routine to edit (none: a new routine)")
    p.add_argument("--exercise", metavar="ID", help="edit this exercise instead (a built-in one as a copy)")
    p.set_defaults(func=cmd_edit)


def cmd_edit(args: argparse.Namespace) -> int:
    from footui.cli.main import open_app
    from footui.content.routines import load_library

    library = load_library()
    if args.routine and args.exercise:
        return _error("give a routine id or --exercise ID, not both")
    unknown_exercise = args.exercise is not None and args.exercise not in library.exercises
    unknown_routine = args.routine is not None and args.routine not in library.routines
    if (unknown_exercise or unknown_routine) and library.problems:
        # A file that does not parse hides its ids: say what is wrong with it, not "no routine".
        return _error("\n".join(clean(problem) for problem in library.problems))
    if unknown_exercise:
        return _error(f"no exercise {clean(args.exercise)!r} (known: {', '.join(library.exercises)})")
    if unknown_routine:
        return _error(f"no routine {clean(args.routine)!r} (known: {', '.join(library.routines)})")
    if args.exercise is not None:
        return open_app(library, start_editor=("exercise", args.exercise))
    return open_app(library, start_editor=("routine", args.routine))


def _error(message: str) -> int:
    print(f"footui: {message}", file=sys.stderr)
    return 2
