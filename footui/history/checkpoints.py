"""Sessions in progress: their checkpoint files under `active/`, the locks that say their owner is alive, and
turning the checkpoints of owners that died into `interrupted` sessions. Part of `HistoryStore`. No Textual.

Only files whose names footui makes are ever touched: `<id>.json`, `<id>.lock` and `.<id>.json.*.tmp`, where
<id> is a lower-case UUID (`ID_PATTERN`). A symlinked `active/` is never followed.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from footui.history.files import (
    FINAL_STATUSES,
    FUTURE_SLACK,
    ID_PATTERN,
    MAX_DEPTH,
    StoreError,
    check_session,
    local_now,
    tighten,
)
from footui.text.nesting import loads_bounded

# <id>.json, <id>.lock, or the atomic writer's temp file .<id>.json.<pid>.<hex>.tmp
_OWN_FILE = re.compile(rf"^(?:({ID_PATTERN})\.(?:json|lock)|\.({ID_PATTERN})\.json\.\d+\.[0-9a-f]+\.tmp)$")


class ActiveSessions:
    """Mixed into HistoryStore, which provides the attributes below and `_write`."""

    active_dir: Path
    notices: list[str]
    read_only: bool
    _session_locks: dict[str, Any]

    def _write(self, sessions: list[dict[str, Any]], what: str) -> None:  # pragma: no cover - HistoryStore's
        raise NotImplementedError

    def _checkpoint_ids(self) -> set[str]:
        """The session ids that have a checkpoint, lock or temp file of footui's in `active/`."""
        if self.active_dir.is_symlink():
            return set()
        try:
            names = os.listdir(self.active_dir)
        except OSError:
            return set()
        ids = set()
        for name in names:
            match = _OWN_FILE.match(name)
            if match:
                ids.add(match.group(1) or match.group(2))
        return ids

    def _try_session_lock(self, sid: str) -> Any:
        """The session's lock if nobody holds it (its owner is gone), else None."""
        from filelock import FileLock, Timeout

        # thread_local=False: a checkpoint taken in a worker thread may be finished from another thread
        path = self.active_dir / f"{sid}.lock"
        lock = FileLock(path, timeout=0, mode=0o600, thread_local=False)
        try:
            lock.acquire()
        except (Timeout, OSError):
            return None
        tighten(path, 0o600)
        return lock

    def _dead_checkpoints(self) -> bool:
        for sid in self._checkpoint_ids():
            if sid not in self._session_locks:
                lock = self._try_session_lock(sid)
                if lock is not None:
                    lock.release()
                    return True
        return False

    def _recover(self, pairs: list[tuple[datetime, dict[str, Any]]]) -> list[tuple[datetime, dict[str, Any]]]:
        """Under the history lock: turn checkpoints whose owner died into interrupted sessions; remove the
        lock and temp files a footui killed before (or during) its first checkpoint left behind."""
        if self.active_dir.is_symlink():
            self.notices.append(f"{self.active_dir} is a symbolic link; footui does not follow it")
            return pairs
        known = {s["id"] for _, s in pairs}
        latest = local_now() + FUTURE_SLACK
        claimed: list[tuple[str, Any]] = []
        added = 0
        for sid in sorted(self._checkpoint_ids()):
            if sid in self._session_locks:
                continue
            lock = self._try_session_lock(sid)
            if lock is None:
                continue  # a live footui is recording it
            claimed.append((sid, lock))
            cp = self.active_dir / f"{sid}.json"
            if sid in known or not cp.exists():
                continue  # already finished, or an orphan lock / temp file: removed below
            try:
                record = loads_bounded(cp.read_bytes(), MAX_DEPTH)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                if record.get("id") != sid:
                    raise ValueError("its id is not its file name")
                if record.get("status") not in FINAL_STATUSES:  # a stopped one whose final save failed stays so
                    record["status"] = "interrupted"
                if record.get("ended_at") is None:
                    mtime = datetime.fromtimestamp(cp.stat().st_mtime).astimezone()
                    record["ended_at"] = mtime.isoformat(timespec="seconds")
                started = check_session(record, latest=latest)
            except (OSError, ValueError) as exc:
                claimed.pop()
                with suppress(OSError):
                    os.rename(cp, cp.with_name(f"{cp.name}.corrupt-{local_now():%Y%m%dT%H%M%S}"))
                self._remove_checkpoint(sid, lock)  # its lock and temp files: nothing left to recover
                self.notices.append(f"an unfinished session could not be read and was set aside ({exc})")
                continue
            pairs.append((started, record))
            known.add(sid)
            added += 1
        try:
            if added:
                if self.read_only:
                    raise StoreError("history is read-only")
                self._write([s for _, s in pairs], "cannot save recovered sessions")
                self.notices.append(
                    f"{added} interrupted session(s) recovered with every set saved before footui stopped"
                )
        except StoreError as exc:
            self.notices.append(f"{exc}; they stay in {self.active_dir} for next time")
            for _, lock in claimed:
                lock.release()
            return pairs
        for sid, lock in claimed:
            self._remove_checkpoint(sid, lock)
        return pairs

    def _remove_checkpoint(self, sid: str, lock: Any) -> None:
        for p in [self.active_dir / f"{sid}.json", *self.active_dir.glob(f".{sid}.json.*.tmp")]:
            with suppress(OSError):
                p.unlink()
        lock.release()
        with suppress(OSError):
            (self.active_dir / f"{sid}.lock").unlink()
