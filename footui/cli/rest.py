"""`footui rest [DATE] [--note TEXT]` and `footui rest --undo DATE`: mark or unmark a rest day. No Textual."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "rest",
        help="mark a day (today by default) as a rest day: it keeps the streaks without counting in them",
    )
    p.add_argument("date", nargs="?", type=_date, metavar="DATE", help="YYYY-MM-DD (default: today)")
    p.add_argument("--note", default="", help="why (a flare-up, travel, ...)")
    p.add_argument("--undo", type=_date, metavar="DATE", help="unmark DATE")
    p.set_defaults(func=cmd_rest)


def cmd_rest(args: argparse.Namespace) -> int:
    from footui.config import locations
    from footui.history.store import HistoryStore, StoreError
    from footui.text.cleaning import clean

    if args.undo and (args.date or args.note):
        print("footui: rest --undo DATE takes no other date or note", file=sys.stderr)
        return 2
    store = HistoryStore(locations.data_dir())
    try:
        store.load()
        for notice in store.notices:
            print(f"footui: {notice}", file=sys.stderr)
        if args.undo:
            changed = store.unmark_rest_day(args.undo)
            print(f"{args.undo} is no longer a rest day" if changed else f"{args.undo} was not a rest day")
            return 0
        day = args.date or date.today()
        changed = store.mark_rest_day(day, args.note)
    except StoreError as exc:
        print(f"footui: {clean(str(exc))}", file=sys.stderr)
        return 2
    note = f" ({clean(args.note)})" if args.note else ""
    print(f"{day} is a rest day{note}" if changed else f"{day} was already a rest day{note}")
    return 0
