"""Which sessions of a history file to keep: the valid ones (duplicate ids fixed), and what can still be read
from a damaged file. No Textual, no locking (the store holds the lock)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

from footui.history.files import FUTURE_SLACK, MAX_DEPTH, check_session, local_now, new_id
from footui.text.nesting import json_too_deep


class Checked(NamedTuple):
    """`valid_sessions`' answer: (started_at, session) pairs; how many were unreadable; duplicate ids fixed."""

    pairs: list[tuple[datetime, dict[str, Any]]]
    bad: int
    repaired: int


def valid_sessions(raw: list[Any], now: datetime | None = None) -> Checked:
    """Each well-formed session with its started_at, and what was wrong with the others (see `Checked`).

    A second session with an id already seen is kept under a new id unless it is an exact copy (then it is
    dropped): either way `Checked.repaired` says so, so the store rewrites the file (and keeps the original).
    """
    latest = (now or local_now()) + FUTURE_SLACK
    out: list[tuple[datetime, dict[str, Any]]] = []
    seen: dict[str, dict[str, Any]] = {}
    bad = repaired = 0
    for s in raw:
        try:
            started = check_session(s, latest=latest)
        except ValueError:
            bad += 1
            continue
        first = seen.get(s["id"])
        if first is not None:
            repaired += 1
            if first == s:
                continue
            s["id"] = new_id()
        seen[s["id"]] = s
        out.append((started, s))
    return Checked(out, bad, repaired)


def salvage(data: bytes) -> list[Any]:
    """The sessions that are still complete in a truncated or partly garbled history file.

    footui writes one session per line (`encode_history`), so every line that is a whole JSON object on its
    own is a candidate; the caller validates them like any other session. Lines of other tools' layouts
    (pretty-printed) simply yield nothing or fragments that fail validation.
    """
    text = data.decode("utf-8", errors="replace")
    found: list[Any] = []
    for line in text.splitlines()[1:]:
        line = line.strip().rstrip(",")
        if not (line.startswith("{") and line.endswith("}")):
            continue
        chunk = line.encode("utf-8")
        if json_too_deep(chunk, MAX_DEPTH - 2):
            continue
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            found.append(value)
    return found
