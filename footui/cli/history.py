"""The `history`, `export` and `import` sub-commands. No Textual import (`today` lives in `footui.cli.today`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from footui.config import locations
from footui.history.export import ExportError, write_export
from footui.history.files import SCHEMA, decode_document, describe, encode_history
from footui.history.stats import duration_s, sets_done
from footui.history.store import HistoryStore, StoreError
from footui.text.cleaning import clean
from footui.text.columns import cell_width, pad, truncate
from footui.text.formatting import duration
from footui.text.nesting import read_regular

CSV_FIELDS = [
    "id", "started_at", "ended_at", "duration_s", "routine_id", "routine_name", "status",
    "sets_done", "planned_sets", "pain_before", "pain_after", "note",
]  # fmt: skip


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("history", help="list past sessions, newest first")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=_date, help="only sessions on or after this date")
    p.set_defaults(func=cmd_history)
    p = subparsers.add_parser("export", help="write a full backup of the history (JSON) to FILE ('-': stdout)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it is an existing regular file")
    p.set_defaults(func=cmd_export)
    p = subparsers.add_parser("import", help="merge sessions from a backup FILE (never duplicates a session)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_import)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _error(message: str) -> int:
    print(f"footui: {clean(message)}", file=sys.stderr)
    return 2


def load_history() -> tuple[HistoryStore, list[dict[str, Any]]]:
    """The store and its sessions, each notice printed as one clean line (StoreError is the caller's)."""
    store = HistoryStore(locations.data_dir())
    sessions = store.load()
    for notice in store.notices:
        print(f"footui: {clean(notice)}", file=sys.stderr)
    return store, sessions


def _fmt_duration(seconds: int | None) -> str:
    return "-" if seconds is None else duration(seconds)


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


CSV_TEXT_FIELDS = ("id", "started_at", "ended_at", "routine_id", "routine_name", "status", "note")


def _cell(value: object) -> str:
    """Text safe for a spreadsheet: no control characters, and no leading = + - @ | to run as a formula."""
    text = "" if value is None else clean(str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "|", "%") else text


def write_csv(sessions: list[dict[str, Any]], out: Any) -> None:
    """One row per session, in the order given, with a header."""
    import csv

    writer = csv.DictWriter(out, CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for s in sessions:
        row = dict(s, duration_s=duration_s(s), sets_done=sets_done(s))
        for key in CSV_TEXT_FIELDS:  # every text cell, including the ones footui wrote: a backup is any file
            row[key] = _cell(s.get(key))
        writer.writerow(row)


def write_csv_file(sessions: list[dict[str, Any]], path: Path, *, force: bool = False) -> Path:
    """The same CSV as `footui history --format csv` (newest first), written atomically to `path` under the
    export rules (`footui.history.export`: never clobbers unless `force`, never a link or device)."""
    import io

    buffer = io.StringIO()
    write_csv(sessions[::-1], buffer)
    write_export(path, buffer.getvalue().encode("utf-8"), force=force)
    return path


def cmd_history(args: argparse.Namespace) -> int:
    from footui.history.stats import session_day

    try:
        store, sessions = load_history()
    except StoreError as exc:
        return _error(str(exc))
    rests = store.rest_days
    if args.since:
        rests = [r for r in rests if r["date"] >= args.since.isoformat()]
        sessions = [s for s in sessions if session_day(s) >= args.since]
    sessions.reverse()  # newest first
    out = sys.stdout
    if args.format == "json":
        # The backup's format (`footui export`), so `footui import` reads it: one format for both.
        json.dump({"schema": SCHEMA, "sessions": sessions, "rest_days": rests}, out, indent=1)
        out.write("\n")
    elif args.format == "csv":
        write_csv(sessions, out)
    else:
        if not sessions:
            print("No sessions yet." if not args.since else f"No sessions since {args.since}.")
            return 0
        header = ("date", "routine", "duration", "sets", "status", "pain before/after")
        rows = [
            (
                clean(s["started_at"][:16].replace("T", " ")),
                truncate(clean(s["routine_name"]), 30),
                _fmt_duration(duration_s(s)),
                f"{sets_done(s)}/{s['planned_sets']}",
                clean(s["status"]),
                f"{_pain(s['pain_before'])}/{_pain(s['pain_after'])}",
            )
            for s in sessions
        ]
        # by terminal cells, not characters: a name with CJK or emoji keeps the columns after it in line
        widths = [max(cell_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for r in [header, *rows]:
            out.write("  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    try:
        store, sessions = load_history()
    except StoreError as exc:
        return _error(str(exc))
    data = encode_history(sessions, store.rest_days)
    if args.file == "-":
        sys.stdout.write(data.decode("ascii"))
        return 0
    target = Path(args.file)
    try:
        write_export(target, data, force=args.force)
    except ExportError as exc:
        return _error(str(exc))
    print(f"exported {len(sessions)} session(s) to {clean(str(target))}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    try:
        if args.file == "-" and sys.stdin is None:
            return _error("cannot import from standard input: it is closed")
        data = sys.stdin.buffer.read() if args.file == "-" else read_regular(source)
    except OSError as exc:
        return _error(f"cannot import: {describe(exc)} ({source})")
    try:
        doc = decode_document(data)
    except ValueError as exc:
        return _error(f"cannot import {clean(str(source))}: {exc}")
    if doc["schema"] > SCHEMA:
        return _error(f"cannot import {clean(str(source))}: it was written by a newer footui (schema {doc['schema']})")
    try:
        store, _ = load_history()
        added = store.merge(doc["sessions"], doc["rest_days"])
    except StoreError as exc:
        return _error(str(exc))
    skipped = len(doc["sessions"]) - added
    print(
        f"imported {added} new session(s) from {clean(str(source))}"
        + (f" ({skipped} already present)" if skipped else "")
    )
    return 0
