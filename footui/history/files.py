"""Low-level pieces of the history store: atomic writes, encoding, validation, schema migration.

No Textual, no locking: `footui.history.store.HistoryStore` puts these together under its locks.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

SCHEMA = 2  # 2 added "rest_days"
FINAL_STATUSES = frozenset({"completed", "stopped", "interrupted"})
IN_PROGRESS = "in_progress"
SIDES = (None, "left", "right")
EDITABLE_FIELDS = frozenset({"pain_before", "pain_after", "note"})


def _add_rest_days(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "schema": 2, "rest_days": []}


# MIGRATIONS[n] turns a schema-n document into a schema-(n+1) one, in memory: a schema-1 file becomes schema 2
# on disk at its next write (footui never rewrites a file just to migrate it).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _add_rest_days}


class StoreError(Exception):
    """A failure the user has to know about. `str(e)` is one line a user can read."""


def describe(exc: OSError) -> str:
    """A short human reason for an OSError ("disk full", "read-only file system", ...)."""
    reasons = {
        errno.ENOSPC: "disk full",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EIO: "input/output error",
    }
    return reasons.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()


class AtomicWriter:
    """Replace a file so that a crash at any point leaves the old file or the new one, never a torn one.

    Steps: create a temp file in the same directory (O_EXCL, mode 0600), write, fsync, `os.replace` it over
    the target, fsync the directory. Each step is a method, so tests subclass this to inject a failure
    (ENOSPC, EROFS) or a "crash" between any two steps. On failure the temp file is removed and the old
    file is untouched.
    """

    def write(self, path: Path, data: bytes, mode: int = 0o600) -> None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        fd = self.open(tmp, mode)
        try:
            try:
                self.write_all(fd, data)
                self.fsync(fd)
            finally:
                os.close(fd)
            self.replace(tmp, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
        self.fsync_dir(path.parent)

    def open(self, path: Path, mode: int) -> int:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        return os.open(path, flags, mode)

    def write_all(self, fd: int, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def replace(self, src: Path, dst: Path) -> None:
        os.replace(src, dst)

    def fsync_dir(self, directory: Path) -> None:
        if os.name == "nt":  # pragma: no cover - directories cannot be opened on Windows
            return
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        except OSError as exc:  # some file systems cannot fsync a directory; the data is already safe
            if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
                raise
        finally:
            os.close(fd)


# ------------------------------------------------------------------------------------------------ records


def local_now() -> datetime:
    """The current local time, time-zone aware."""
    return datetime.now().astimezone()


def new_record(
    routine_id: str,
    routine_name: str,
    entries: list[tuple[str, str | None, int, float, float]],
    started_at: datetime,
    pain_before: int | None = None,
) -> dict[str, Any]:
    """A fresh in-progress session. entries: (exercise_id, side, sets_planned, hold_s, rest_s), in order."""
    import uuid  # 4 ms to import; not needed by `footui today`

    if started_at.tzinfo is None:
        raise ValueError("started_at must be time-zone aware")
    exercises = [
        {"exercise_id": ex, "side": side, "sets_planned": n, "sets_done": 0, "hold_s": hold, "rest_s": rest}
        for ex, side, n, hold, rest in entries
    ]
    return {
        "id": str(uuid.uuid4()),
        "routine_id": routine_id,
        "routine_name": routine_name,
        "started_at": started_at.isoformat(timespec="seconds"),
        "ended_at": None,
        "status": IN_PROGRESS,
        "planned_sets": sum(e["sets_planned"] for e in exercises),
        "exercises": exercises,
        "pain_before": pain_before,
        "pain_after": None,
        "note": "",
    }


# ---------------------------------------------------------------------------------------------- encoding


def encode_history(sessions: list[dict[str, Any]], rest_days: list[dict[str, Any]] | None = None) -> bytes:
    """The history file: one compact session (and rest day) per line, so it stays readable, diffable and quick
    to write."""
    lines = ",\n".join(json.dumps(s, separators=(",", ":")) for s in sessions)
    rests = ",\n".join(json.dumps(r, separators=(",", ":")) for r in rest_days or ())
    return f'{{"schema": {SCHEMA}, "sessions": [{_block(lines)}],\n "rest_days": [{_block(rests)}]}}\n'.encode("ascii")


def _block(lines: str) -> str:
    return f"\n{lines}\n" if lines else ""


def decode_document(data: bytes) -> dict[str, Any]:
    """Parse a history (or backup) file's top level. Raises ValueError with a short reason if unreadable."""
    if b"\x00" in data:
        raise ValueError("it contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("it is not valid UTF-8") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not valid JSON (line {exc.lineno})") from None
    if not isinstance(doc, dict):
        raise ValueError("it is not a JSON object")
    schema = doc.get("schema")
    if type(schema) is not int or schema < 1:
        raise ValueError("its schema number is missing or invalid")
    if schema <= SCHEMA:
        doc = migrate(doc)
        if not isinstance(doc.get("sessions"), list):
            raise ValueError('it has no "sessions" list')
        if not isinstance(doc.get("rest_days"), list):
            raise ValueError('it has no "rest_days" list')
    checked: dict[str, Any] = doc
    return checked


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    while doc["schema"] < SCHEMA:
        step = MIGRATIONS.get(doc["schema"])
        if step is None:
            raise ValueError(f"no migration from schema {doc['schema']}")
        doc = step(doc)
    return doc


# -------------------------------------------------------------------------------------------- validation


def parse_time(value: Any, what: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{what} is not a time string")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} is not an ISO 8601 time: {value[:40]!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"{what} has no time-zone offset")
    return moment


def _int(value: Any, what: str, low: int = 0, high: int | None = None) -> int:
    if type(value) is not int or value < low or (high is not None and value > high):
        bounds = f"{low}..{high}" if high is not None else f">= {low}"
        raise ValueError(f"{what} must be a whole number {bounds}")
    return value


def check_session(s: Any, *, in_progress_ok: bool = False) -> datetime:
    """Raise ValueError (short reason) unless `s` is a well-formed session; return its parsed started_at.

    Unknown extra keys are kept as they are (a later schema-1 footui may add optional fields).
    """
    if not isinstance(s, dict):
        raise ValueError("a session is not a JSON object")
    sid = s.get("id")
    if not isinstance(sid, str) or not sid:
        raise ValueError("a session has no id")
    try:
        started = parse_time(s.get("started_at"), "started_at")
        if s.get("ended_at") is not None:
            parse_time(s["ended_at"], "ended_at")
        elif "ended_at" not in s:
            raise ValueError("ended_at is missing")
        status = s.get("status")
        if status not in FINAL_STATUSES and not (in_progress_ok and status == IN_PROGRESS):
            raise ValueError(f"unknown status {str(status)[:20]!r}")
        for key in ("routine_id", "routine_name", "note"):
            if not isinstance(s.get(key), str):
                raise ValueError(f"{key} is not a string")
        for key in ("pain_before", "pain_after"):
            if s.get(key, 0) is not None:
                _int(s.get(key), key, 0, 10)
        exercises = s.get("exercises")
        if not isinstance(exercises, list):
            raise ValueError("exercises is not a list")
        total = 0
        for e in exercises:
            if not isinstance(e, dict) or not isinstance(e.get("exercise_id"), str):
                raise ValueError("an exercise entry has no exercise_id")
            if e.get("side", 0) not in SIDES:
                raise ValueError(f"bad side for {e['exercise_id'][:40]!r}")
            planned = _int(e.get("sets_planned"), "sets_planned")
            _int(e.get("sets_done"), "sets_done", 0, planned)
            for key in ("hold_s", "rest_s"):
                v = e.get(key)
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 86400:
                    raise ValueError(f"{key} must be a number of seconds")
            total += planned
        if _int(s.get("planned_sets"), "planned_sets") != total:
            raise ValueError("planned_sets is not the sum of the exercises' sets_planned")
    except ValueError as exc:
        raise ValueError(f"session {sid[:40]!r}: {exc}") from None
    return started


def check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"cannot update {', '.join(sorted(unknown))}; editable: {', '.join(sorted(EDITABLE_FIELDS))}")
    for key, value in fields.items():
        if key == "note":
            if not isinstance(value, str):
                raise ValueError("note must be a string")
        elif value is not None:
            _int(value, key, 0, 10)


def valid_sessions(raw: list[Any]) -> tuple[list[tuple[datetime, dict[str, Any]]], int]:
    """(started_at, session) for each well-formed session (first of any duplicate id), and the bad count."""
    out: list[tuple[datetime, dict[str, Any]]] = []
    seen: set[str] = set()
    bad = 0
    for s in raw:
        try:
            started = check_session(s)
        except ValueError:
            bad += 1
            continue
        if s["id"] not in seen:
            seen.add(s["id"])
            out.append((started, s))
    return out, bad


def sort_sessions(pairs: list[tuple[datetime, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Sessions ordered by started_at (the instant, so sessions from different offsets interleave right)."""
    pairs.sort(key=lambda p: p[0])
    return [s for _, s in pairs]
