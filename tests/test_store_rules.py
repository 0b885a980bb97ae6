"""HistoryStore and its checkpoints, rule by rule, with the exact words a user reads: so that a changed branch,
bound or message in store.py / checkpoints.py makes a test fail."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest
from filelock import FileLock

from footui.history.files import AtomicWriter, encode_history
from footui.history.store import HistoryStore, StoreError, new_record

UTC = timezone.utc
ENTRIES = [("toe-press", None, 10, 3, 3)]
SID = "0a1b2c3d-0000-4000-8000-00000000000"  # + one hex digit


def done(day: int = 1, **fields: object) -> dict:
    r = new_record("r", "R", ENTRIES, datetime(2025, 6, day, 7, 0, tzinfo=UTC))
    r["exercises"][0]["sets_done"] = 10
    r.update({"status": "completed", "ended_at": f"2025-06-{day:02d}T07:05:00+00:00", **fields})
    return r


class Recording(AtomicWriter):
    def __init__(self) -> None:
        self.paths: list[str] = []

    def write(self, path: Path, data: bytes, mode: int = 0o600) -> None:
        self.paths.append(path.name)
        super().write(path, data, mode)


def test_a_missing_file_is_an_empty_history_and_unreadable_one_a_clear_error(tmp_path: Path) -> None:
    assert HistoryStore(tmp_path / "nothing").load() == []
    (tmp_path / "history.json").mkdir()
    with pytest.raises(StoreError) as info:
        HistoryStore(tmp_path).load()
    assert str(info.value).startswith("cannot read history: ") and str(tmp_path / "history.json") in str(info.value)


def test_a_newer_schema_is_read_only_and_says_so_in_words(tmp_path: Path) -> None:
    raw = json.dumps({"schema": 3, "sessions": [done(1), {"id": "x"}]}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path)
    assert [s["routine_id"] for s in store.load()] == ["r"]
    assert store.read_only and store.notices == [
        "history.json was written by a newer footui (schema 3); "
        "it is shown read-only and new sessions will not be saved"
    ]
    with pytest.raises(StoreError, match=r"^cannot save session: history is read-only \(.*history.json\); the session"):
        store.finish(done(2))
    (tmp_path / "history.json").write_bytes(b'{"schema": 3, "sessions": 5}')
    assert HistoryStore(tmp_path).load() == []
    assert (tmp_path / "history.json").read_bytes() == b'{"schema": 3, "sessions": 5}'


def test_while_another_footui_holds_the_lock_damage_is_shown_not_repaired(tmp_path: Path) -> None:
    raw = json.dumps({"schema": 1, "sessions": [done(1), {"id": "x"}]}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path, lock_timeout=0.01)
    with FileLock(tmp_path / "history.json.lock"):
        assert len(store.load()) == 1
    assert store.read_only
    assert store.notices[0].startswith("cannot open history: another footui has held ")
    assert store.notices[0].endswith(" for over 0.01 s; history is shown without repairs")
    assert store.notices[1] == "1 session(s) in history.json could not be read; it is left as it is"
    assert (tmp_path / "history.json").read_bytes() == raw
    (tmp_path / "history.json").write_bytes(b"{")
    with FileLock(tmp_path / "history.json.lock"):
        assert store.load() == []
    assert store.notices[1] == "history.json could not be read (it is not valid JSON (line 1)); it is left as it is"
    assert store.read_only and not list(tmp_path.glob("*.corrupt-*"))
    assert store.load() == [] and not store.read_only  # the lock is free again: repaired
    assert store.notices == ["history.json could not be read (it is not valid JSON (line 1)); " + _kept(tmp_path)]


def _kept(data: Path) -> str:
    [side] = data.glob("history.json.corrupt-*")
    return f"the original file was kept as {side.name}"


def test_two_repairs_in_one_second_get_two_side_files(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / "history.json").write_bytes(b"{" * (n + 1))
        HistoryStore(tmp_path).load()
    names = sorted(p.name for p in tmp_path.glob("history.json.corrupt-*"))
    assert len(names) == 3
    assert {p.read_bytes() for p in tmp_path.glob("history.json.corrupt-*")} == {b"{", b"{{", b"{{{"}


def test_a_repair_that_cannot_rewrite_keeps_the_copy_and_goes_read_only(tmp_path: Path) -> None:
    class RefuseHistory(AtomicWriter):
        def write(self, path: Path, data: bytes, mode: int = 0o600) -> None:
            if path.name == "history.json":
                raise OSError(errno.ENOSPC, "full")
            super().write(path, data, mode)

    raw = json.dumps({"schema": 1, "sessions": [done(1), 5]}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path, writer=RefuseHistory())
    assert len(store.load()) == 1 and store.read_only
    [side] = tmp_path.glob("history.json.corrupt-*")
    assert store.notices == [
        "1 session(s) in history.json could not be read and were left out; cannot repair history: disk full "
        f"({tmp_path / 'history.json'}), so history is read-only (a copy is in {side.name})"
    ]
    assert (tmp_path / "history.json").read_bytes() == raw == side.read_bytes()


def test_stale_temp_files_of_a_crashed_write_are_removed_under_the_lock(tmp_path: Path) -> None:
    tmp_path = tmp_path / "d"
    tmp_path.mkdir(mode=0o700)
    (tmp_path / ".history.json.123.abcd0123.tmp").write_text("half")
    (tmp_path / ".other.json.123.abcd0123.tmp").write_text("not ours")
    HistoryStore(tmp_path).finish(done(1))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.json.123.abcd0123.tmp", "history.json", "history.json.lock",
    ]  # fmt: skip


def test_update_delete_and_merge_write_only_when_something_changes(tmp_path: Path) -> None:
    writer = Recording()
    store = HistoryStore(tmp_path, writer=writer)
    a, b = done(1), done(2)
    assert store.merge([a, b]) == 2 and writer.paths == ["history.json"]
    assert store.merge([a, done(3)]) == 1
    assert store.merge([a]) == 0 and writer.paths == ["history.json"] * 2
    store.delete("no-such-id")
    assert writer.paths == ["history.json"] * 2
    with pytest.raises(StoreError) as info:
        store.update("no-such-id", note="x")
    assert str(info.value) == f"cannot update session: no session 'no-such-id' in {tmp_path / 'history.json'}"
    store.update(b["id"], note="x", pain_after=None)
    assert [s["note"] for s in store.load()] == ["", "x", ""]
    store.finish(dict(a, note="again"))  # same id: replaced, not added
    assert [s["note"] for s in store.load()] == ["again", "x", ""]


def test_merge_and_finish_say_which_session_is_wrong(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    with pytest.raises(StoreError) as info:
        store.merge([done(1), done(2, pain_after=12)])
    assert str(info.value).startswith("cannot import: session 2 is not valid: session '")
    with pytest.raises(StoreError) as info:
        store.finish(done(1, status="in_progress"))
    assert str(info.value) == "cannot save session: status must be one of completed, interrupted, stopped"
    assert not (tmp_path / "history.json").exists()


def test_checkpoint_rules(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    r = new_record("r", "R", ENTRIES, datetime(2025, 6, 1, tzinfo=UTC))
    with pytest.raises(StoreError) as info:
        store.checkpoint(dict(r, id="Not-A-UUID"))
    assert str(info.value) == "cannot save progress: session id 'Not-A-UUID' is not usable as a file name"
    store.checkpoint(r)
    other = HistoryStore(tmp_path)
    with pytest.raises(StoreError) as info:
        other.checkpoint(r)
    assert str(info.value) == f"cannot save progress: session {r['id']} is being recorded by another footui"
    lock = tmp_path / "active" / f"{r['id']}.lock"
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "active").stat().st_mode) == 0o700


def test_a_checkpoint_that_cannot_be_written_says_the_session_continues(tmp_path: Path) -> None:
    class Full(AtomicWriter):
        def write_all(self, fd: int, data: bytes) -> None:
            raise OSError(errno.ENOSPC, "full")

    store = HistoryStore(tmp_path, writer=Full())
    r = new_record("r", "R", ENTRIES, datetime(2025, 6, 1, tzinfo=UTC))
    with pytest.raises(StoreError) as info:
        store.checkpoint(r)
    target = tmp_path / "active" / f"{r['id']}.json"
    assert str(info.value) == f"cannot save progress: disk full ({target}); the session continues in memory"


def _checkpoint(active: Path, sid: str, record: object) -> None:
    active.mkdir(mode=0o700, exist_ok=True)
    (active / f"{sid}.json").write_text(json.dumps(record))


@pytest.mark.parametrize(
    ("record", "why"),
    [
        ([1, 2], "not a JSON object"),
        ("other-id", "its id is not its file name"),
        ("bad-field", "session "),
    ],
)
def test_a_checkpoint_footui_cannot_use_is_set_aside_with_a_reason(tmp_path: Path, record: object, why: str) -> None:
    sid = SID + "1"
    if record == "other-id":
        record = dict(done(1, status="in_progress", ended_at=None), id=SID + "2")
    elif record == "bad-field":
        record = dict(done(1, status="in_progress", ended_at=None), id=sid, pain_after=99)
    _checkpoint(tmp_path / "active", sid, record)
    store = HistoryStore(tmp_path)
    assert store.load() == []
    assert store.notices[0].startswith(f"an unfinished session could not be read and was set aside ({why}")
    [aside] = (tmp_path / "active").glob(f"{sid}.json.corrupt-*")
    assert json.loads(aside.read_text()) == record
    assert sorted(p.name for p in (tmp_path / "active").iterdir()) == [aside.name]  # its lock is gone too


def test_recovery_dates_an_unended_session_by_its_last_save(tmp_path: Path) -> None:
    sid = SID + "3"
    r = dict(done(1, status="in_progress", ended_at=None), id=sid)
    _checkpoint(tmp_path / "active", sid, r)
    moment = datetime(2025, 6, 1, 7, 3, 30, tzinfo=UTC).timestamp()
    os.utime(tmp_path / "active" / f"{sid}.json", (moment, moment))
    [s] = HistoryStore(tmp_path).load()
    assert datetime.fromisoformat(s["ended_at"]).timestamp() == moment and s["status"] == "interrupted"
    r2 = dict(done(2, status="in_progress", ended_at="2025-06-02T07:04:00+00:00"), id=SID + "4")
    _checkpoint(tmp_path / "active", r2["id"], r2)
    sessions = HistoryStore(tmp_path).load()
    assert sessions[1]["ended_at"] == "2025-06-02T07:04:00+00:00"


def test_recovery_into_a_read_only_history_keeps_the_checkpoints(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_bytes(b'{"schema": 3, "sessions": []}')
    sid = SID + "5"
    _checkpoint(tmp_path / "active", sid, dict(done(1, status="in_progress", ended_at=None), id=sid))
    store = HistoryStore(tmp_path)
    assert [s["id"] for s in store.load()] == [sid]
    assert store.notices[-1] == f"history is read-only; they stay in {tmp_path / 'active'} for next time"
    assert sorted(p.name for p in (tmp_path / "active").iterdir()) == [f"{sid}.json", f"{sid}.lock"]
    lock = FileLock(tmp_path / "active" / f"{sid}.lock", timeout=0)
    lock.acquire()  # released by the store: a later footui can recover it
    lock.release()


def test_only_footuis_own_names_are_recovered(tmp_path: Path) -> None:
    active = tmp_path / "active"
    names = [
        SID.upper() + "A.json",  # upper case: not what footui writes
        SID + "12.json",  # one digit too many
        f".{SID}6.json.x.abc.tmp",  # not a pid
        f".{SID}6.json.12.xyz.tmp",  # not hex
        f"{SID}6.json.bak",
    ]
    active.mkdir(mode=0o700)
    for name in names:
        (active / name).write_text(json.dumps(done(1, status="in_progress")))
    assert HistoryStore(tmp_path).load() == []
    assert sorted(p.name for p in active.iterdir()) == sorted(names)
    (active / f".{SID}7.json.12.abc.tmp").write_text("{")
    (active / f"{SID}8.lock").write_text("")
    store = HistoryStore(tmp_path)
    assert store.load() == [] and store.notices == []
    assert sorted(p.name for p in active.iterdir()) == sorted(names)


def test_a_data_dir_of_another_user_is_refused(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give the directory away")
    data = tmp_path / "theirs"
    data.mkdir(mode=0o700)
    os.chown(data, 65534, 65534)
    with pytest.raises(StoreError) as info:
        HistoryStore(data).load()
    assert str(info.value) == f"footui will not use {data}: it belongs to another user"


def test_the_refusal_says_the_mode_and_what_to_do(tmp_path: Path) -> None:
    data = tmp_path / "open"
    data.mkdir()
    (data / "notes.txt").write_text("")
    os.chmod(data, 0o770)
    with pytest.raises(StoreError) as info:
        HistoryStore(data).load()
    assert str(info.value) == (
        f"footui will not use {data}: other users can write to it (mode 0770); "
        "make it private (chmod 700) or choose another --data-dir"
    )
    os.chmod(data, 0o702)
    with pytest.raises(StoreError, match="mode 0702"):
        HistoryStore(data).load()


def test_a_new_data_dir_is_made_0700_with_its_parents(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b"
    HistoryStore(data).finish(done(1))
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    (tmp_path / "file").write_text("")
    with pytest.raises(StoreError) as info:
        HistoryStore(tmp_path / "file" / "data").finish(done(1))
    assert str(info.value) == (
        f"cannot save session: cannot lock history: not a directory ({tmp_path / 'file' / 'data'}); "
        "the session is kept in memory"
    )


def test_a_history_written_by_footui_loads_again_byte_for_byte(tmp_path: Path) -> None:
    sessions = [done(d) for d in (3, 1, 2)]
    HistoryStore(tmp_path).merge(sessions)
    expected = encode_history(sessions)  # in the order saved (load sorts)
    store = HistoryStore(tmp_path)
    store.delete("none")
    store.finish(done(4))
    store.delete(store.load()[-1]["id"])
    assert (tmp_path / "history.json").read_bytes() == expected


def test_a_loose_session_lock_is_tightened_when_taken(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    r = new_record("r", "R", ENTRIES, datetime(2025, 6, 1, tzinfo=UTC))
    (tmp_path / "active").mkdir(mode=0o700)
    lock = tmp_path / "active" / f"{r['id']}.lock"
    lock.write_text("")
    os.chmod(lock, 0o666)
    store.checkpoint(r)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600


def test_recovery_skips_the_stores_own_live_checkpoint_and_takes_the_dead_one(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    mine = new_record("r", "R", ENTRIES, datetime(2025, 6, 1, tzinfo=UTC))
    mine["exercises"][0]["sets_done"] = 2
    store.checkpoint(mine)
    for n in "09":  # one sorting before mine's id, one after
        sid = f"{n}" * 8 + SID[8:] + "9"
        _checkpoint(tmp_path / "active", sid, dict(done(2, status="in_progress", ended_at=None), id=sid))
    sessions = store.load()
    assert sorted(s["id"][0] for s in sessions) == ["0", "9"]
    assert (tmp_path / "active" / f"{mine['id']}.json").exists()
    assert store.notices == ["2 interrupted session(s) recovered with every set saved before footui stopped"]


def test_a_notice_is_given_once_per_load_and_read_only_ends_with_its_cause(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_bytes(b'{"schema": 3, "sessions": []}')
    sid = SID + "a"
    _checkpoint(tmp_path / "active", sid, dict(done(1, status="in_progress", ended_at=None), id=sid))
    store = HistoryStore(tmp_path)
    store.load()
    assert store.notices == [
        "history.json was written by a newer footui (schema 3); "
        "it is shown read-only and new sessions will not be saved",
        f"history is read-only; they stay in {tmp_path / 'active'} for next time",
    ]
    (tmp_path / "history.json").write_bytes(encode_history([done(1)]))
    assert len(store.load()) == 2 and not store.read_only


def test_finish_leaves_the_callers_record_alone_and_merge_adds_an_id_once(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    r = done(1, ended_at=None)
    store.finish(r)
    assert r["ended_at"] is None and store.load()[0]["ended_at"]
    a = done(2)
    assert store.merge([a, dict(a)]) == 1 and len(store.load()) == 2


def test_a_checkpoint_taken_in_a_worker_thread_is_released_by_finish_in_another(tmp_path: Path) -> None:
    import threading

    store = HistoryStore(tmp_path)
    store.finish(done(1))  # the history lock's file descriptor is open from here on
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    r = new_record("r", "R", ENTRIES, datetime(2025, 6, 1, tzinfo=UTC))
    r["exercises"][0]["sets_done"] = 1
    worker = threading.Thread(target=store.checkpoint, args=(r,))
    worker.start()
    worker.join()
    store.finish(dict(r, status="stopped"))
    if fds:  # the session lock was really released (a thread-local lock would stay held by the worker)
        assert len(os.listdir("/proc/self/fd")) == fds
    other = HistoryStore(tmp_path)
    lock = other._try_session_lock(r["id"])  # free again: a live footui would hold it
    assert lock is not None
    lock.release()
    assert list((tmp_path / "active").iterdir()) == [] or [p.name for p in (tmp_path / "active").iterdir()] == [
        f"{r['id']}.lock"
    ]


def test_a_symlinked_active_dir_is_named_when_history_is_repaired(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = tmp_path / "d"
    data.mkdir(mode=0o700)
    (data / "active").symlink_to(elsewhere)
    (data / "history.json").write_bytes(b"{")
    store = HistoryStore(data)
    assert store.load() == []
    assert store.notices[1] == f"{data / 'active'} is a symbolic link; footui does not follow it"


def test_every_name_footui_leaves_in_its_data_dir_counts_as_its_own(tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    for name in ("history.json.corrupt-20250101T000000", "history.json.corrupt-20250101T000000-2",
                 ".history.json.77.abcdef01.tmp", "history.json.lock"):  # fmt: skip
        (data / name).write_text("")
    (data / "active").mkdir()
    os.chmod(data, 0o755)
    HistoryStore(data).load()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    (data / "history.json.bak").write_text("")  # not a name footui makes
    os.chmod(data, 0o755)
    store = HistoryStore(data)
    store.load()
    assert stat.S_IMODE(data.stat().st_mode) == 0o755 and store.notices == [
        f"{data} can be read by other users (mode 0755)"
    ]


def test_recovery_goes_on_past_a_live_checkpoint_and_past_a_broken_one(tmp_path: Path) -> None:
    live = HistoryStore(tmp_path)
    mine = new_record("r", "R", ENTRIES, datetime(2025, 6, 1, tzinfo=UTC))
    mine["id"] = "00000000" + SID[8:] + "0"  # sorts first
    live.checkpoint(mine)
    broken = "11111111" + SID[8:] + "1"
    _checkpoint(tmp_path / "active", broken, [1])
    dead = "22222222" + SID[8:] + "2"
    _checkpoint(tmp_path / "active", dead, dict(done(2, status="in_progress", ended_at=None), id=dead))
    other = HistoryStore(tmp_path)  # another footui: `live` holds its session lock
    assert [s["id"] for s in other.load()] == [dead]
    assert (tmp_path / "active" / f"{mine['id']}.json").exists()


def test_recovery_sets_aside_a_checkpoint_from_more_than_a_day_ahead(tmp_path: Path) -> None:
    from datetime import timedelta

    ahead = datetime.now(UTC) + timedelta(days=3)
    sid = SID + "b"
    r = dict(done(1, status="in_progress", ended_at=None), id=sid, started_at=ahead.isoformat(timespec="seconds"))
    _checkpoint(tmp_path / "active", sid, r)
    store = HistoryStore(tmp_path)
    assert store.load() == []
    assert "started_at is more than a day in the future" in store.notices[0]


def test_a_data_dir_several_levels_down_is_made_with_every_parent(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b" / "c"
    HistoryStore(data).finish(done(1))
    assert len(HistoryStore(data).load()) == 1


def test_side_files_of_one_second_are_numbered_from_one(tmp_path: Path, monkeypatch) -> None:
    from footui.history import store as store_module

    monkeypatch.setattr(store_module, "local_now", lambda: datetime(2025, 6, 1, 7, 0, tzinfo=UTC))
    for n in range(3):
        (tmp_path / "history.json").write_bytes(b"[" * (n + 1))
        HistoryStore(tmp_path).load()
    assert sorted(p.name for p in tmp_path.glob("history.json.corrupt-*")) == [
        "history.json.corrupt-20250601T070000",
        "history.json.corrupt-20250601T070000-1",
        "history.json.corrupt-20250601T070000-2",
    ]


def test_a_stale_temp_name_that_cannot_be_removed_does_not_stop_a_save(tmp_path: Path) -> None:
    (tmp_path / ".history.json.9.deadbeef.tmp").mkdir()  # unlink() fails on it
    HistoryStore(tmp_path).finish(done(1))
    assert len(HistoryStore(tmp_path).load()) == 1


def test_a_read_only_history_names_the_action_that_failed(tmp_path: Path) -> None:
    (tmp_path / "history.json").write_bytes(json.dumps({"schema": 3, "sessions": [done(1)]}).encode())
    store = HistoryStore(tmp_path)
    sid = store.load()[0]["id"]
    where = tmp_path / "history.json"
    for action, words in (
        (lambda: store.merge([done(2)]), "cannot import"),
        (lambda: store.update(sid, note="x"), "cannot update session"),
        (lambda: store.delete(sid), "cannot delete session"),
    ):
        with pytest.raises(StoreError) as info:
            action()
        assert str(info.value) == f"{words}: history is read-only ({where})"


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(("extra_depth", "kept"), [(12, 2), (15, 1)])
def test_salvage_keeps_only_sessions_that_fit_in_a_readable_file(tmp_path: Path, extra_depth: int, kept: int) -> None:
    good = done(1)
    deep = done(2, extra=_nested(extra_depth))  # the session object nests extra_depth + 1
    text = encode_history([good, deep]).decode()
    (tmp_path / "history.json").write_text(text[: text.rindex("]}")])  # truncated: the closing brackets lost
    assert len(HistoryStore(tmp_path).load()) == kept
    again = HistoryStore(tmp_path)  # the repaired file reads back clean, with no new side file
    assert len(again.load()) == kept and again.notices == []
    assert len(list(tmp_path.glob("history.json.corrupt-*"))) == 1


def test_recovered_sessions_that_cannot_be_saved_say_so_and_stay(tmp_path: Path) -> None:
    class RefuseHistory(AtomicWriter):
        def write(self, path: Path, data: bytes, mode: int = 0o600) -> None:
            if path.name == "history.json":
                raise OSError(errno.ENOSPC, "full")
            super().write(path, data, mode)

    sid = SID + "c"
    _checkpoint(tmp_path / "active", sid, dict(done(1, status="in_progress", ended_at=None), id=sid))
    store = HistoryStore(tmp_path, writer=RefuseHistory())
    assert [s["id"] for s in store.load()] == [sid]
    assert store.notices == [
        f"cannot save recovered sessions: disk full ({tmp_path / 'history.json'}); "
        f"they stay in {tmp_path / 'active'} for next time"
    ]
    assert (tmp_path / "active" / f"{sid}.json").exists()


def test_a_readable_data_dir_of_footuis_is_tightened_without_a_word(tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    HistoryStore(data).finish(done(1))
    os.chmod(data, 0o755)
    store = HistoryStore(data)
    assert len(store.load()) == 1 and store.notices == []
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_duplicate_ids_while_the_lock_is_busy_are_only_reported(tmp_path: Path) -> None:
    a = done(1)
    (tmp_path / "history.json").write_bytes(encode_history([a, dict(a, note="other")]))
    store = HistoryStore(tmp_path, lock_timeout=0.01)
    with FileLock(tmp_path / "history.json.lock"):
        store.load()
    assert store.notices[1] == "1 session(s) had an id already used; it is left as it is"


def test_update_of_an_unknown_long_id_quotes_forty_characters(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    store.finish(done(1))
    with pytest.raises(StoreError) as info:
        store.update("x" * 60, note="n")
    assert str(info.value) == f"cannot update session: no session {'x' * 40!r} in {tmp_path / 'history.json'}"
