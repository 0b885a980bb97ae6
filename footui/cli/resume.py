"""`footui resume [--plain]`: continue the latest session that ended early (a dropped connection, SIGTERM, a crash)
within the last 12 hours, in the app or as plain lines. Exit 2 with a message when there is nothing to resume."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(commands: Any) -> None:
    resume = commands.add_parser("resume", help="continue the latest session that ended early (within 12 hours)")
    resume.add_argument(
        "--plain", action="store_true", help="plain lines, one per event (screen readers, logs, slow links)"
    )
    resume.set_defaults(func=cmd_resume)


def cmd_resume(args: argparse.Namespace) -> int:
    from footui.config import locations
    from footui.content.routines import load_library
    from footui.history.resumable import being_resumed, claim, is_taken
    from footui.history.store import HistoryStore, StoreError, local_now
    from footui.session.resume import offers, resumed_runner
    from footui.text.cleaning import clean

    library = load_library()
    store = HistoryStore(locations.data_dir())
    try:
        sessions = store.load()
    except StoreError as exc:
        print(f"footui: {clean(str(exc))}", file=sys.stderr)
        return 2
    found = offers(library, sessions, local_now())
    if not found and being_resumed(store):
        print("footui: cannot resume: another footui is resuming this session", file=sys.stderr)
        return 2
    if not found:
        print(
            "footui: nothing to resume (only a session that ended early without you stopping it, "
            "less than 12 hours ago, can be resumed)",
            file=sys.stderr,
        )
        return 2
    session, plan = found[0]
    if is_taken(store, session["id"]):
        print("footui: cannot resume: another footui is resuming this session", file=sys.stderr)
        return 2
    if not args.plain:
        from footui.cli.main import cmd_app

        return cmd_app(argparse.Namespace(routine=None, plain=False, resume_session=session["id"]))
    try:
        record = claim(store, session["id"], local_now())
    except StoreError as exc:
        print(f"footui: {clean(str(exc))}", file=sys.stderr)
        return 2
    from footui.cli.plain import plain_session
    from footui.history.stats import sets_done

    return plain_session(resumed_runner(plan, record, store), already_done=sets_done(record))
