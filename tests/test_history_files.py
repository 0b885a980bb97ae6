"""footui.history.files and .validation, function by function, at every boundary: so that a changed constant,
comparison or message (what mutation testing tries) makes a test fail."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from footui.history import files
from footui.history.files import (
    AtomicWriter,
    check_fields,
    check_session,
    decode_document,
    describe,
    encode_history,
    new_record,
    parse_time,
    sort_sessions,
    tighten,
)
from footui.history.validation import salvage, valid_sessions

UTC = timezone.utc
T0 = datetime(2025, 2, 3, 9, 0, tzinfo=UTC)


def good(**fields: object) -> dict:
    r = new_record("r", "R", [("toe-press", None, 10, 3, 3), ("walk", "left", 2, 30, 10)], T0)
    r.update({"status": "completed", "ended_at": "2025-02-03T09:10:00+00:00", **fields})
    return r


def reason(session: object, **kw: object) -> str:
    with pytest.raises(ValueError) as info:
        check_session(session, **kw)  # type: ignore[arg-type]
    return str(info.value)


# ------------------------------------------------------------------------------------------- describe


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (errno.ENOSPC, "disk full"),
        (errno.EDQUOT, "disk quota exceeded"),
        (errno.EROFS, "read-only file system"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EIO, "input/output error"),
        (errno.ENOENT, "no such file or directory"),
    ],
)
def test_describe(code: int, text: str) -> None:
    assert describe(OSError(code, os.strerror(code))) == text


def test_describe_without_a_reason_names_the_error() -> None:
    assert describe(FileExistsError()) == "fileexistserror"


# --------------------------------------------------------------------------------------- AtomicWriter


def test_the_atomic_writer_creates_0600_through_a_hidden_temp_file(tmp_path: Path) -> None:
    tmp_path = tmp_path / "w"
    tmp_path.mkdir()
    seen: list[str] = []

    class Spy(AtomicWriter):
        def replace(self, src: Path, dst: Path) -> None:
            seen.append(src.name)
            assert stat.S_IMODE(os.stat(src).st_mode) == 0o600
            super().replace(src, dst)

    Spy().write(tmp_path / "h.json", b"x" * 100_000)
    assert (tmp_path / "h.json").read_bytes() == b"x" * 100_000
    assert (
        seen[0].startswith(f".h.json.{os.getpid()}.")
        and seen[0].endswith(".tmp")
        and len(seen[0]) == len(f".h.json.{os.getpid()}.12345678.tmp")
    )
    assert os.listdir(tmp_path) == ["h.json"]
    assert stat.S_IMODE((tmp_path / "h.json").stat().st_mode) == 0o600


@pytest.mark.parametrize("step", ["write_all", "fsync", "replace"])
def test_a_failing_step_removes_the_temp_file_and_keeps_the_old_file(tmp_path: Path, step: str) -> None:
    tmp_path = tmp_path / "w"
    tmp_path.mkdir()
    (tmp_path / "h.json").write_bytes(b"old")

    class Fail(AtomicWriter):
        pass

    def fail(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "full")

    setattr(Fail, step, fail)
    with pytest.raises(OSError):
        Fail().write(tmp_path / "h.json", b"new")
    assert os.listdir(tmp_path) == ["h.json"] and (tmp_path / "h.json").read_bytes() == b"old"


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP, errno.EBADF])
def test_a_directory_that_cannot_be_fsynced_is_fine(tmp_path: Path, monkeypatch, code: int) -> None:
    real = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the directory
            raise OSError(code, "no")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    AtomicWriter().write(tmp_path / "h.json", b"{}")
    assert len(calls) == 2 and (tmp_path / "h.json").read_bytes() == b"{}"


def test_a_directory_fsync_that_fails_otherwise_is_an_error(tmp_path: Path, monkeypatch) -> None:
    real = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.EIO, "broken disk")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="broken disk"):
        AtomicWriter().write(tmp_path / "h.json", b"{}")


def test_tighten_only_narrows_and_never_follows_a_link(tmp_path: Path) -> None:
    loose = tmp_path / "lock"
    loose.write_text("")
    os.chmod(loose, 0o666)
    tighten(loose, 0o600)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600
    os.chmod(loose, 0o400)
    tighten(loose, 0o600)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o400
    target = tmp_path / "target"
    target.write_text("")
    os.chmod(target, 0o644)
    (tmp_path / "link").symlink_to(target)
    tighten(tmp_path / "link", 0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    tighten(tmp_path / "missing", 0o600)  # nothing there: nothing to do


# ------------------------------------------------------------------------------------------- records


def test_new_record() -> None:
    with pytest.raises(ValueError, match="time-zone aware"):
        new_record("r", "R", [], datetime(2025, 1, 1))
    r = new_record("r", "R", [("a", "left", 3, 2.5, 1)], T0, pain_before=4)
    assert r == {
        "id": r["id"], "routine_id": "r", "routine_name": "R", "started_at": "2025-02-03T09:00:00+00:00",
        "ended_at": None, "status": "in_progress", "planned_sets": 3,
        "exercises": [{"exercise_id": "a", "side": "left", "sets_planned": 3, "sets_done": 0, "hold_s": 2.5,
                       "rest_s": 1}],
        "pain_before": 4, "pain_after": None, "note": "",
    }  # fmt: skip
    import re

    assert re.fullmatch(files.ID_PATTERN, r["id"])


def test_encode_history_is_one_session_per_line() -> None:
    assert encode_history([]) == b'{"schema": 2, "sessions": [],\n "rest_days": []}\n'
    a, b = good(), good(note="é")
    rest = {"date": "2025-02-04", "note": "flare-up"}
    data = encode_history([a, b], [rest]).decode("ascii")
    lines = data.split("\n")
    assert lines[0] == '{"schema": 2, "sessions": ['
    assert json.loads(lines[1].rstrip(",")) == a and lines[1].endswith(",")
    assert json.loads(lines[2]) == b
    assert lines[3:] == ["],", ' "rest_days": [', json.dumps(rest, separators=(",", ":")), "]}", ""]


# -------------------------------------------------------------------------------------------- decode


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[]", "it is not a JSON object"),
        (b'{"sessions": []}', "its schema number is missing or invalid"),
        (b'{"schema": 0, "sessions": []}', "its schema number is missing or invalid"),
        (b'{"schema": true, "sessions": []}', "its schema number is missing or invalid"),
        (b'{"schema": 1.0, "sessions": []}', "its schema number is missing or invalid"),
        (b'{"schema": 1000001, "sessions": []}', "its schema number is missing or invalid"),
        (b'{"schema": 1, "sessions": {}}', 'it has no "sessions" list'),
        (b'{"schema": 1}', 'it has no "sessions" list'),
        (b"\x00", "it contains NUL bytes"),
        (b"\xff", "it is not valid UTF-8"),
        (b'{"schema": 1,\n "sessions": [}', "it is not valid JSON (line 2)"),
    ],
)
def test_decode_document_says_why(raw: bytes, message: str) -> None:
    with pytest.raises(ValueError) as info:
        decode_document(raw)
    assert str(info.value) == message


def test_decode_document_accepts_bounds_and_leaves_a_newer_schema_alone() -> None:
    assert decode_document(b'{"schema": 1000000}') == {"schema": 1000000}
    assert decode_document(b'\xef\xbb\xbf{"schema": 1, "sessions": []}')["sessions"] == []


def test_migrations_run_in_order(monkeypatch) -> None:
    monkeypatch.setattr(files, "SCHEMA", 3)
    monkeypatch.setattr(
        files, "MIGRATIONS", {1: lambda d: {**d, "schema": 2, "one": 1}, 2: lambda d: {**d, "schema": 3}}
    )
    decoded = decode_document(b'{"schema": 1, "sessions": [], "rest_days": []}')
    assert decoded == {"schema": 3, "sessions": [], "rest_days": [], "one": 1}
    monkeypatch.setattr(files, "MIGRATIONS", {})
    with pytest.raises(ValueError, match="no migration from schema 1"):
        decode_document(b'{"schema": 1, "sessions": []}')


# ---------------------------------------------------------------------------------------- parse_time


@pytest.mark.parametrize(
    "text",
    [
        "1970-01-01T00:00:00+00:00",
        "9999-12-31T23:59:59+00:00",
        "2025-02-03 09:00:00+14:00",
        "2025-02-03T09:00-14:00",
        "2025-02-03T09:00:00.123456+05:30",
    ],
)
def test_parse_time_accepts(text: str) -> None:
    assert parse_time(text, "t").utcoffset() is not None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "t is not an ISO 8601 time"),
        (20250203, "t is not an ISO 8601 time"),
        ("2025-02-03T09", "t is not an ISO 8601 time"),
        ("2025-02-03T09:00:00.123456+05:30:00.12345", "t is not an ISO 8601 time"),
        ("2025-02-03T09:00:00+00:00\u00e9", "t is not an ISO 8601 time"),
        ("2025-02-03x09:00:00+00:00", "t is not an ISO 8601 time: '2025-02-03x09:00:00+00:00'"),
        ("+025-02-03T09:00:00+00:00", "t is not an ISO 8601 time: '+025-02-03T09:00:00+00:00'"),
        ("2025-02-30T09:00:00+00:00", "t is not an ISO 8601 time: '2025-02-30T09:00:00+00:00'"),
        ("2025-02-03T09:00:00", "t has no time-zone offset"),
        ("1969-12-31T23:59:59+00:00", "t is out of range"),
        ("2025-02-03T09:00:00+14:01", "t is out of range"),
        ("2025-02-03T09:00:00-14:01", "t is out of range"),
    ],
)
def test_parse_time_refuses(value: object, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_time(value, "t")
    assert str(info.value).startswith(message)


def test_a_time_of_exactly_sixteen_and_forty_characters() -> None:
    with pytest.raises(ValueError, match="no time-zone offset"):
        parse_time("2025-02-03T09:00", "t")  # 16: parsed, then refused for its missing offset
    forty = "2025-02-03T09:00:00.123456+05:30:00.1234"
    assert len(forty) == 40 and parse_time(forty, "t").year == 2025
    with pytest.raises(ValueError) as info:
        parse_time(forty + "5", "t")
    assert str(info.value) == "t is not an ISO 8601 time"


# ------------------------------------------------------------------------------------- check_session


def test_a_good_session_returns_its_start() -> None:
    assert check_session(good()) == T0
    assert check_session(good(pain_before=0, pain_after=10, ended_at=None)) == T0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": ""}, "a session has no id"),
        ({"id": 5}, "a session has no id"),
        ({"id": "i" * 101}, "a session has no id"),
        ({"status": "in_progress"}, "unknown status 'in_progress'"),
        ({"status": "x" * 50}, "unknown status '" + "x" * 20 + "'"),
        ({"routine_id": "r" * 101}, "routine_id is not a string of at most 100 characters"),
        ({"routine_name": "n" * 201}, "routine_name is not a string of at most 200 characters"),
        ({"note": "n" * 10_001}, "note is not a string of at most 10000 characters"),
        ({"note": None}, "note is not a string of at most 10000 characters"),
        ({"pain_before": 11}, "pain_before must be a whole number 0..10"),
        ({"pain_after": -1}, "pain_after must be a whole number 0..10"),
        ({"pain_after": True}, "pain_after must be a whole number 0..10"),
        ({"planned_sets": 13}, "planned_sets is not the sum of the exercises' sets_planned"),
        ({"planned_sets": 20_001}, "planned_sets must be a whole number 0..20000"),
        ({"exercises": {}}, "exercises is not a list of at most 200 entries"),
        ({"started_at": "2025-02-03T09:00:00"}, "started_at has no time-zone offset"),
        ({"ended_at": "soon"}, "ended_at is not an ISO 8601 time"),
    ],
)
def test_check_session_says_what_is_wrong(fields: dict, message: str) -> None:
    session = good(**fields)
    text = reason(session)
    if "id" in fields:
        assert text == message + " (or one longer than 100 characters)"
    else:
        assert text == f"session {session['id']!r}: {message}" or text.startswith(
            f"session {session['id']!r}: {message}"
        )


def test_check_session_prefixes_the_session_id_cut_to_40() -> None:
    sid = "s" * 60
    assert reason(good(id=sid, status="x")) == f"session {'s' * 40!r}: unknown status 'x'"


def test_missing_keys() -> None:
    s = good()
    del s["ended_at"]
    assert reason(s).endswith("ended_at is missing")
    s = good()
    del s["pain_after"]
    assert reason(s).endswith("pain_after must be a whole number 0..10")
    assert reason([]) == "a session is not a JSON object"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("toe", "an exercise entry has no exercise_id"),
        ({"exercise_id": "e" * 101}, "exercise_id is not a string of at most 100 characters"),
        ({"side": "up"}, "bad side for 'toe-press'"),
        ({"sets_planned": 101}, "sets_planned must be a whole number 0..100"),
        ({"sets_planned": -1}, "sets_planned must be a whole number 0..100"),
        ({"sets_done": 11}, "sets_done must be a whole number 0..10"),
        ({"sets_done": -1}, "sets_done must be a whole number 0..10"),
        ({"sets_done": 1.0}, "sets_done must be a whole number 0..10"),
        ({"hold_s": 3600.5}, "hold_s must be a number of seconds, 0 to 3600"),
        ({"hold_s": -0.5}, "hold_s must be a number of seconds, 0 to 3600"),
        ({"hold_s": True}, "hold_s must be a number of seconds, 0 to 3600"),
        ({"rest_s": "3"}, "rest_s must be a number of seconds, 0 to 3600"),
        ({"rest_s": 3601}, "rest_s must be a number of seconds, 0 to 3600"),
        ({"rest_s": None}, "rest_s must be a number of seconds, 0 to 3600"),
    ],
)
def test_an_exercise_entry_says_what_is_wrong(entry: object, message: str) -> None:
    s = good()
    s["exercises"][0] = entry if isinstance(entry, str) else {**s["exercises"][0], **entry}
    assert reason(s).endswith(": " + message)


def test_every_bound_itself_is_allowed() -> None:
    s = good(id="i" * 100, routine_id="r" * 100, routine_name="n" * 200, note="n" * 10_000)
    s["exercises"] = [
        {"exercise_id": "e" * 100, "side": side, "sets_planned": 100, "sets_done": 100, "hold_s": 3600, "rest_s": 0}
        for side in (None, "left", "right", None)
    ] * 50
    s["planned_sets"] = 20_000
    assert len(s["exercises"]) == 200
    assert check_session(s) == T0
    s["exercises"].append(s["exercises"][0])
    s["planned_sets"] += 100
    assert reason(s).endswith("exercises is not a list of at most 200 entries")


def test_in_progress_only_where_allowed_and_latest_is_inclusive() -> None:
    assert check_session(good(status="in_progress"), in_progress_ok=True) == T0
    assert check_session(good(), latest=T0) == T0
    assert reason(good(), latest=T0 - timedelta(seconds=1)).endswith("started_at is more than a day in the future")


def test_check_fields() -> None:
    check_fields({"note": "x", "pain_before": None, "pain_after": 10})
    with pytest.raises(TypeError) as info:
        check_fields({"status": "completed", "id": "x"})
    assert str(info.value) == "cannot update id, status; editable: note, pain_after, pain_before"
    with pytest.raises(ValueError, match="note must be a string"):
        check_fields({"note": 3})
    with pytest.raises(ValueError, match=r"pain_after must be a whole number 0\.\.10"):
        check_fields({"pain_after": 11})


# -------------------------------------------------------------------------------------- valid_sessions


def test_valid_sessions_counts_bad_and_repaired_and_renumbers_a_different_duplicate() -> None:
    a, b = good(), good(note="other")
    b["id"] = a["id"]
    pairs, bad, repaired = valid_sessions([a, {"id": "x"}, dict(a), b, 7])
    assert (bad, repaired) == (2, 2)
    assert [s["note"] for _, s in pairs] == ["", "other"]
    import re

    assert pairs[1][1]["id"] != a["id"] and re.fullmatch(files.ID_PATTERN, pairs[1][1]["id"])
    assert valid_sessions([good(), good()]).repaired == 0


def test_valid_sessions_allows_a_day_ahead_of_now() -> None:
    now = T0 - timedelta(days=1)
    assert len(valid_sessions([good()], now=now).pairs) == 1
    assert valid_sessions([good()], now=now - timedelta(seconds=1)).bad == 1


def test_sort_sessions_orders_by_the_instant() -> None:
    a = good(started_at="2025-02-03T10:00:00+02:00")  # 08:00 UTC
    b = good(started_at="2025-02-03T09:00:00+00:00")
    c = good(started_at="2025-02-03T08:30:00+00:00")
    pairs = valid_sessions([b, a, c]).pairs
    assert [s["started_at"] for s in sort_sessions(pairs)] == [a["started_at"], c["started_at"], b["started_at"]]


def test_salvage_reads_whole_lines_only() -> None:
    a, b = good(), good(note="b")
    text = encode_history([a, b]).decode()
    lines = text.split("\n")
    assert salvage(text.encode()) == [a, b]
    assert salvage("\n".join([lines[0], lines[1], lines[2][:30]]).encode()) == [a]
    deep = '{"x": ' + "[" * 20 + "]" * 20 + "}"
    assert salvage("\n".join([lines[0], deep, "[1]", "{bad}", '{"a": 1}']).encode()) == [{"a": 1}]
    assert salvage(lines[1].encode()) == []  # the first line is the header, never a session


# ---------------------------------------------------------------------------------------- nesting


def test_json_depth_ignores_brackets_in_strings_and_escaped_quotes() -> None:
    from footui.text.nesting import json_too_deep

    def nested(depth: int, inner: str = "1") -> bytes:
        return ("[" * depth + inner + "]" * depth).encode()

    assert not json_too_deep(nested(14), 16) and json_too_deep(nested(17), 16)
    assert not json_too_deep(nested(3, json.dumps('[[[[[[[[[[[[[[[[[[[[\\"[[[[[[\\\\')), 16)
    assert not json_too_deep(nested(3, json.dumps("x\\\\" * 5 + '"[' * 30)), 16)
    assert json_too_deep(nested(3, json.dumps("[[[[") + ", " + nested(15).decode()), 16)
    assert json_too_deep(b"[" * 100_000, 16) and not json_too_deep(b"", 16)
    assert json_too_deep(b'{"a": "' + b"[" * 40 + b'", "b": ' + nested(17) + b"}", 16)


def test_what_the_quick_check_lets_through_the_explanation_agrees_with() -> None:
    """Edge cases on both sides of each bound, where the quick check and the explaining one could disagree."""
    s = good()
    del s["exercises"][0]["hold_s"]
    assert reason(s).endswith(": hold_s must be a number of seconds, 0 to 3600")
    s = good()
    del s["exercises"][0]["side"]
    assert reason(s).endswith(": bad side for 'toe-press'")
    s = good()
    s["exercises"][0].update(hold_s=3600, rest_s=-1)
    assert reason(s).endswith(": rest_s must be a number of seconds, 0 to 3600")
    s = good()
    s["exercises"][0].update(exercise_id="e" * 100, side="up")
    assert reason(s).endswith(": bad side for '" + "e" * 100 + "'")
    assert reason(good(routine_id="r" * 100, note=None)).endswith(": note is not a string of at most 10000 characters")
    assert reason(good(pain_after=11)).endswith(": pain_after must be a whole number 0..10")
    assert reason(good(pain_before=-1)).endswith(": pain_before must be a whole number 0..10")
    assert check_session(good(pain_before=10, pain_after=0)) == T0


def test_the_lowest_and_highest_values_are_valid_and_every_key_is_required() -> None:
    s = good(id="a")
    s["exercises"][0].update(sets_planned=0, sets_done=0, hold_s=0, rest_s=3600)
    s["planned_sets"] = 2
    assert check_session(s) == T0
    for key in ("rest_s", "hold_s", "sets_done"):
        s = good()
        del s["exercises"][0][key]
        assert key in reason(s)
    for key in ("pain_before", "note", "routine_name"):
        s = good()
        del s[key]
        assert key in reason(s)
    with pytest.raises(ValueError, match="^note must be a string$"):
        check_fields({"note": 1})
    with pytest.raises(ValueError, match="^started_at must be time-zone aware$"):
        new_record("r", "R", [], datetime(2025, 1, 1))
