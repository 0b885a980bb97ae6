"""Sessions that can be resumed, and the lock that lets only one footui resume each. No Textual.

A session can be resumed when it ended early without the person asking: `interrupted` (the process died), or
`stopped` with `stop_reason` "signal" (a dropped connection's SIGHUP, SIGTERM), less than RESUME_WINDOW ago,
with sets left to do. A session the person stopped on purpose is never offered.

Resuming takes the session's own lock (`active/<id>.lock`, the one a running session holds), re-reads the
history under it, writes the session back to its checkpoint as in progress, and only then takes it out of
`history.json`: from that moment it is a session in progress like any other (saved after every set, recovered as
`interrupted` if this footui dies too), and a second footui cannot take the lock.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime, timedelta
from typing import Any

from footui.history.files import ID_PATTERN, IN_PROGRESS, StoreError, check_session, parse_time
from footui.history.stats import away_s, sets_done
from footui.history.store import HistoryStore

RESUME_WINDOW = timedelta(hours=12)


def is_resumable(session: dict[str, Any], now: datetime) -> bool:
    if not re.fullmatch(ID_PATTERN, str(session.get("id"))):
        return False  # not an id footui made (an imported backup's): it cannot be a checkpoint in active/
    status = session.get("status")
    ended_early = status == "interrupted" or (status == "stopped" and session.get("stop_reason") == "signal")
    if not ended_early or session.get("ended_at") is None:
        return False
    if not 0 < sets_done(session) < session["planned_sets"]:
        return False
    try:
        ended = parse_time(session["ended_at"], "ended_at")
    except ValueError:
        return False
    return now - ended < RESUME_WINDOW


def find_resumable(sessions: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """The sessions that can be resumed, the most recently ended first."""
    found = [s for s in sessions if is_resumable(s, now)]
    found.sort(key=lambda s: parse_time(s["ended_at"], "ended_at"), reverse=True)
    return found


def describe(session: dict[str, Any]) -> str:
    """`Back-pain relief: exercise 3 of 5, 19 of 37 sets done, stopped 14:02` (the caller cleans the name)."""
    exercise_ids: list[str] = []
    for item in session["exercises"]:
        if item["exercise_id"] not in exercise_ids:
            exercise_ids.append(item["exercise_id"])
    unfinished = next(e for e in session["exercises"] if e["sets_done"] < e["sets_planned"])
    number = exercise_ids.index(unfinished["exercise_id"]) + 1
    ended = parse_time(session["ended_at"], "ended_at")
    return (
        f"{session['routine_name']}: exercise {number} of {len(exercise_ids)}, "
        f"{sets_done(session)} of {session['planned_sets']} sets done, stopped {ended:%H:%M}"
    )


def is_taken(store: HistoryStore, session_id: str) -> bool:
    """True when another footui holds the session's lock (it is resuming it right now)."""
    if not store.active_dir.is_dir():
        return False
    lock = store._try_session_lock(session_id)
    if lock is None:
        return True
    lock.release()
    return False


def claim(store: HistoryStore, session_id: str, now: datetime) -> dict[str, Any]:
    """Take the session for this process and return its record in progress, `resumed_at` extended.

    Raises StoreError with a line for the person: another footui has it, or it can no longer be resumed.
    """
    what = "cannot resume"
    store._ensure_dir(store.data_dir)
    store._ensure_dir(store.active_dir)
    lock = store._try_session_lock(session_id)
    if lock is None:
        raise StoreError(f"{what}: another footui is resuming this session")
    try:
        record = _current(store, session_id, now)
        record = copy.deepcopy(record)
        record["away_s"] = round(away_s(record) + _seconds_since_end(record, now))
        record.update(status=IN_PROGRESS, ended_at=None)
        record.pop("stop_reason", None)
        record["resumed_at"] = [*record.get("resumed_at", []), now.isoformat(timespec="seconds")]
        store._session_locks[session_id] = lock
        store.checkpoint(record)  # the sets done so far are safe in active/ before they leave history.json
        store.delete(session_id)
    except BaseException:
        store._session_locks.pop(session_id, None)
        lock.release()
        raise
    return record


def _seconds_since_end(record: dict[str, Any], now: datetime) -> float:
    """The time away this resume adds: from the session's end to now (the session's duration leaves it out)."""
    try:
        ended = parse_time(record.get("ended_at"), "ended_at")
    except ValueError:
        return 0.0
    return max(0.0, (now - ended).total_seconds())


def _current(store: HistoryStore, session_id: str, now: datetime) -> dict[str, Any]:
    """Under the session's lock: the session as history.json has it, or as a checkpoint left by a footui that
    died while resuming it and that no load() has recovered yet (it has the later sets)."""
    checkpoint = store.active_dir / f"{session_id}.json"
    if checkpoint.exists():
        try:
            left = json.loads(checkpoint.read_bytes().decode("utf-8"))
            check_session(left, in_progress_ok=True)
            if 0 < sets_done(left) < left["planned_sets"]:
                if left.get("ended_at") is None:  # its last set's time, as the recovery of an interrupted one says
                    mtime = datetime.fromtimestamp(checkpoint.stat().st_mtime).astimezone()
                    left["ended_at"] = mtime.isoformat(timespec="seconds")
                return dict(left)
        except (OSError, ValueError):
            pass
    for session in store.load():
        if session["id"] == session_id:
            if not is_resumable(session, now):
                raise StoreError("cannot resume: this session is finished or was resumed already")
            return session
    raise StoreError("cannot resume: this session is no longer in the history")


def being_resumed(store: HistoryStore) -> list[dict[str, Any]]:
    """Sessions another footui is resuming right now (their checkpoint is locked and says `resumed_at`)."""
    found = []
    try:
        checkpoints = sorted(store.active_dir.glob("*.json"))
    except OSError:
        return []
    for path in checkpoints:
        try:
            record = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and record.get("resumed_at") and is_taken(store, path.stem):
            found.append(record)
    return found
