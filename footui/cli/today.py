"""`footui today [--format text|short|json] [--due] [--quiet]`: today's targets for a prompt, tmux or a script.

Fast enough for every prompt: `quick()` answers from the summary cache (`footui.history.summary_cache`) with
nothing imported beyond `os`, `sys`, `marshal` and `time`; when the cache is missing or stale, `cmd_today`
reads the history, answers, and writes the cache for the next call.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs 3 ms of a prompt's time
if TYPE_CHECKING:
    import argparse
    from typing import Any

FORMATS = ("text", "short", "json")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "today", help="today's exercises against their targets, and the streaks (for a prompt or tmux)"
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="text (default), short (<= 20 chars), json")
    p.add_argument("--due", action="store_true", help="exit status 0 when every target of the day is met, else 1")
    p.add_argument("--quiet", action="store_true", help="print nothing (with --due: only the exit status)")
    p.set_defaults(func=cmd_today)


def _emit(answer: dict[str, Any], fmt: str, due: bool, quiet: bool) -> int:
    if not quiet:
        try:
            sys.stdout.write(answer[fmt] + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # `footui today | head -c 4`: not worth a traceback at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if due and answer["due"] else 0


# ------------------------------------------------------------------------------------------------- fast path


def _xdg_dir(variable: str, default: str) -> str | None:
    """platformdirs' answer on Linux where it is unambiguous; None (ask platformdirs) anywhere else."""
    if sys.platform != "linux":
        return None
    value = os.environ.get(variable)
    if value:
        return os.path.join(value, "footui") if value.startswith("/") and value == value.strip() else None
    home = os.environ.get("HOME", "")
    return os.path.join(home, default, "footui") if home.startswith("/") else None


def _parse_quick(argv: list[str]) -> tuple[dict[str, str], str, bool, bool] | None:
    """(--data-dir/--config-dir given, format, due, quiet) of a plain `today` call, else None."""
    dirs: dict[str, str] = {}
    fmt, due, quiet, seen = "text", False, False, False
    args = iter(argv)
    for arg in args:
        name, eq, value = arg.partition("=")
        if not seen and name in ("--data-dir", "--config-dir"):
            dirs[name] = value if eq else next(args, "")
        elif not seen and arg == "today":
            seen = True
        elif seen and name == "--format":
            fmt = value if eq else next(args, "")
        elif seen and arg in ("--due", "--quiet"):
            due, quiet = due or arg == "--due", quiet or arg == "--quiet"
        else:
            return None
    if not seen or fmt not in FORMATS or "" in dirs.values():
        return None
    return dirs, fmt, due, quiet


def quick(argv: list[str]) -> int | None:
    """Answer `footui today ...` from a valid cache; None means: take the normal path."""
    parsed = _parse_quick(argv)
    if parsed is None:
        return None
    dirs, fmt, due, quiet = parsed
    data = dirs.get("--data-dir") or os.environ.get("FOOTUI_DATA_DIR") or _xdg_dir("XDG_DATA_HOME", ".local/share")
    config = dirs.get("--config-dir") or os.environ.get("FOOTUI_CONFIG_DIR") or _xdg_dir("XDG_CONFIG_HOME", ".config")
    if not data or not config:
        return None
    import time

    from footui import __version__
    from footui.history import summary_cache

    answer = summary_cache.read(
        os.path.abspath(data), os.path.join(config, "routines.toml"), __version__, time.strftime("%Y-%m-%d")
    )
    return None if answer is None else _emit(answer, fmt, due, quiet)


# ------------------------------------------------------------------------------------------------- full path


def cmd_today(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from footui import __version__
    from footui.cli.history import load_history
    from footui.config import locations
    from footui.content.routines import load_library
    from footui.history import stats, summary_cache
    from footui.history.rest_days import rest_dates
    from footui.history.store import StoreError
    from footui.history.today import summarize
    from footui.text.cleaning import clean

    data_dir, routines = str(locations.data_dir()), str(locations.routines_file())
    cache_key = summary_cache.key(data_dir, routines, __version__)  # before reading: a later change shows
    library = load_library()
    if library.problems:  # a prompt shows this on every call: one line, the details are one command away
        count = len(library.problems)
        print(f"footui: routines.toml has {count} problem(s); `footui routines` lists them", file=sys.stderr)
    try:
        store, sessions = load_history()
    except StoreError as exc:
        print(f"footui: {clean(str(exc))}", file=sys.stderr)
        return 2
    days = stats.daily(sessions)
    rest = rest_dates(store.rest_days)
    today = date.today()
    answers = {}
    for day in (today - timedelta(days=1), today, today + timedelta(days=1)):
        summary = summarize(days, library.targets(), library.names(), rest, day)
        answers[day.isoformat()] = {
            "text": summary.text(),
            "short": summary.short(),
            "json": summary.json_text(),
            "due": summary.due,
        }
    trusted = not (library.problems or store.notices or store.read_only)
    if cache_key is not None and trusted and cache_key == summary_cache.key(data_dir, routines, __version__):
        summary_cache.write(data_dir, cache_key, answers)
    return _emit(answers[today.isoformat()], args.format, args.due, args.quiet)
