"""Tests that can fail: the gaps mutation testing found in the history and session code (issue 9, point 8).

Each test names the silent change it catches: a repair that moves instead of copies, an unreadable empty
history, a dropped fsync or close, recovery that only works for one checkpoint, annotate ignoring a failing store.
"""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_session import FakeClock, make_runner, run_for, saved

from footui.history.files import AtomicWriter, encode_history
from footui.history.store import HistoryStore, StoreError, new_record

UTC = timezone.utc
ENTRIES = [("toe-press", None, 10, 3, 3), ("toe-walking", None, 2, 30, 10)]


def finished(day: int, **fields: object) -> dict:
    r = new_record("back-relief", "Back-pain relief", ENTRIES, datetime(2025, 4, day, 7, 30, tzinfo=UTC))
    for e in r["exercises"]:
        e["sets_done"] = e["sets_planned"]
    r.update({"status": "completed", "ended_at": f"2025-04-{day:02d}T07:45:00+00:00", **fields})
    return r


def test_a_repair_copies_the_file_aside_and_keeps_the_good_sessions_for_the_next_load(tmp_path: Path) -> None:
    good = [finished(1), finished(2)]
    raw = json.dumps({"schema": 1, "sessions": [good[0], {"id": "bad"}, good[1]]}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    first = HistoryStore(tmp_path).load()
    second = HistoryStore(tmp_path).load()  # a move instead of a copy would leave nothing here
    assert [s["id"] for s in first] == [s["id"] for s in second] == [s["id"] for s in good]
    assert json.loads((tmp_path / "history.json").read_bytes())["sessions"] == good
    [side] = tmp_path.glob("history.json.corrupt-*")
    assert side.read_bytes() == raw


def test_deleting_the_last_session_leaves_a_readable_empty_history(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    r = finished(3)
    store.finish(r)
    store.delete(r["id"])
    assert json.loads((tmp_path / "history.json").read_bytes()) == {"schema": 2, "sessions": [], "rest_days": []}
    again = HistoryStore(tmp_path)
    assert again.load() == [] and again.notices == [] and not list(tmp_path.glob("*.corrupt-*"))
    store.finish(finished(4))
    assert len(HistoryStore(tmp_path).load()) == 1


def test_the_atomic_write_fsyncs_and_closes_the_file_before_the_rename(tmp_path: Path, monkeypatch) -> None:
    events: list[tuple[str, object]] = []
    real_fsync, real_close, real_replace = os.fsync, os.close, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fd))
        real_fsync(fd)

    def close(fd: int) -> None:
        events.append(("close", fd))
        real_close(fd)

    def replace(src: object, dst: object) -> None:
        events.append(("replace", Path(str(dst)).name))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "close", close)
    monkeypatch.setattr(os, "replace", replace)
    AtomicWriter().write(tmp_path / "x.json", b"{}")
    monkeypatch.undo()
    kinds = [kind for kind, _ in events]
    assert kinds == ["fsync", "close", "replace", "fsync", "close"]
    if os.path.exists("/proc/self/fd"):
        assert ".x.json." in str(events[0][1]) and str(events[3][1]) == str(tmp_path)


def test_the_atomic_write_leaks_no_file_descriptor(tmp_path: Path) -> None:
    if not os.path.isdir("/proc/self/fd"):  # pragma: no cover - Linux CI
        pytest.skip("needs /proc")
    writer = AtomicWriter()
    writer.write(tmp_path / "warm.json", b"{}")
    before = len(os.listdir("/proc/self/fd"))
    for i in range(20):
        writer.write(tmp_path / "x.json", b"{}" * i)
    assert len(os.listdir("/proc/self/fd")) == before


def test_recovery_with_several_checkpoints_and_a_non_empty_history(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    history = [finished(1), finished(2), finished(3)]
    store.merge(history)
    active = tmp_path / "active"
    active.mkdir(mode=0o700)
    dead = []
    for day, done in ((5, 4), (6, 7), (7, 1)):
        r = finished(day, status="in_progress", ended_at=None)
        r["exercises"][0]["sets_done"], r["exercises"][1]["sets_done"] = done, 0
        (active / f"{r['id']}.json").write_text(json.dumps(r))
        dead.append(r)
    finished_already = dict(history[1], status="in_progress", ended_at=None)  # crash after finish, before cleanup
    (active / f"{history[1]['id']}.json").write_text(json.dumps(finished_already))
    fresh = HistoryStore(tmp_path)
    sessions = fresh.load()
    assert [s["id"] for s in sessions] == [s["id"] for s in history + dead]
    assert [s["status"] for s in sessions] == ["completed"] * 3 + ["interrupted"] * 3
    assert [s["exercises"][0]["sets_done"] for s in sessions[3:]] == [4, 7, 1]
    assert all(s["ended_at"] for s in sessions)
    assert fresh.notices == ["3 interrupted session(s) recovered with every set saved before footui stopped"]
    assert list(active.iterdir()) == []
    assert HistoryStore(tmp_path).load() == sessions


class FailingAfter(AtomicWriter):
    """Writes normally until `broken` is set, then every write fails with a full disk."""

    broken = False

    def write_all(self, fd: int, data: bytes) -> None:
        if self.broken:
            raise OSError(errno.ENOSPC, "No space left on device")
        super().write_all(fd, data)


def test_annotate_against_a_failing_store_keeps_the_values_and_says_why(tmp_path: Path) -> None:
    clock = FakeClock()
    writer = FailingAfter()
    runner = make_runner(tmp_path, clock, writer=writer)
    runner.start()
    run_for(runner, clock, 30)
    assert runner.saved and runner.save_error == ""
    writer.broken = True
    runner.annotate(pain_after=4, note="sore heel")
    assert "disk full" in runner.save_error
    assert runner.record["pain_after"] == 4 and runner.record["note"] == "sore heel"  # kept in memory
    assert saved(tmp_path)[0]["pain_after"] is None  # the file is untouched
    writer.broken = False
    runner.annotate(note="sore heel, better")  # the pain that failed to save is saved with it
    assert runner.save_error == ""
    assert (saved(tmp_path)[0]["pain_after"], saved(tmp_path)[0]["note"]) == (4, "sore heel, better")


def test_annotate_before_the_session_was_saved_retries_the_whole_session(tmp_path: Path) -> None:
    clock = FakeClock()
    writer = FailingAfter()
    writer.broken = True
    runner = make_runner(tmp_path, clock, writer=writer)
    runner.start()
    run_for(runner, clock, 30)
    assert not runner.saved and saved(tmp_path) == []
    writer.broken = False
    runner.annotate(note="at last")
    assert runner.saved and saved(tmp_path)[0]["note"] == "at last"


def test_a_store_that_raises_store_error_is_never_a_crash_for_annotate(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    run_for(runner, clock, 30)

    def refuse(*_args: object, **_fields: object) -> None:
        raise StoreError("cannot update session: history is read-only")

    runner.store.update = refuse  # type: ignore[method-assign]
    runner.annotate(pain_after=2)
    assert runner.save_error == "cannot update session: history is read-only"


def test_encode_of_no_sessions_is_the_schema_with_an_empty_list() -> None:
    assert json.loads(encode_history([])) == {"schema": 2, "sessions": [], "rest_days": []}
    assert json.loads(encode_history([finished(1)]))["sessions"][0]["routine_id"] == "back-relief"


def test_a_session_a_day_ahead_is_kept_but_not_two(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    ahead = [finished(1, started_at=(now + timedelta(hours=h)).isoformat()) for h in (23, 49)]
    (tmp_path / "history.json").write_bytes(encode_history(ahead))
    assert [s["id"] for s in HistoryStore(tmp_path).load()] == [ahead[0]["id"]]
