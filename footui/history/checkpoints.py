"""Sessions in progress: their checkpoint files under `active/`, the locks that say their owner is alive, and
turning the checkpoints of owners that died into `interrupted` sessions. Part of `HistoryStore`. No Textual."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from footui.history.files import FINAL_STATUSES, StoreError, check_session, local_now


class ActiveSessions:
    """Mixed into HistoryStore, which provides the attributes below and `_write`."""

    active_dir: Path
    notices: list[str]
    read_only: bool
    _session_locks: dict[str, Any]

    def _write(self, sessions: list[dict[str, Any]], what: str) -> None:  # pragma: no cover - HistoryStore's
        raise NotImplementedError

    def _checkpoint_files(self) -> list[Path]:
        try:
            return [p for p in self.active_dir.iterdir() if p.suffix in (".json", ".lock")]
        except OSError:
            return []

    def _try_session_lock(self, sid: str) -> Any:
        """The session's lock if nobody holds it (its owner is gone), else None."""
        from filelock import FileLock, Timeout

        # thread_local=False: a checkpoint taken in a worker thread may be finished from another thread
        lock = FileLock(self.active_dir / f"{sid}.lock", timeout=0, mode=0o600, thread_local=False)
        try:
            lock.acquire()
        except (Timeout, OSError):
            return None
        return lock

    def _dead_checkpoints(self) -> bool:
        for p in self._checkpoint_files():
            if p.suffix == ".json" and p.stem not in self._session_locks:
                lock = self._try_session_lock(p.stem)
                if lock is not None:
                    lock.release()
                    return True
        return False

    def _recover(self, pairs: list[tuple[datetime, dict[str, Any]]]) -> list[tuple[datetime, dict[str, Any]]]:
        """Under the history lock: turn checkpoints whose owner died into interrupted sessions."""
        known = {s["id"] for _, s in pairs}
        claimed: list[tuple[str, Any]] = []
        added = 0
        for p in self._checkpoint_files():
            sid = p.stem
            if sid in self._session_locks or any(sid == c for c, _ in claimed):
                continue
            lock = self._try_session_lock(sid)
            if lock is None:
                continue  # a live footui is recording it
            claimed.append((sid, lock))
            cp = self.active_dir / f"{sid}.json"
            if sid in known or not cp.exists():
                continue  # already finished, or an orphan lock file
            try:
                record = json.loads(cp.read_bytes().decode("utf-8"))
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                if record.get("status") not in FINAL_STATUSES:  # a stopped one whose final save failed stays so
                    record["status"] = "interrupted"
                if record.get("ended_at") is None:
                    mtime = datetime.fromtimestamp(cp.stat().st_mtime).astimezone()
                    record["ended_at"] = mtime.isoformat(timespec="seconds")
                started = check_session(record)
            except (OSError, ValueError) as exc:
                claimed.pop()
                lock.release()
                with suppress(OSError):
                    os.rename(cp, cp.with_name(f"{cp.name}.corrupt-{local_now():%Y%m%dT%H%M%S}"))
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
