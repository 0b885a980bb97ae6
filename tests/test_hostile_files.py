"""Files footui did not write, or wrote and someone damaged: each class of attack seen in issue 9, by example.

The property-based tests in test_fuzz_files.py generate many more; these pin the behaviour a user sees.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from footui.history.files import encode_history
from footui.history.store import HistoryStore, StoreError, new_record

UTC = timezone.utc
ENTRIES = [("toe-press", None, 10, 3, 3), ("toe-walking", None, 2, 30, 10)]


def session(day: int = 1, **fields: object) -> dict:
    r = new_record("back-relief", "Back-pain relief", ENTRIES, datetime(2025, 3, day, 8, 0, tzinfo=UTC))
    for e in r["exercises"]:
        e["sets_done"] = e["sets_planned"]
    r.update(status="completed", ended_at=f"2025-03-{day:02d}T08:15:00+00:00")
    r.update(fields)
    return r


def side_files(data: Path) -> list[Path]:
    return sorted(data.glob("history.json.corrupt-*"))


def write_history(data: Path, sessions: list) -> bytes:
    raw = json.dumps({"schema": 1, "sessions": sessions}).encode()
    (data / "history.json").write_bytes(raw)
    return raw


# --------------------------------------------------------------------------------- no input can crash


@pytest.mark.parametrize(
    "raw",
    [
        b'{"schema": 1, "sessions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b"[" * 100_000,
        b'{"schema": 1, "sessions": [' + b"1" * 5000 + b"]}",
        b'{"schema": ' + b"9" * 5000 + b', "sessions": []}',
        b'{"schema": 1e999, "sessions": []}',
        b'{"schema": NaN, "sessions": []}',
        b"\xff\xfe{}",
        b"",
    ],
    ids=["deep-sessions", "deep-top", "huge-int", "huge-schema", "float-inf", "nan", "not-utf8", "empty"],
)
def test_unreadable_history_is_set_aside_once_and_footui_goes_on(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path)
    assert store.load() == []
    assert len(store.notices) == 1 and "could not be read" in store.notices[0]
    assert "set_int_max_str_digits" not in store.notices[0] and "Recursion" not in store.notices[0]
    [kept] = side_files(tmp_path)
    assert kept.read_bytes() == raw
    assert HistoryStore(tmp_path).load() == [] and side_files(tmp_path) == [kept]


@pytest.mark.parametrize(
    "bad",
    [
        {"status": {"x": 1}},
        {"status": ["completed"]},
        {"started_at": "0001-01-01T00:00:00+00:00"},
        {"started_at": "9999-12-31T23:59:59-14:00"},
        {"started_at": "2025-03-01\x1b08:00:00+00:00"},
        {"started_at": "2025-03-01T08:00:00+23:59"},
        {"started_at": "2025-03-01T08:00:00"},
        {"pain_before": 10**400},
        {"planned_sets": 10**30},
        {"note": "x" * 100_000},
        {"routine_name": ["a"]},
        {"id": "i" * 1000},
        {
            "exercises": [
                {
                    "exercise_id": "toe-press",
                    "side": None,
                    "sets_planned": 10,
                    "sets_done": 10,
                    "hold_s": 1e308,
                    "rest_s": 3,
                }
            ]
        },  # fmt: skip
    ],
    ids=lambda b: next(iter(b)),
)
def test_a_session_footui_could_not_have_written_is_set_aside_once(tmp_path: Path, bad: dict) -> None:
    good = session(1)
    raw = write_history(tmp_path, [good, session(2, **bad), session(3)])
    store = HistoryStore(tmp_path)
    assert [s["routine_id"] for s in store.load()] == ["back-relief", "back-relief"]
    assert "1 session(s) in history.json could not be read" in store.notices[0]
    [kept] = side_files(tmp_path)
    assert kept.read_bytes() == raw  # the original, byte for byte
    for _ in range(5):  # the next reads are clean and silent, and copy nothing more
        again = HistoryStore(tmp_path)
        assert len(again.load()) == 2 and again.notices == []
    assert side_files(tmp_path) == [kept]


def test_a_future_session_is_kept_up_to_a_day_ahead(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    soon = session(1, started_at=(now + timedelta(hours=20)).isoformat(timespec="seconds"))
    later = session(2, started_at=(now + timedelta(days=3)).isoformat(timespec="seconds"))
    write_history(tmp_path, [soon, later])
    store = HistoryStore(tmp_path)
    assert [s["id"] for s in store.load()] == [soon["id"]]
    with pytest.raises(StoreError, match="more than a day in the future"):
        store.merge([session(5, started_at=(now + timedelta(days=3)).isoformat(timespec="seconds"))])


def test_a_truncated_file_keeps_every_complete_session_before_the_damage(tmp_path: Path) -> None:
    sessions = [session(d) for d in range(1, 8)]
    whole = encode_history(sessions)
    cut = whole[: whole.index(sessions[5]["id"].encode()) + 10]  # inside the sixth session
    (tmp_path / "history.json").write_bytes(cut)
    store = HistoryStore(tmp_path)
    assert [s["id"] for s in store.load()] == [s["id"] for s in sessions[:5]]
    assert "the 5 complete session(s) before the damage were kept" in store.notices[0]
    assert side_files(tmp_path)[0].read_bytes() == cut
    again = HistoryStore(tmp_path)
    assert len(again.load()) == 5 and again.notices == []


def test_garbage_in_the_middle_keeps_the_sessions_around_it(tmp_path: Path) -> None:
    sessions = [session(d) for d in range(1, 5)]
    lines = encode_history(sessions).split(b"\n")
    lines[2] = b"\x00garbage"
    (tmp_path / "history.json").write_bytes(b"\n".join(lines))
    assert len(HistoryStore(tmp_path).load()) == 3


def test_two_sessions_with_one_id_are_both_kept(tmp_path: Path) -> None:
    first = session(1)
    second = session(2, id=first["id"], note="the other one")
    write_history(tmp_path, [first, second, dict(first)])  # and an exact copy of the first
    store = HistoryStore(tmp_path)
    loaded = store.load()
    assert [s["note"] for s in loaded] == ["", "the other one"]
    assert loaded[0]["id"] == first["id"] and loaded[1]["id"] != first["id"]
    assert "2 session(s) had an id already used" in store.notices[0]
    assert len(side_files(tmp_path)) == 1
    assert HistoryStore(tmp_path).load() == loaded


def test_import_refuses_year_one_that_would_break_the_statistics(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path)
    with pytest.raises(StoreError, match="out of range"):
        store.merge([session(1, started_at="0001-01-01T00:00:00+14:00")])


# ------------------------------------------------------------------------------- only footui's own files


def test_recovery_touches_only_files_named_like_footuis(tmp_path: Path) -> None:
    active = tmp_path / "active"
    active.mkdir(mode=0o700)
    foreign = {"package.json": b'{"name": "x"}', "yarn.lock": b"# yarn", "abc.json": b"{", "x.lock": b""}
    for name, body in foreign.items():
        (active / name).write_bytes(body)
    store = HistoryStore(tmp_path)
    assert store.load() == [] and store.notices == []
    assert {p.name: p.read_bytes() for p in active.iterdir()} == foreign


def test_a_symlinked_active_dir_is_never_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = session(1, status="in_progress", ended_at=None)
    (elsewhere / f"{r['id']}.json").write_text(json.dumps(r))
    (elsewhere / f"{r['id']}.lock").write_text("")
    data = tmp_path / "data2"
    data.mkdir(mode=0o700)
    (data / "active").symlink_to(elsewhere)
    store = HistoryStore(data)
    assert store.load() == []
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted([f"{r['id']}.json", f"{r['id']}.lock"])
    with pytest.raises(StoreError, match="symbolic link"):
        store.checkpoint(new_record("r", "R", ENTRIES, datetime.now(UTC)))


def test_a_data_dir_others_can_write_to_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "shared"
    data.mkdir()
    (data / "someone-elses.txt").write_text("x")
    os.chmod(data, 0o777)
    store = HistoryStore(data)
    with pytest.raises(StoreError, match="other users can write to it"):
        store.load()
    with pytest.raises(StoreError, match="other users can write to it"):
        store.finish(session(1))
    assert [p.name for p in data.iterdir()] == ["someone-elses.txt"]


def test_a_data_dir_of_footuis_that_others_can_write_to_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "umask002"
    data.mkdir()
    HistoryStore(data).finish(session(1))
    os.chmod(data, 0o775)  # a umask of 002, common with per-user groups
    store = HistoryStore(data)
    assert len(store.load()) == 1
    assert store.notices == [f"{data} was writable by other users (mode 0775); it is now 0700"]
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_the_prompt_cache_counts_as_footuis_own_file(tmp_path: Path) -> None:
    """`footui today` leaves summary-cache (and, if killed, its temp file) beside history.json: still footui's."""
    data = tmp_path / "with-cache"
    data.mkdir()
    HistoryStore(data).finish(session(1))
    (data / "summary-cache").write_bytes(b"x")
    (data / ".summary-cache.123.abcd1234.tmp").write_bytes(b"x")
    os.chmod(data, 0o775)
    store = HistoryStore(data)
    assert len(store.load()) == 1
    assert store.notices == [f"{data} was writable by other users (mode 0775); it is now 0700"]


def test_a_loose_data_dir_of_footuis_is_tightened_and_a_shared_one_reported(tmp_path: Path) -> None:
    data = tmp_path / "mine"
    data.mkdir()
    HistoryStore(data).finish(session(1))
    os.chmod(data, 0o755)
    lock = data / "history.json.lock"
    os.chmod(lock, 0o666)
    HistoryStore(data).finish(session(2))
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "history.json").stat().st_mode) == 0o600
    (data / "notes.txt").write_text("mine")
    os.chmod(data, 0o750)
    store = HistoryStore(data)
    assert len(store.load()) == 2
    assert store.notices == [f"{data} can be read by other users (mode 0750)"]
    assert stat.S_IMODE(data.stat().st_mode) == 0o750


def test_a_symlinked_history_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "footui-history.json"
    target.write_bytes(encode_history([session(1)]))
    data = tmp_path / "data3"
    data.mkdir(mode=0o700)
    (data / "history.json").symlink_to(target)
    store = HistoryStore(data)
    store.finish(session(2))
    assert (data / "history.json").is_symlink()
    assert len(json.loads(target.read_bytes())["sessions"]) == 2
    assert list(synced.iterdir()) == [target]  # the temp file was renamed in the target's directory
    store.delete(store.load()[0]["id"])
    assert len(json.loads(target.read_bytes())["sessions"]) == 1 and (data / "history.json").is_symlink()


def test_a_damaged_symlinked_history_is_repaired_through_the_link(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_bytes(b'{"schema": 1, "sessions": [')
    data = tmp_path / "data4"
    data.mkdir(mode=0o700)
    (data / "history.json").symlink_to(target)
    assert HistoryStore(data).load() == []
    assert (data / "history.json").is_symlink() and json.loads(target.read_bytes())["sessions"] == []
    assert side_files(data)[0].read_bytes() == b'{"schema": 1, "sessions": ['


# ------------------------------------------------------------------------------- routines.toml, settings


ROUTINE = """
[[exercise]]
id = "calf-raise"
name = "Calf raise"
sets = 3
hold_s = 5

[[routine]]
id = "mine"
name = "Mine"
exercises = ["calf-raise"]
"""


def load_routines(config: Path, text: str | bytes):
    from footui.content.routines import load_library

    raw = text.encode() if isinstance(text, str) else text
    (config / "routines.toml").write_bytes(raw)
    return load_library()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a = " + "[" * 50_000, "nested more than 8 levels"),
        ("x = { y = " * 2000 + "1" + " }" * 2000, "nested more than 8 levels"),
        ("a" + ".a" * 50_000 + " = 1", "nested more than 8 levels"),  # tomllib: quadratic time (50 s)
        ("[" + "a." * 50_000 + "a]", "nested more than 8 levels"),
        (ROUTINE.replace("sets = 3", "sets = " + "9" * 5000), "a number is too long"),
        (ROUTINE.replace("sets = 3", "sets = " + "9" * 400), "exercise sets is out of range"),
        (ROUTINE.replace("hold_s = 5", "hold_s = 1e400"), "must be a finite number"),
        (ROUTINE.replace("hold_s = 5", "hold_s = " + "9" * 400), "exercise hold_s is out of range"),
        (ROUTINE.replace('name = "Calf raise"', 'name = "' + "\u202e" * 500 + '"'), "must not contain control"),
    ],
    ids=[
        "deep-array",
        "deep-inline",
        "dotted-key",
        "dotted-table",
        "huge-int",
        "big-int",
        "float-inf",
        "big-hold",
        "bidi",
    ],
)
def test_a_hostile_routines_file_is_a_problem_not_a_crash(footui_dirs, text: str, expected: str) -> None:
    lib = load_routines(footui_dirs[0], text)
    assert "back-relief" in lib.routines  # the built-ins always work
    assert any(expected in p for p in lib.problems), lib.problems
    for problem in lib.problems:
        assert "set_int_max_str_digits" not in problem and len(problem) < 300


def test_a_bom_is_fine_and_a_bad_value_is_quoted_short(footui_dirs) -> None:
    lib = load_routines(footui_dirs[0], b"\xef\xbb\xbf" + ROUTINE.encode())
    assert lib.problems == [] and "mine" in lib.routines
    lib = load_routines(footui_dirs[0], ROUTINE.replace("sets = 3", 'sets = "' + "x" * 500 + '"'))
    problem = lib.problems[0]
    assert "'" + "x" * 59 + "\u2026'" in problem and "x" * 61 not in problem


def test_an_unknown_key_gets_a_did_you_mean(footui_dirs) -> None:
    lib = load_routines(footui_dirs[0], ROUTINE.replace("hold_s = 5", "hold_s = 5\nhodl_s = 5"))
    assert lib.problems[0] == "routines.toml:7: unknown key 'hodl_s' in [[exercise]] (did you mean 'hold_s'?)"


def test_settings_that_nest_deeply_or_are_huge_fall_back_to_the_defaults(footui_dirs) -> None:
    from footui.config.settings import Settings, load_settings

    path = footui_dirs[0] / "settings.json"
    for raw in (
        b"[" * 100_000,
        b'{"muted": true, "x": ' + b"[" * 100_000 + b"}",
        b'{"theme": "' + b"x" * 100_000 + b'"}',
    ):
        path.write_bytes(raw)
        assert load_settings(path) == Settings()
    path.write_bytes(b'\xef\xbb\xbf{"muted": true}')
    assert load_settings(path).muted is True


# ------------------------------------------------------------------------------------------- the app


async def test_the_app_starts_with_every_file_hostile_and_says_so(tmp_path: Path) -> None:
    from ui_helpers import make_app

    from footui.config.settings import load_settings
    from footui.content.routines import load_library
    from footui.ui.screens.routines import RoutinesScreen

    (tmp_path / "data").mkdir(mode=0o700, exist_ok=True)
    (tmp_path / "data" / "history.json").write_bytes(b'{"schema": 1, "sessions": ' + b"[" * 50_000)
    (tmp_path / "routines.toml").write_text("a = " + "[" * 50_000)
    (tmp_path / "settings.json").write_text("[" * 50_000)
    library = load_library(tmp_path / "routines.toml")
    app, _ = make_app(tmp_path, library, settings=load_settings(tmp_path / "settings.json"))
    notices: list[str] = []
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert any(isinstance(screen, RoutinesScreen) for screen in app.screen_stack), app.screen_stack
        notices = [str(n.message) for n in app._notifications]
        assert app.settings.seen_health_note is True
    assert any("history.json could not be read (it is nested more than 16 levels deep)" in n for n in notices)
    assert len(side_files(tmp_path / "data")) == 1


def test_a_routines_file_that_cannot_be_read_is_named_plainly(footui_dirs) -> None:
    from footui.content.routines import load_library

    config = footui_dirs[0]
    (config / "routines.toml").symlink_to(config / "gone.toml")
    assert load_library().problems == ["routines.toml:1: it is a link to a file that does not exist"]
    (config / "routines.toml").unlink()
    (config / "routines.toml").mkdir()
    assert load_library().problems == ["routines.toml:1: cannot read it (not a regular file)"]


def test_thousands_of_broken_tables_take_linear_time_and_give_a_bounded_list(footui_dirs) -> None:
    lib = load_routines(footui_dirs[0], "[[exercise]]\nid = 1\n" * 50_000)
    assert len(lib.problems) == 201 and lib.problems[-1].endswith("... and 199800 more problem(s)")
    assert lib.problems[0].startswith("routines.toml:1: ")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_pipe_or_device_in_place_of_a_file_is_refused_not_read_forever(footui_dirs, kind: str) -> None:
    from footui.cli.main import main
    from footui.config.settings import Settings, load_settings
    from footui.content.routines import load_library

    config, data = footui_dirs

    def plant(path: Path) -> None:
        if kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")

    for name in ("routines.toml", "settings.json"):
        plant(config / name)
    plant(data / "history.json")
    plant(data.parent / "backup.json")
    assert load_library().problems == ["routines.toml:1: cannot read it (not a regular file)"]
    assert load_settings(config / "settings.json") == Settings()
    with pytest.raises(StoreError, match="cannot read history: not a regular file"):
        HistoryStore(data).load()
    assert main(["import", str(data.parent / "backup.json")]) == 2


def test_a_misspelt_table_gets_a_did_you_mean_and_a_far_one_the_list(footui_dirs) -> None:
    lib = load_routines(footui_dirs[0], ROUTINE.replace("[[exercise]]", "[[exercises]]"))
    assert "routines.toml:1: unknown top-level key 'exercises' (did you mean [[exercise]]?)" in lib.problems
    lib = load_routines(footui_dirs[0], ROUTINE.replace("hold_s = 5", "hold_s = 5\nzzz = 1"))
    assert lib.problems[0].endswith("unknown key 'zzz' in [[exercise]] (allowed: cue, equipment, hold_s, id, name, "
                                    "per_day, pictures, rest_s, sets, sides, source, steps, why)")  # fmt: skip
