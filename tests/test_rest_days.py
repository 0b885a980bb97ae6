"""Rest days: the streak rules (month ends, DST, a time-zone change), the store, schema 1 -> 2, the commands."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_stats import NAMES, TARGETS, full_day, session

from footui.cli.main import main
from footui.history import stats
from footui.history.store import HistoryStore, StoreError

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def days_of(*days: date, tz=BERLIN) -> list[dict]:
    return [s for d in days for s in full_day(d, tz)]


def test_a_rest_day_bridges_both_streaks_without_counting_across_a_month_end():
    # Jan 30, 31 done; Feb 1 rest; Feb 2 done; asked on Feb 2
    sessions = days_of(date(2026, 1, 30), date(2026, 1, 31), date(2026, 2, 2))
    rest = {date(2026, 2, 1)}
    s = stats.streaks(sessions, TARGETS, date(2026, 2, 2), rest=rest)
    assert (s.current_targets, s.longest_targets, s.current_active, s.longest_active) == (3, 3, 3, 3)
    without = stats.streaks(sessions, TARGETS, date(2026, 2, 2))
    assert (without.current_targets, without.longest_targets) == (1, 2)


def test_a_rest_day_today_or_yesterday_keeps_the_streak_and_counts_nothing():
    sessions = days_of(date(2026, 2, 27), date(2026, 2, 28))  # 2026 is not a leap year: Mar 1 follows
    assert stats.streaks(sessions, TARGETS, date(2026, 3, 1), rest={date(2026, 3, 1)}).current_targets == 2
    # rest on Mar 1, nothing yet on Mar 2: the day is not over, the streak still stands
    assert stats.streaks(sessions, TARGETS, date(2026, 3, 2), rest={date(2026, 3, 1)}).current_targets == 2
    # ... but a whole day missed after the rest day ends it
    assert stats.streaks(sessions, TARGETS, date(2026, 3, 3), rest={date(2026, 3, 1)}).current_targets == 0
    # only rest days: kept alive at zero
    assert stats.streaks([], TARGETS, date(2026, 3, 3), rest={date(2026, 3, 2), date(2026, 3, 3)}).current_active == 0


def test_consecutive_rest_days_and_a_session_on_a_rest_day():
    sessions = days_of(date(2026, 12, 30), date(2027, 1, 2))  # across the year's end
    rest = {date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2)}
    s = stats.streaks(sessions, TARGETS, date(2027, 1, 2), rest=rest)
    assert (s.current_targets, s.current_active) == (2, 2)  # the Jan 2 session counts although it is a rest day


def test_rest_days_across_the_dst_changes():
    # Berlin: clocks go forward on 2026-03-29 (23-hour day) and back on 2026-10-25 (25-hour day).
    for first in (date(2026, 3, 28), date(2026, 10, 24)):
        second = first + timedelta(days=2)
        sessions = days_of(first, second)
        assert stats.streaks(sessions, TARGETS, second, rest={first + timedelta(days=1)}).current_targets == 2
        # late-evening sessions on each side of the change stay on their own calendar day
        late = [s for d in (first, second) for s in full_day(d, BERLIN, hour=14)]  # 14:00, 18:00, 22:00
        assert stats.streaks(late, TARGETS, second, rest={first + timedelta(days=1)}).current_targets == 2


def test_rest_days_with_a_time_zone_change():
    # Jun 1 in New York at 14:00, 18:00, 22:00 (20:00 on Jun 1, 00:00 and 04:00 on Jun 2 in Berlin); a rest day on
    # Jun 2 for the flight; Jun 3 in Berlin.
    sessions = full_day(date(2026, 6, 1), NEW_YORK, hour=14) + days_of(date(2026, 6, 3), tz=BERLIN)
    rest = {date(2026, 6, 2)}
    # with each session on its own clock's calendar (the default), the rest day bridges the two
    assert stats.streaks(sessions, TARGETS, date(2026, 6, 3), rest=rest).current_targets == 2
    # filed under Berlin's calendar, two of New York's sessions fall on Jun 2 (a rest day on which they count)
    # and Jun 1 no longer meets its targets
    in_berlin = stats.streaks(sessions, TARGETS, date(2026, 6, 3), tz=BERLIN, rest=rest)
    assert (in_berlin.current_active, in_berlin.current_targets) == (3, 1)


def test_today_line_and_heatmap_know_rest_days():
    today = date(2026, 11, 24)
    sessions = days_of(date(2026, 11, 22))
    line = stats.today_line(sessions, TARGETS, NAMES, today, rest={date(2026, 11, 23)})
    assert line.endswith("streak 1 day · targets met 1 day")
    grid = stats.heatmap(sessions, TARGETS, 2, today, rest={date(2026, 11, 23), date(2026, 1, 1)})
    assert grid.rest == {date(2026, 11, 23)} and grid.today == today


# ----------------------------------------------------------------------------------------------------- store


def test_mark_and_unmark_under_the_lock(tmp_path: Path):
    store = HistoryStore(tmp_path)
    assert store.mark_rest_day(date(2026, 11, 24), "flare-up")
    assert not store.mark_rest_day(date(2026, 11, 24), "flare-up")
    assert store.mark_rest_day(date(2026, 11, 20))
    other = HistoryStore(tmp_path)  # a second footui sees them, in date order
    other.load()
    assert other.rest_days == [{"date": "2026-11-20", "note": ""}, {"date": "2026-11-24", "note": "flare-up"}]
    assert store.unmark_rest_day(date(2026, 11, 20)) and not store.unmark_rest_day(date(2026, 11, 20))
    with pytest.raises(StoreError, match="at most 500"):
        store.mark_rest_day(date(2026, 11, 25), "x" * 501)
    # a session finished by another store keeps the rest days it did not know of
    other.finish(session("2026-11-24T08:00:00+01:00"))
    store.load()
    assert [r["date"] for r in store.rest_days] == ["2026-11-24"] and len(store.load()) == 1


def test_schema_1_is_migrated_on_its_next_write_only(tmp_path: Path):
    old = json.dumps({"schema": 1, "sessions": [session("2026-11-24T08:00:00+01:00")]}).encode()
    (tmp_path / "history.json").write_bytes(old)
    store = HistoryStore(tmp_path)
    assert len(store.load()) == 1 and not store.read_only and store.rest_days == []
    assert (tmp_path / "history.json").read_bytes() == old  # reading never rewrites
    store.mark_rest_day(date(2026, 11, 25))
    doc = json.loads((tmp_path / "history.json").read_text())
    assert doc["schema"] == 2 and len(doc["sessions"]) == 1
    assert doc["rest_days"] == [{"date": "2026-11-25", "note": ""}]


def test_a_newer_schema_is_read_only_with_its_rest_days(tmp_path: Path):
    raw = json.dumps(
        {"schema": 3, "sessions": [session("2026-11-24T08:00:00+01:00")], "rest_days": [{"date": "2026-11-23"}]}
    ).encode()
    (tmp_path / "history.json").write_bytes(raw)
    store = HistoryStore(tmp_path)
    assert len(store.load()) == 1 and store.read_only and store.rest_days == [{"date": "2026-11-23"}]
    with pytest.raises(StoreError, match="read-only"):
        store.mark_rest_day(date(2026, 11, 25))
    assert (tmp_path / "history.json").read_bytes() == raw


def test_a_bad_rest_day_is_set_aside_like_a_bad_session(tmp_path: Path):
    doc = {"schema": 2, "sessions": [], "rest_days": [{"date": "2026-11-23"}, {"date": "yesterday"}, "x"]}
    (tmp_path / "history.json").write_text(json.dumps(doc))
    store = HistoryStore(tmp_path)
    store.load()
    assert store.rest_days == [{"date": "2026-11-23"}]
    assert "2 session(s)" in store.notices[0] or "could not be read" in store.notices[0]
    assert list(tmp_path.glob("history.json.corrupt-*"))


# -------------------------------------------------------------------------------------------------- commands


def test_rest_command(footui_dirs, capsys):
    assert main(["rest", "2026-11-24", "--note", "flare-up \x1b[2J"]) == 0
    assert capsys.readouterr().out == "2026-11-24 is a rest day (flare-up ␛[2J)\n"
    assert main(["rest"]) == 0
    assert capsys.readouterr().out.startswith(f"{date.today()} is a rest day")
    assert main(["rest", "--undo", "2026-11-24"]) == 0
    assert capsys.readouterr().out == "2026-11-24 is no longer a rest day\n"
    assert main(["rest", "--undo", "2026-11-24"]) == 0
    assert "was not a rest day" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["rest", "24/11/2026"])


def test_export_import_and_history_json_carry_rest_days(footui_dirs, capsys, tmp_path: Path):
    store = HistoryStore(footui_dirs[1])
    store.finish(session(datetime(2026, 11, 24, 8, tzinfo=timezone(timedelta(hours=1)))))
    store.mark_rest_day(date(2026, 11, 22), "travel")
    store.mark_rest_day(date(2026, 11, 23))
    assert main(["history", "--format", "json", "--since", "2026-11-23"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["sessions"]) == 1 and doc["rest_days"] == [{"date": "2026-11-23", "note": ""}]
    backup = tmp_path / "backup.json"
    assert main(["export", str(backup)]) == 0
    assert [r["date"] for r in json.loads(backup.read_text())["rest_days"]] == ["2026-11-22", "2026-11-23"]
    store.unmark_rest_day(date(2026, 11, 22))
    assert main(["import", str(backup)]) == 0
    store.load()
    assert store.rest_days == [{"date": "2026-11-22", "note": "travel"}, {"date": "2026-11-23", "note": ""}]


def test_history_json_lists_rest_days_in_the_files_order(footui_dirs, capsys, tmp_path: Path):
    """Oldest first, as in history.json and `footui export`: the same document."""
    store = HistoryStore(footui_dirs[1])
    for day in (22, 20, 24):
        store.mark_rest_day(date(2026, 11, day))
    assert main(["history", "--format", "json"]) == 0
    listed = [r["date"] for r in json.loads(capsys.readouterr().out)["rest_days"]]
    assert main(["export", str(tmp_path / "backup.json")]) == 0
    exported = [r["date"] for r in json.loads((tmp_path / "backup.json").read_text())["rest_days"]]
    assert listed == exported == ["2026-11-20", "2026-11-22", "2026-11-24"]


def test_a_footui_that_knows_only_schema_1_opens_our_file_read_only(tmp_path: Path, monkeypatch):
    store = HistoryStore(tmp_path)
    store.finish(session("2026-11-24T08:00:00+01:00"))
    store.mark_rest_day(date(2026, 11, 23))
    raw = (tmp_path / "history.json").read_bytes()
    from footui.history import files
    from footui.history import store as store_module

    monkeypatch.setattr(files, "SCHEMA", 1)  # as the footui before this one
    monkeypatch.setattr(store_module, "SCHEMA", 1)
    old = HistoryStore(tmp_path)
    assert len(old.load()) == 1 and old.read_only
    assert "newer footui (schema 2)" in old.notices[0]
    with pytest.raises(StoreError, match="read-only"):
        old.finish(session("2026-11-25T08:00:00+01:00"))
    assert (tmp_path / "history.json").read_bytes() == raw
