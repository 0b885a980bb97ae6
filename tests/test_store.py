"""HistoryStore: the API, permissions, checkpoints, crash recovery across processes, concurrency."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from footui.history.store import AtomicWriter, HistoryStore, StoreError, local_now, new_record

ROOT = Path(__file__).resolve().parent.parent
PLUS1 = timezone(timedelta(hours=1))
ENTRIES = [
    ("toe-press", None, 10, 3, 3),
    ("toe-pencil-pickups", "left", 5, 10, 5),
    ("toe-pencil-pickups", "right", 5, 10, 5),
]


def finished(started: datetime | None = None, status: str = "completed", **fields) -> dict:
    r = new_record("back-relief", "Back-pain relief", ENTRIES, started or datetime(2026, 11, 24, 8, 1, 2, tzinfo=PLUS1))
    for e in r["exercises"]:
        e["sets_done"] = e["sets_planned"]
    r["status"] = status
    r["ended_at"] = (datetime.fromisoformat(r["started_at"]) + timedelta(minutes=14)).isoformat()
    r.update(fields)
    return r


def run_child(code: str, data: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        **kw,
    )


def test_new_record_shape():
    started = datetime(2026, 11, 24, 8, 1, 2, tzinfo=PLUS1)
    r = new_record("back-relief", "Back-pain relief", ENTRIES, started, pain_before=4)
    assert re.fullmatch(r"[0-9a-f-]{36}", r["id"])
    assert r["started_at"] == "2026-11-24T08:01:02+01:00"
    assert r["status"] == "in_progress" and r["ended_at"] is None and r["note"] == ""
    assert r["planned_sets"] == 20 and r["pain_before"] == 4 and r["pain_after"] is None
    assert r["exercises"][1] == {
        "exercise_id": "toe-pencil-pickups",
        "side": "left",
        "sets_planned": 5,
        "sets_done": 0,
        "hold_s": 10,
        "rest_s": 5,
    }
    assert new_record("a", "A", ENTRIES, started)["id"] != r["id"]
    with pytest.raises(ValueError):
        new_record("a", "A", ENTRIES, datetime(2026, 1, 1))
    assert local_now().tzinfo is not None


def test_empty_load_creates_nothing(tmp_path):
    store = HistoryStore(tmp_path / "d")
    assert store.load() == [] and store.notices == [] and not store.read_only
    assert not (tmp_path / "d").exists()


def test_finish_update_delete_merge_roundtrip(tmp_path):
    store = HistoryStore(tmp_path)
    a = finished(datetime(2026, 11, 24, 8, 0, tzinfo=PLUS1))
    b = finished(datetime(2026, 11, 23, 8, 0, tzinfo=PLUS1), status="stopped")
    store.finish(a)
    store.finish(b)
    loaded = store.load()
    assert [s["id"] for s in loaded] == [b["id"], a["id"]]  # oldest first
    assert loaded[1] == a
    doc = json.loads(store.path.read_text())
    assert doc["schema"] == 2 and len(doc["sessions"]) == 2

    store.update(a["id"], pain_after=3, note="felt good")
    got = {s["id"]: s for s in store.load()}
    assert got[a["id"]]["pain_after"] == 3 and got[a["id"]]["note"] == "felt good"
    with pytest.raises(StoreError, match="no session"):
        store.update("nope", note="x")
    with pytest.raises(TypeError):
        store.update(a["id"], status="completed")
    with pytest.raises(ValueError):
        store.update(a["id"], pain_after=11)

    store.finish(dict(a, note="again"))  # upsert by id, no duplicate
    assert len(store.load()) == 2

    c = finished(datetime(2026, 11, 25, 8, 0, tzinfo=PLUS1))
    assert store.merge([a, c, c]) == 1
    assert store.merge([a, c]) == 0
    assert len(store.load()) == 3
    with pytest.raises(StoreError, match="session 1 is not valid"):
        store.merge([dict(c, id="z", pain_after=12)])
    assert len(store.load()) == 3

    store.delete(c["id"])
    store.delete("not-there")
    assert {s["id"] for s in store.load()} == {a["id"], b["id"]}


def test_finish_rejects_in_progress_and_invalid(tmp_path):
    store = HistoryStore(tmp_path)
    with pytest.raises(StoreError, match="status"):
        store.finish(dict(finished(), status="in_progress"))
    with pytest.raises(StoreError, match="planned_sets"):
        store.finish(finished(planned_sets=99))
    assert not store.path.exists()


def test_finish_fills_ended_at(tmp_path):
    store = HistoryStore(tmp_path)
    store.finish(finished(ended_at=None))
    assert datetime.fromisoformat(store.load()[0]["ended_at"]).tzinfo is not None


def test_permissions(tmp_path):
    old = os.umask(0)
    try:
        store = HistoryStore(tmp_path / "new" / "data")
        r = finished()
        store.checkpoint(dict(r, status="in_progress"))
        assert stat.S_IMODE((store.active_dir / f"{r['id']}.json").stat().st_mode) == 0o600
        assert stat.S_IMODE((store.active_dir / f"{r['id']}.lock").stat().st_mode) == 0o600
        store.finish(r)
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.active_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE((store.data_dir / "history.json.lock").stat().st_mode) == 0o600


class RecordingWriter(AtomicWriter):
    def __init__(self):
        self.paths: list[Path] = []

    def write(self, path, data, mode=0o600):
        self.paths.append(path)
        super().write(path, data, mode)


def test_checkpoint_touches_only_its_own_small_file(tmp_path):
    writer = RecordingWriter()
    store = HistoryStore(tmp_path, writer=writer)
    store.merge([finished(datetime(2024, 1, 1, tzinfo=PLUS1) + timedelta(days=i)) for i in range(500)])
    before = store.path.read_bytes()
    writer.paths.clear()
    r = new_record("back-relief", "Back-pain relief", ENTRIES, local_now())
    for n in range(1, 11):
        r["exercises"][0]["sets_done"] = n
        store.checkpoint(r)
    assert writer.paths == [store.active_dir / f"{r['id']}.json"] * 10
    assert store.path.read_bytes() == before
    saved = json.loads((store.active_dir / f"{r['id']}.json").read_text())
    assert saved["exercises"][0]["sets_done"] == 10
    r["status"] = "stopped"
    store.finish(r)
    assert list(store.active_dir.iterdir()) == []
    assert len(store.load()) == 501


def test_live_checkpoint_in_same_process_is_not_recovered(tmp_path):
    owner = HistoryStore(tmp_path)
    r = new_record("back-relief", "Back-pain relief", ENTRIES, local_now())
    owner.checkpoint(r)
    other = HistoryStore(tmp_path)
    assert other.load() == [] and other.notices == []
    with pytest.raises(StoreError, match="another footui"):
        other.checkpoint(r)
    assert (owner.active_dir / f"{r['id']}.json").exists()


CHECKPOINT_THEN_WAIT = """
    import signal, sys
    from pathlib import Path
    from footui.history.store import HistoryStore, new_record, local_now
    store = HistoryStore(Path(sys.argv[1]))
    entries = [("toe-press", None, 10, 3, 3), ("toe-walking", None, 2, 30, 10)]
    r = new_record("back-relief", "Back-pain relief", entries, local_now(), pain_before=5)
    for n in range(1, 5):
        r["exercises"][0]["sets_done"] = n
        store.checkpoint(r)
    print(r["id"], flush=True)
    signal.pause()  # until the test kills it
"""


def test_killed_session_becomes_interrupted_with_every_saved_set(tmp_path):
    child = run_child(CHECKPOINT_THEN_WAIT, tmp_path)
    try:
        sid = child.stdout.readline().strip()
        assert sid
        store = HistoryStore(tmp_path)
        assert store.load() == []  # owner alive: left alone
        assert (tmp_path / "active" / f"{sid}.json").exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    store = HistoryStore(tmp_path)
    sessions = store.load()
    assert len(sessions) == 1
    s = sessions[0]
    assert s["id"] == sid and s["status"] == "interrupted" and s["pain_before"] == 5
    assert [e["sets_done"] for e in s["exercises"]] == [4, 0]
    assert datetime.fromisoformat(s["ended_at"]).tzinfo is not None
    assert len(store.notices) == 1 and "1 interrupted session" in store.notices[0]
    assert list((tmp_path / "active").iterdir()) == []
    # a second load finds nothing more to recover
    assert len(store.load()) == 1 and store.notices == []


def test_checkpoint_already_in_history_is_just_dropped(tmp_path):
    """Crash after finish wrote history.json but before the checkpoint was removed."""
    store = HistoryStore(tmp_path)
    r = finished()
    store.finish(r)
    (tmp_path / "active").mkdir()
    (tmp_path / "active" / f"{r['id']}.json").write_text(json.dumps(dict(r, status="in_progress")))
    orphan = "0123abcd-0000-4000-8000-000000000000"
    (tmp_path / "active" / f"{orphan}.lock").write_text("")
    (tmp_path / "active" / f".{orphan}.json.123.abcd1234.tmp").write_text("{")  # killed inside its 1st checkpoint
    sessions = HistoryStore(tmp_path).load()
    assert [s["status"] for s in sessions] == ["completed"]
    assert list((tmp_path / "active").iterdir()) == []


def test_unreadable_checkpoint_is_set_aside(tmp_path):
    (tmp_path / "active").mkdir()
    sid = "0123abcd-0000-4000-8000-000000000001"
    (tmp_path / "active" / f"{sid}.json").write_bytes(b"{torn")
    store = HistoryStore(tmp_path)
    assert store.load() == []
    assert any("set aside" in n for n in store.notices)
    assert [p.name.startswith(f"{sid}.json.corrupt-") for p in (tmp_path / "active").glob(f"{sid}.json*")] == [True]


SAVE_MANY = """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from footui.history.store import HistoryStore, new_record
    store = HistoryStore(Path(sys.argv[1]), lock_timeout=60)
    tag = sys.argv[2]
    t0 = datetime(2026, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
    for i in range(int(sys.argv[3])):
        r = new_record("r-" + tag, "R", [("toe-press", None, 10, 3, 3)], t0 + timedelta(minutes=i))
        r["exercises"][0]["sets_done"] = 10
        r["status"] = "completed"
        store.finish(r)
        print(i, flush=True)
"""


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    children = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(SAVE_MANY), str(tmp_path), tag, "200"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        for tag in ("a", "b")
    ]
    assert [c.wait(timeout=120) for c in children] == [0, 0]
    sessions = HistoryStore(tmp_path).load()
    assert len(sessions) == 400
    assert sum(s["routine_id"] == "r-a" for s in sessions) == 200
    assert len({s["id"] for s in sessions}) == 400


def test_load_10k_sessions_keeps_them_all_in_order(tmp_path):
    """How fast is benchmarks/bench_history.py's job (a timed assertion here would fail on a busy machine)."""
    t0 = datetime(2000, 1, 1, 8, 0, tzinfo=PLUS1)
    store = HistoryStore(tmp_path)
    store.merge([finished(t0 + timedelta(hours=i)) for i in range(10_000)])
    sessions = HistoryStore(tmp_path).load()
    assert len(sessions) == 10_000
    assert [s["started_at"] for s in sessions] == sorted(s["started_at"] for s in sessions)
