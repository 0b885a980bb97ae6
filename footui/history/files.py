"""Low-level pieces of the history store: atomic writes, encoding, validation, schema migration.

No Textual, no locking: `footui.history.store.HistoryStore` puts these together under its locks.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from footui.text.cleaning import clean
from footui.text.nesting import loads_bounded

SCHEMA = 2  # 2 added "rest_days"
FINAL_STATUSES = frozenset({"completed", "stopped", "interrupted"})
IN_PROGRESS = "in_progress"
SIDES = (None, "left", "right")
EDITABLE_FIELDS = frozenset({"pain_before", "pain_after", "note"})

# Bounds on what a session may hold: generous for anything footui writes, refusing what it never could.
MAX_DEPTH = 16  # a history file nests 5 deep; extra keys of a later schema-1 footui get some room
MAX_ID = 100  # footui's ids are 36-character UUIDs; routine and exercise ids at most 40 characters
MAX_NAME = 200
MAX_NOTE = 10_000
MAX_ENTRIES = 200  # exercise/side entries in one session
MAX_COUNT = 100  # sets per entry (routines.toml allows 1..100)
MAX_SECONDS = 3600  # a hold or rest (routines.toml allows up to 3600 s)
MAX_TIME_TEXT = 40
MAX_OFFSET = timedelta(hours=14)
ID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # what `new_id` makes
FUTURE_SLACK = timedelta(days=1)  # a session may start up to a day ahead (clocks and time zones disagree)
_NUMBER = (int, float)


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


def tighten(path: Path, mode: int) -> None:
    """Give a file or directory footui owns no more than `mode` (an old lock file may be 0666)."""
    with suppress(OSError):
        st = os.stat(path, follow_symlinks=False)
        if not stat.S_ISLNK(st.st_mode) and st.st_uid == os.geteuid() and st.st_mode & 0o777 & ~mode:
            os.chmod(path, stat.S_IMODE(st.st_mode) & mode)


# ------------------------------------------------------------------------------------------------ records


def local_now() -> datetime:
    """The current local time, time-zone aware."""
    return datetime.now().astimezone()


def new_id() -> str:
    """A new session id: a lower-case UUID 4 (checkpoint files are named after it, see `ID_PATTERN`)."""
    import uuid  # 4 ms to import; not needed by `footui today`

    return str(uuid.uuid4())


def new_record(
    routine_id: str,
    routine_name: str,
    entries: list[tuple[str, str | None, int, float, float]],
    started_at: datetime,
    pain_before: int | None = None,
) -> dict[str, Any]:
    """A fresh in-progress session. entries: (exercise_id, side, sets_planned, hold_s, rest_s), in order."""
    if started_at.tzinfo is None:
        raise ValueError("started_at must be time-zone aware")
    exercises = [
        {"exercise_id": ex, "side": side, "sets_planned": n, "sets_done": 0, "hold_s": hold, "rest_s": rest}
        for ex, side, n, hold, rest in entries
    ]
    return {
        "id": new_id(),
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
    doc = loads_bounded(data, MAX_DEPTH)
    if not isinstance(doc, dict):
        raise ValueError("it is not a JSON object")
    schema = doc.get("schema")
    if type(schema) is not int or not 1 <= schema <= 1_000_000:
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
    """An aware ISO 8601 time in years 1970..9999 with an offset of at most 14 hours.

    `fromisoformat` alone accepts any character between date and time (a control character would then reach
    the terminal) and year 1 (which overflows the statistics' conversions): both are refused here.
    """
    if not isinstance(value, str) or not 16 <= len(value) <= MAX_TIME_TEXT or not value.isascii():
        raise ValueError(f"{what} is not an ISO 8601 time")
    if value[10] not in "T " or not value[:4].isdigit():
        raise ValueError(f"{what} is not an ISO 8601 time: {clean(value)!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} is not an ISO 8601 time: {clean(value)!r}") from None
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"{what} has no time-zone offset")
    if abs(offset) > MAX_OFFSET or not 1970 <= moment.year <= 9999:
        raise ValueError(f"{what} is out of range (years 1970 to 9999, offsets up to 14 hours): {value!r}")
    return moment


def _int(value: Any, what: str, low: int = 0, high: int = MAX_COUNT) -> int:
    if type(value) is not int or value < low or value > high:
        raise ValueError(f"{what} must be a whole number {low}..{high}")
    return value


def _text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(f"{what} is not a string of at most {limit} characters")
    return value


def check_session(s: Any, *, in_progress_ok: bool = False, latest: datetime | None = None) -> datetime:
    """Raise ValueError (short reason) unless `s` is a well-formed session; return its parsed started_at.

    Every field is bounded by what footui itself could have written (see the MAX_* limits). `latest`: a
    session that starts after it is refused (footui passes "now plus a day"). Unknown extra keys are kept as
    they are (a later schema-1 footui may add optional fields); the file's nesting depth bounds them.
    """
    if not isinstance(s, dict):
        raise ValueError("a session is not a JSON object")
    sid = s.get("id")
    if not isinstance(sid, str) or not 0 < len(sid) <= MAX_ID:
        raise ValueError("a session has no id (or one longer than 100 characters)")
    try:
        started = parse_time(s.get("started_at"), "started_at")
        if latest is not None and started > latest:
            raise ValueError("started_at is more than a day in the future")
        if s.get("ended_at") is not None:
            parse_time(s["ended_at"], "ended_at")
        elif "ended_at" not in s:
            raise ValueError("ended_at is missing")
        status = s.get("status")
        if not isinstance(status, str) or (
            status not in FINAL_STATUSES and not (in_progress_ok and status == IN_PROGRESS)
        ):
            raise ValueError(f"unknown status {clean(str(status)[:20])!r}")
        if not (
            type(routine_id := s.get("routine_id")) is str
            and len(routine_id) <= MAX_ID
            and type(name := s.get("routine_name")) is str
            and len(name) <= MAX_NAME
            and type(note := s.get("note")) is str
            and len(note) <= MAX_NOTE
            and ((before := s.get("pain_before", "")) is None or (type(before) is int and 0 <= before <= 10))
            and ((after := s.get("pain_after", "")) is None or (type(after) is int and 0 <= after <= 10))
        ):  # the quick check failed: say which field
            _text(s.get("routine_id"), "routine_id", MAX_ID)
            _text(s.get("routine_name"), "routine_name", MAX_NAME)
            _text(s.get("note"), "note", MAX_NOTE)
            for key in ("pain_before", "pain_after"):  # both must be there: null or 0..10
                if s.get(key, 0) is not None:
                    _int(s.get(key), key, 0, 10)
            raise AssertionError("unreachable: the quick check and this one disagree")  # pragma: no cover
        exercises = s.get("exercises")
        if not isinstance(exercises, list) or len(exercises) > MAX_ENTRIES:
            raise ValueError(f"exercises is not a list of at most {MAX_ENTRIES} entries")
        total = 0
        for e in exercises:
            # One expression for the common case (a 10,000-session history checks 60,000 entries on every
            # load); type() rather than isinstance() also refuses true/false as numbers.
            if not (
                type(e) is dict
                and type(ex_id := e.get("exercise_id")) is str
                and len(ex_id) <= MAX_ID
                and e.get("side", 0) in SIDES
                and type(planned := e.get("sets_planned")) is int
                and 0 <= planned <= MAX_COUNT
                and type(done := e.get("sets_done")) is int
                and 0 <= done <= planned
                and type(hold := e.get("hold_s", -1)) in _NUMBER
                and 0 <= hold <= MAX_SECONDS
                and type(rest := e.get("rest_s", -1)) in _NUMBER
                and 0 <= rest <= MAX_SECONDS
            ):
                _explain_entry(e)
            total += e["sets_planned"]
        if _int(s.get("planned_sets"), "planned_sets", 0, MAX_COUNT * MAX_ENTRIES) != total:
            raise ValueError("planned_sets is not the sum of the exercises' sets_planned")
    except ValueError as exc:
        raise ValueError(f"session {clean(sid[:40])!r}: {exc}") from None
    return started


def _explain_entry(e: Any) -> None:
    """Raise ValueError saying what is wrong with an exercise entry that failed the quick check."""
    if not isinstance(e, dict):
        raise ValueError("an exercise entry has no exercise_id")
    ex_id = _text(e.get("exercise_id"), "exercise_id", MAX_ID)
    if e.get("side", 0) not in SIDES:
        raise ValueError(f"bad side for {clean(ex_id)!r}")
    planned = _int(e.get("sets_planned"), "sets_planned")
    _int(e.get("sets_done"), "sets_done", 0, planned)
    for key in ("hold_s", "rest_s"):
        v = e.get(key, -1)
        if type(v) not in _NUMBER or not 0 <= v <= MAX_SECONDS:
            raise ValueError(f"{key} must be a number of seconds, 0 to {MAX_SECONDS}")
    raise AssertionError("unreachable: the quick check and this one disagree")  # pragma: no cover


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


def sort_sessions(pairs: list[tuple[datetime, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Sessions ordered by started_at (the instant, so sessions from different offsets interleave right)."""
    pairs.sort(key=lambda p: p[0])
    return [s for _, s in pairs]
