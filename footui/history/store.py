"""The exercise history: `history.json` in the data dir, atomic, locked, versioned. No Textual.

Protocol (see README "JSON format"):
- Every write replaces the whole file atomically (`store_io.AtomicWriter`) while holding `history.json.lock`,
  and re-reads the file inside the lock, so two footui processes never overwrite each other's sessions.
- A session in progress lives in its own small file, `active/<id>.json`, rewritten after every completed set
  (cost independent of the history's size). The owning process holds `active/<id>.lock` from its first
  checkpoint until `finish()`. A later footui that can take that lock knows the owner died: `load()` turns
  the checkpoint into an `interrupted` session with every saved set.
- A damaged file (unreadable, truncated, some invalid sessions, duplicate ids) is copied byte for byte to
  `history.json.corrupt-<time>` under the lock, then rewritten with every session that could be read, once: the
  next read is clean and silent. A newer schema is left alone and opened read-only.
- footui touches only its own files (see checkpoints), refuses a data dir others can write to, and writes a
  symlinked history.json through the link.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

from footui.history import rest_days
from footui.history.checkpoints import ActiveSessions
from footui.history.data_dir import check_data_dir, ensure_private_dir
from footui.history.files import (
    FINAL_STATUSES,
    FUTURE_SLACK,
    ID_PATTERN,
    SCHEMA,
    AtomicWriter,
    StoreError,
    check_fields,
    check_session,
    decode_document,
    describe,
    encode_history,
    local_now,
    new_record,
    sort_sessions,
    tighten,
)
from footui.history.validation import salvage, valid_sessions
from footui.text.nesting import read_regular

__all__ = ["HistoryStore", "StoreError", "AtomicWriter", "new_record", "local_now", "SCHEMA"]

_CHECKPOINT_ID = re.compile(f"^{ID_PATTERN}$")


class _Damaged(Exception):
    """The history file needs the lock to be moved or copied aside."""


class HistoryStore(ActiveSessions):
    """Reads and writes `data_dir/history.json`. `writer` is the injection point for file-system faults."""

    def __init__(self, data_dir: Path, *, lock_timeout: float = 10.0, writer: AtomicWriter | None = None):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / "history.json"
        self.active_dir = self.data_dir / "active"
        self.lock_timeout = lock_timeout
        self.writer = writer or AtomicWriter()
        self.notices: list[str] = []
        self.read_only = False
        self.rest_days: list[dict[str, Any]] = []  # as last read: [{"date": "YYYY-MM-DD", "note": ...}], sorted
        self._lock: Any = None
        self._session_locks: dict[str, Any] = {}  # session id -> held FileLock, checkpoint() to finish()

    # ------------------------------------------------------------------------------------------ reading

    def load(self) -> list[dict[str, Any]]:
        """All sessions, oldest first. Clears and refills `notices`. Raises StoreError only if the file
        cannot be read at all (permissions, I/O) or the lock stays busy while damage/recovery needs it."""
        self.notices.clear()
        self._check_dir()
        try:
            if not self._dead_checkpoints():
                return sort_sessions(self._read("probe"))
        except _Damaged:
            pass
        try:
            with self._locked("cannot open history"):
                sessions = self._read("locked")
                return sort_sessions(self._recover(sessions))
        except StoreError as exc:  # lock busy or unwritable dir: show what can be read, change nothing
            self.notices.append(f"{exc}; history is shown without repairs")
            return sort_sessions(self._read("lenient"))

    def _add_notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def _read(self, mode: str) -> list[tuple[datetime, dict[str, Any]]]:
        """Read and validate history.json. Damage: "probe" raises _Damaged; "locked" copies the file aside,
        then rewrites it with every session that could be read (so the next read is clean and silent);
        "lenient" (no lock) leaves it alone and makes the store read-only."""
        self.read_only = False
        self.rest_days = []
        try:
            data = read_regular(self.path)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"cannot read history: {describe(exc)} ({self.path})") from None
        try:
            doc = decode_document(data)
        except ValueError as exc:
            if mode == "probe":
                raise _Damaged from None
            if mode == "lenient":
                self.read_only = True
                self._add_notice(f"history.json could not be read ({exc}); it is left as it is")
                return []
            checked = valid_sessions(salvage(data))
            kept = len(checked.pairs)
            why = f"history.json could not be read ({exc})" + (
                f"; the {kept} complete session(s) before the damage were kept" if kept else ""
            )
            self._repair(data, checked.pairs, why)
            return checked.pairs
        if doc["schema"] > SCHEMA:
            self.read_only = True
            self._add_notice(
                f"history.json was written by a newer footui (schema {doc['schema']}); "
                "it is shown read-only and new sessions will not be saved"
            )
            sessions, rests = doc.get("sessions"), doc.get("rest_days")
            self.rest_days = rest_days.valid_rest_days(rests if isinstance(rests, list) else [])[0]
            return valid_sessions(sessions if isinstance(sessions, list) else []).pairs
        valid, bad, repaired = valid_sessions(doc["sessions"])
        self.rest_days, bad_rests = rest_days.valid_rest_days(doc["rest_days"])
        bad += bad_rests
        if not (bad or repaired):
            return valid
        if mode == "probe":
            raise _Damaged
        lenient = mode == "lenient"
        problems = []
        if bad:
            left_out = "" if lenient else " and were left out"
            problems.append(f"{bad} session(s) in history.json could not be read{left_out}")
        if repaired:
            fixed = "" if lenient else " (copies dropped, others renumbered)"
            problems.append(f"{repaired} session(s) had an id already used{fixed}")
        if lenient:
            self.read_only = True
            self._add_notice(f"{'; '.join(problems)}; it is left as it is")
        else:
            self._repair(data, valid, "; ".join(problems))
        return valid

    def _repair(self, original: bytes, pairs: list[tuple[datetime, dict[str, Any]]], why: str) -> None:
        """Under the lock: keep the original bytes as history.json.corrupt-<time>, then rewrite history.json
        with what could be read. If either step fails, nothing changes and the store is read-only."""
        stamp = local_now().strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while os.path.lexists(target):
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            self.writer.write(target, original)
        except OSError as exc:
            self.read_only = True
            self.notices.append(f"{why}; it could not be set aside ({describe(exc)}), so history is read-only")
            return
        try:
            self._write(sort_sessions(list(pairs)), "cannot repair history")
        except StoreError as exc:
            self.read_only = True
            self.notices.append(f"{why}; {exc}, so history is read-only (a copy is in {target.name})")
            return
        self.notices.append(f"{why}; the original file was kept as {target.name}")

    # ---------------------------------------------------------------------------------------- writing

    def _ensure_dir(self, directory: Path) -> None:
        ensure_private_dir(directory)

    def _check_dir(self) -> None:
        check_data_dir(self.data_dir, self._add_notice)

    @contextmanager
    def _locked(self, what: str) -> Iterator[None]:
        from filelock import FileLock, Timeout

        self._ensure_dir(self.data_dir)
        self._check_dir()
        if self._lock is None:
            self._lock = FileLock(self.path.with_name("history.json.lock"), mode=0o600)
        try:
            self._lock.acquire(timeout=self.lock_timeout)
        except Timeout:
            raise StoreError(
                f"{what}: another footui has held {self._lock.lock_file} for over {self.lock_timeout:g} s"
            ) from None
        except OSError as exc:
            raise StoreError(f"{what}: cannot lock history: {describe(exc)} ({self.data_dir})") from None
        tighten(Path(self._lock.lock_file), 0o600)
        try:
            yield
        finally:
            self._lock.release()

    def _write(self, sessions: list[dict[str, Any]], what: str) -> None:
        target = self._target()
        for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a crash; we hold the lock
            with suppress(OSError):
                stale.unlink()
        try:
            self.writer.write(target, encode_history(sessions, self.rest_days))
        except OSError as exc:
            raise StoreError(f"{what}: {describe(exc)} ({self.path})") from None

    def _target(self) -> Path:
        """Where history.json's bytes live: a symlinked history.json (into a synced folder, say) stays a link,
        and the atomic write happens in the directory of the file it points to."""
        if self.path.is_symlink():
            return Path(os.path.realpath(self.path))
        return self.path

    def _mutate(self, what: str, change: Callable[[list[dict[str, Any]]], tuple[Any, bool]]) -> Any:
        with self._locked(what):
            sessions = [s for _, s in self._read("locked")]
            if self.read_only:
                raise StoreError(f"{what}: history is read-only ({self.path})")
            result, changed = change(sessions)
            if changed:
                self._write(sessions, what)
        return result

    def checkpoint(self, record: dict[str, Any]) -> None:
        """Save the session in progress to its own small file. The first call takes its session lock."""
        what = "cannot save progress"
        self._check(record, what, in_progress_ok=True)
        if self.read_only:
            raise StoreError(f"{what}: history is read-only ({self.path}); the session continues in memory")
        sid = record["id"]
        if not _CHECKPOINT_ID.match(sid):
            raise StoreError(f"{what}: session id {sid[:40]!r} is not usable as a file name")
        self._ensure_dir(self.data_dir)
        self._check_dir()
        if self.active_dir.is_symlink():
            raise StoreError(f"{what}: {self.active_dir} is a symbolic link; footui does not follow it")
        self._ensure_dir(self.active_dir)
        if sid not in self._session_locks:
            lock = self._try_session_lock(sid)
            if lock is None:
                raise StoreError(f"{what}: session {sid} is being recorded by another footui")
            self._session_locks[sid] = lock
        target = self.active_dir / f"{sid}.json"
        try:
            self.writer.write(target, json.dumps(record, separators=(",", ":")).encode("ascii"))
        except OSError as exc:
            raise StoreError(f"{what}: {describe(exc)} ({target}); the session continues in memory") from None

    def finish(self, record: dict[str, Any]) -> None:
        """Add or replace the finished session in history.json, then drop its checkpoint and lock."""
        what = "cannot save session"
        record = dict(record)
        if record.get("ended_at") is None:
            record["ended_at"] = local_now().isoformat(timespec="seconds")
        if record.get("status") not in FINAL_STATUSES:
            raise StoreError(f"{what}: status must be one of {', '.join(sorted(FINAL_STATUSES))}")
        self._check(record, what)

        def upsert(sessions: list[dict[str, Any]]) -> tuple[None, bool]:
            for i, s in enumerate(sessions):
                if s["id"] == record["id"]:
                    sessions[i] = record
                    break
            else:
                sessions.append(record)
            return None, True

        try:
            self._mutate(what, upsert)
        except StoreError as exc:
            raise StoreError(f"{exc}; the session is kept in memory") from None
        lock = self._session_locks.pop(record["id"], None)
        if lock is not None:
            self._remove_checkpoint(record["id"], lock)

    def retire_checkpoint(self, record: dict[str, Any]) -> None:
        """The session is kept elsewhere now (a file the user named): drop its checkpoint, so it is never recovered
        as `interrupted` nor offered for resume. Where it cannot be removed, it is overwritten with `record`."""
        lock = self._session_locks.pop(record["id"], None)
        if lock is not None:
            with suppress(OSError):
                self.writer.write(self.active_dir / f"{record['id']}.json", json.dumps(record).encode("ascii"))
            self._remove_checkpoint(record["id"], lock)

    def update(self, session_id: str, **fields: Any) -> None:
        """Change pain_before / pain_after / note of a saved session."""
        check_fields(fields)

        def apply(sessions: list[dict[str, Any]]) -> tuple[None, bool]:
            for s in sessions:
                if s["id"] == session_id:
                    s.update(fields)
                    return None, True
            raise StoreError(f"cannot update session: no session {session_id[:40]!r} in {self.path}")

        self._mutate("cannot update session", apply)

    def delete(self, session_id: str) -> None:
        """Remove a session (no-op if it is not there)."""

        def drop(sessions: list[dict[str, Any]]) -> tuple[None, bool]:
            n = len(sessions)
            sessions[:] = [s for s in sessions if s["id"] != session_id]
            return None, len(sessions) != n

        self._mutate("cannot delete session", drop)

    def merge(self, sessions: list[dict[str, Any]], rests: Sequence[Any] = ()) -> int:
        """Import: add every session whose id is not present yet, and every rest day whose date is not
        marked yet (all validated first); returns how many sessions were added."""
        latest = local_now() + FUTURE_SLACK
        for i, s in enumerate(sessions, 1):
            self._check(s, f"cannot import: session {i} is not valid", latest=latest)
        for r in rests:
            try:
                rest_days.check_rest_day(r)
            except ValueError as exc:
                raise StoreError(f"cannot import: {exc}") from None

        def add(existing: list[dict[str, Any]]) -> tuple[int, bool]:
            ids = {s["id"] for s in existing}
            added = 0
            for s in sessions:
                if s["id"] not in ids:
                    ids.add(s["id"])
                    existing.append(s)
                    added += 1
            rests_added = rest_days.merge(self.rest_days, rests)
            return added, added > 0 or rests_added > 0

        return int(self._mutate("cannot import", add))

    def mark_rest_day(self, day: date, note: str = "") -> bool:
        """Mark `day` as a rest day (or change its note); False if it was already marked just so."""

        def apply(_sessions: list[dict[str, Any]]) -> tuple[bool, bool]:
            changed = rest_days.mark(self.rest_days, day, note)
            return changed, changed

        try:
            return bool(self._mutate("cannot mark a rest day", apply))
        except ValueError as exc:
            raise StoreError(f"cannot mark a rest day: {exc}") from None

    def unmark_rest_day(self, day: date) -> bool:
        """Unmark the rest day `day`; False if it was not marked."""

        def apply(_sessions: list[dict[str, Any]]) -> tuple[bool, bool]:
            changed = rest_days.unmark(self.rest_days, day)
            return changed, changed

        return bool(self._mutate("cannot unmark a rest day", apply))

    @staticmethod
    def _check(record: Any, what: str, *, in_progress_ok: bool = False, latest: datetime | None = None) -> None:
        try:
            check_session(record, in_progress_ok=in_progress_ok, latest=latest)
        except ValueError as exc:
            raise StoreError(f"{what}: {exc}") from None
