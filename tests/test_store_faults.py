"""HistoryStore under faults: damaged files, newer schema, full disk, read-only dir, lock timeout, crashes."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from filelock import FileLock

from footui.history.store import AtomicWriter, HistoryStore, StoreError, new_record

ROOT = Path(__file__).resolve().parent.parent
PLUS1 = timezone(timedelta(hours=1))


def finished(i: int = 0, **fields) -> dict:
    r = new_record(
        "back-relief",
        "Back-pain relief",
        [("toe-press", None, 10, 3, 3)],
        datetime(2026, 11, 1, 8, 0, tzinfo=PLUS1) + timedelta(days=i),
    )
    r["exercises"][0]["sets_done"] = 10
    r["status"] = "completed"
    r["ended_at"] = r["started_at"]
    r.update(fields)
    return r


def corrupt_files(data: Path) -> list[Path]:
    return sorted(data.glob("history.json.corrupt-*"))


DAMAGED = {
    "not-json": b'{"schema": 1, "sessions": [',
    "empty": b"",
    "nul-bytes": b'{"schema": 1, "sessions": []}\x00\x00\x00',
    "invalid-utf8": b'{"schema": 1, "sessions": [], "x": "\xff\xfe"}',
    "a-list": b"[1, 2, 3]",
    "no-schema": b'{"sessions": []}',
    "schema-text": b'{"schema": "1", "sessions": []}',
    "schema-zero": b'{"schema": 0, "sessions": []}',
    "sessions-not-list": b'{"schema": 1, "sessions": {"a": 1}}',
}


@pytest.mark.parametrize("raw", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_file_is_moved_aside_byte_for_byte(tmp_path, raw):
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path)
    assert store.load() == []
    aside = corrupt_files(tmp_path)
    assert len(aside) == 1 and aside[0].read_bytes() == raw
    assert len(store.notices) == 1 and "\n" not in store.notices[0] and aside[0].name in store.notices[0]
    assert not store.read_only
    store.finish(finished())  # carries on with a fresh history
    assert len(HistoryStore(tmp_path).load()) == 1
    assert aside[0].read_bytes() == raw


def test_damage_found_while_saving_is_also_set_aside(tmp_path):
    store = HistoryStore(tmp_path)
    store.finish(finished(0))
    (tmp_path / "history.json").write_bytes(b"garbage")
    store.finish(finished(1))
    assert [p.read_bytes() for p in corrupt_files(tmp_path)] == [b"garbage"]
    assert len(store.load()) == 1


def test_some_bad_sessions_keep_the_good_ones_and_a_copy(tmp_path):
    good = finished(0)
    raw = json.dumps({"schema": 1, "sessions": [good, {"id": "x"}, dict(finished(1), pain_after=99)]}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path)
    assert [s["id"] for s in store.load()] == [good["id"]]
    assert [p.read_bytes() for p in corrupt_files(tmp_path)] == [raw]
    assert "2 session(s)" in store.notices[0]


def test_newer_schema_is_read_only_and_untouched(tmp_path):
    s = finished()
    raw = json.dumps({"schema": 3, "sessions": [s], "future": True}).encode()
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path)
    assert [x["id"] for x in store.load()] == [s["id"]]
    assert store.read_only and "newer footui (schema 3)" in store.notices[0]
    for action in (
        lambda: store.finish(finished(1)),
        lambda: store.update(s["id"], note="x"),
        lambda: store.delete(s["id"]),
        lambda: store.merge([finished(2)]),
        lambda: store.checkpoint(dict(finished(3), status="in_progress")),
    ):
        with pytest.raises(StoreError, match="read-only"):
            action()
    assert (tmp_path / "history.json").read_bytes() == raw
    assert corrupt_files(tmp_path) == []
    # another store that did not load first still refuses once it re-reads inside the lock
    with pytest.raises(StoreError, match="read-only"):
        HistoryStore(tmp_path).finish(finished(4))
    assert (tmp_path / "history.json").read_bytes() == raw


class FailingWriter(AtomicWriter):
    def __init__(self, err: int, step: str = "write_all"):
        self.err, self.step = err, step

    def __getattribute__(self, name):
        if name == object.__getattribute__(self, "step"):

            def fail(*args, **kw):
                raise OSError(object.__getattribute__(self, "err"), os.strerror(object.__getattribute__(self, "err")))

            return fail
        return object.__getattribute__(self, name)


@pytest.mark.parametrize(
    ("err", "step", "words"),
    [
        (errno.ENOSPC, "write_all", "disk full"),
        (errno.ENOSPC, "fsync", "disk full"),
        (errno.EROFS, "open", "read-only file system"),
        (errno.EACCES, "replace", "permission denied"),
        (errno.EDQUOT, "write_all", "quota"),
    ],
)
def test_disk_full_or_read_only_keeps_the_old_file(tmp_path, err, step, words):
    saved = finished(0)
    HistoryStore(tmp_path).finish(saved)
    before = (tmp_path / "history.json").read_bytes()
    store = HistoryStore(tmp_path, writer=FailingWriter(err, step))
    r = new_record("back-relief", "Back-pain relief", [("toe-press", None, 10, 3, 3)], datetime.now().astimezone())
    with pytest.raises(StoreError) as info:
        store.checkpoint(r)
    assert words in str(info.value) and "\n" not in str(info.value) and "continues in memory" in str(info.value)
    r["status"] = "stopped"
    with pytest.raises(StoreError) as info:
        store.finish(r)
    msg = str(info.value)
    assert msg.startswith("cannot save session: ") and words in msg and "history.json" in msg
    assert msg.endswith("the session is kept in memory") and "\n" not in msg
    with pytest.raises(StoreError, match=words):
        store.update(saved["id"], note="x")
    assert (tmp_path / "history.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_failed_finish_keeps_checkpoint_for_recovery(tmp_path):
    good = HistoryStore(tmp_path)
    r = new_record("back-relief", "Back-pain relief", [("toe-press", None, 10, 3, 3)], datetime.now().astimezone())
    r["exercises"][0]["sets_done"] = 7
    good.checkpoint(r)
    good.writer = FailingWriter(errno.ENOSPC)
    r["status"] = "stopped"
    with pytest.raises(StoreError):
        good.finish(r)
    assert (tmp_path / "active" / f"{r['id']}.json").exists()
    good.writer = AtomicWriter()  # space freed: retry works
    good.finish(r)
    assert [s["exercises"][0]["sets_done"] for s in HistoryStore(tmp_path).load()] == [7]


READ_ONLY_CHILD = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from footui.history.store import HistoryStore, StoreError, new_record

def finished(day):
    r = new_record("r", "R", [("toe-press", None, 10, 3, 3)], datetime(2026, 11, day, 8, tzinfo=timezone.utc))
    r["exercises"][0]["sets_done"] = 10
    r.update(status="completed", ended_at=r["started_at"])
    return r

store = HistoryStore(Path(sys.argv[1]))
try:
    store.finish(finished(1 if sys.argv[2] == "first" else 2))
except StoreError as exc:
    print(exc)
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_real_read_only_dir(tmp_path):
    """A directory footui cannot write to, for real. Root ignores directory permissions, so as root (CI) the
    store runs as the unprivileged user `nobody` (setpriv) in a directory that user owns."""
    import shutil
    import tempfile

    as_root = os.geteuid() == 0
    if as_root and not shutil.which("setpriv"):  # pragma: no cover - util-linux is everywhere CI runs
        pytest.skip("running as root without setpriv to drop privileges")
    base = Path(tempfile.mkdtemp(prefix="footui-ro-")) if as_root else tmp_path
    data = base / "data"
    data.mkdir(mode=0o700)
    prefix: list[str] = []
    if as_root:
        os.chmod(base, 0o755)
        os.chown(data, 65534, 65534)
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    env = os.environ.copy()
    if as_root:  # `nobody` may not read the repository or root's site-packages: give it copies it can read
        import filelock
        import platformdirs

        import footui

        site = base / "site"
        for module in (filelock, platformdirs, footui):
            source = Path(module.__file__).parent
            shutil.copytree(source, site / source.name, ignore=shutil.ignore_patterns("__pycache__"))
        for path in [site, *site.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        env["PYTHONPATH"] = str(site)

    def child(step: str) -> str:  # self-contained: `nobody` may not be able to read the repository
        argv = [*prefix, sys.executable, "-c", READ_ONLY_CHILD, str(data), step]
        done = subprocess.run(argv, cwd=base, capture_output=True, text=True, timeout=60, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    try:
        child("first")
        before = (data / "history.json").read_bytes()
        data.chmod(0o500)
        assert "permission denied" in child("second")
        assert (data / "history.json").read_bytes() == before
    finally:
        data.chmod(0o700)
        if as_root:
            shutil.rmtree(base)


def test_lock_timeout_is_a_clear_error(tmp_path):
    store = HistoryStore(tmp_path, lock_timeout=0.05)
    store.finish(finished(0))
    before = store.path.read_bytes()
    holder = FileLock(tmp_path / "history.json.lock")
    with (
        holder,
        pytest.raises(StoreError, match=r"cannot save session: another footui has held .* for over 0.05 s"),
    ):
        store.finish(finished(1))
    assert store.path.read_bytes() == before


class Crash(Exception):
    pass


@pytest.mark.parametrize("step", ["open", "write_all", "fsync", "replace", "fsync_dir"])
def test_failure_between_steps_leaves_old_or_new(tmp_path, step):
    store = HistoryStore(tmp_path)
    store.finish(finished(0))
    old = store.path.read_bytes()

    class CrashAt(AtomicWriter):
        pass

    def crash(*args, **kw):
        raise Crash(step)

    setattr(CrashAt, step, crash)
    store.writer = CrashAt()
    with pytest.raises(Crash):
        store.finish(finished(1))
    now = store.path.read_bytes()
    assert now == old or len(json.loads(now)["sessions"]) == 2
    assert len(HistoryStore(tmp_path).load()) in (1, 2)


CRASH_AT_STEP = """
    import os, sys
    from datetime import datetime
    from pathlib import Path
    from footui.history.store import AtomicWriter, HistoryStore, new_record
    step = sys.argv[2]
    class Die(AtomicWriter):
        pass
    original = getattr(AtomicWriter, step)
    def die(self, *args):
        if step in ("replace", "fsync_dir"):
            original(self, *args)  # do the step, then die right after it
        os._exit(9)
    setattr(Die, step, die)
    store = HistoryStore(Path(sys.argv[1]), writer=Die())
    r = new_record("r", "R", [("toe-press", None, 10, 3, 3)], datetime.now().astimezone())
    r["status"] = "stopped"
    store.finish(r)
"""


@pytest.mark.parametrize("step", ["open", "write_all", "fsync", "replace", "fsync_dir"])
def test_process_dying_at_each_step_leaves_a_whole_file(tmp_path, step):
    HistoryStore(tmp_path).finish(finished(0))
    old = (tmp_path / "history.json").read_bytes()
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(CRASH_AT_STEP), str(tmp_path), step], cwd=ROOT)
    assert proc.returncode == 9
    raw = (tmp_path / "history.json").read_bytes()
    n = len(json.loads(raw)["sessions"])
    assert (raw == old) if step in ("open", "write_all", "fsync") else n == 2
    store = HistoryStore(tmp_path)
    assert len(store.load()) == n and store.notices == []
    store.finish(finished(5))  # the next writer cleans the dead one's temp file
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


WRITE_FOREVER = """
    import sys
    from datetime import datetime
    from pathlib import Path
    from footui.history.store import HistoryStore, new_record
    store = HistoryStore(Path(sys.argv[1]))
    entries = [(f"ex-{k}", None, 10, 3, 3) for k in range(6)]
    while True:
        r = new_record("r", "R" * 50, entries, datetime.now().astimezone())
        r["status"] = "completed"
        store.checkpoint(dict(r, status="in_progress"))
        store.finish(r)
        print("saved", flush=True)
"""


def test_sigkill_during_a_loop_of_writes_never_tears_the_file(tmp_path):
    saved_total = 0
    for round_ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WRITE_FOREVER), str(tmp_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(5 + 7 * round_):
            assert child.stdout.readline() == "saved\n"
            saved_total += 1
        child.send_signal(signal.SIGKILL)  # lands somewhere inside the next checkpoint/finish
        child.wait()
        child.stdout.close()
        json.loads((tmp_path / "history.json").read_bytes())  # parses: never torn
        store = HistoryStore(tmp_path)
        sessions = store.load()
        assert corrupt_files(tmp_path) == []
        assert len([s for s in sessions if s["status"] == "completed"]) >= saved_total
    assert len({s["id"] for s in sessions}) == len(sessions)


def test_damaged_file_that_cannot_be_set_aside_is_left_alone(tmp_path):
    raw = b"not json at all"
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path, writer=FailingWriter(errno.EROFS, "open"))
    assert store.load() == []
    assert store.read_only and "could not be set aside (read-only file system)" in store.notices[0]
    with pytest.raises(StoreError, match="read-only"):
        store.finish(finished())
    assert (tmp_path / "history.json").read_bytes() == raw


def test_load_while_the_lock_is_busy_shows_history_without_repairs(tmp_path):
    raw = b'{"schema": 1, "sessions": [\x00'
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path, lock_timeout=0.05)
    with FileLock(tmp_path / "history.json.lock"):
        assert store.load() == []
    assert store.read_only and len(store.notices) == 2
    assert "another footui" in store.notices[0] and "left as it is" in store.notices[1]
    assert (tmp_path / "history.json").read_bytes() == raw and corrupt_files(tmp_path) == []
    assert store.load() == [] and not store.read_only  # lock free again: set aside now
    assert [p.read_bytes() for p in corrupt_files(tmp_path)] == [raw]


def test_newer_schema_notice_on_every_load(tmp_path):
    (tmp_path / "history.json").write_text('{"schema": 3, "sessions": []}')
    store = HistoryStore(tmp_path)
    for _ in range(2):
        assert store.load() == [] and store.read_only and len(store.notices) == 1
