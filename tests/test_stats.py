"""Pure statistics: daily targets, streaks across DST and a time-zone change, pain, heatmap, today line."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from footui.history import stats

BERLIN = ZoneInfo("Europe/Berlin")
TARGETS = {"toe-press": 3, "toe-walking": 2, "toe-pencil-pickups": 1}
NAMES = {"toe-press": "Toe press", "toe-walking": "Toe walking", "toe-pencil-pickups": "Toe pencil pickups"}
_ids = itertools.count()


def session(started: datetime | str, *exercises: tuple, pain=(None, None), status="completed") -> dict:
    """exercises: (exercise_id, side, planned, done)."""
    started = started if isinstance(started, str) else started.isoformat()
    entries = [
        {"exercise_id": ex, "side": side, "sets_planned": p, "sets_done": d, "hold_s": 3, "rest_s": 3}
        for ex, side, p, d in exercises or [("toe-press", None, 10, 10)]
    ]
    return {
        "id": f"s{next(_ids)}",
        "routine_id": "r",
        "routine_name": "R",
        "started_at": started,
        "ended_at": started,
        "status": status,
        "planned_sets": sum(e["sets_planned"] for e in entries),
        "exercises": entries,
        "pain_before": pain[0],
        "pain_after": pain[1],
        "note": "",
    }


def full_day(day: date, tz, hour: int = 8) -> list[dict]:
    """Sessions meeting every target of TARGETS on `day` (3 toe press, 2 toe walking, 1 pickups)."""
    t = datetime(day.year, day.month, day.day, hour, tzinfo=tz)
    return [
        session(
            t,
            ("toe-press", None, 10, 10),
            ("toe-walking", None, 2, 2),
            ("toe-pencil-pickups", "left", 5, 5),
            ("toe-pencil-pickups", "right", 5, 5),
        ),
        session(t + timedelta(hours=4), ("toe-press", None, 10, 10), ("toe-walking", None, 2, 2)),
        session(t + timedelta(hours=8), ("toe-press", None, 10, 10)),
    ]


def test_completed_needs_every_entry_of_the_exercise():
    s = session(
        "2026-11-24T08:00:00+01:00",
        ("toe-press", None, 10, 10),
        ("toe-pencil-pickups", "left", 5, 5),
        ("toe-pencil-pickups", "right", 5, 4),
    )
    assert stats.completed_exercises(s) == {"toe-press"}


def test_daily_counts_sets_per_exercise_and_foot():
    day = date(2026, 11, 24)
    sessions = [
        *full_day(day, timezone(timedelta(hours=1))),
        session("2026-11-24T21:00:00+01:00", ("toe-press", None, 10, 4), status="stopped"),
    ]
    st = stats.daily(sessions)[day]
    assert st.sessions == 4
    assert st.sets_by_exercise == {"toe-press": 34, "toe-walking": 4, "toe-pencil-pickups": 10}
    assert st.sets_by_foot == {"none": 38, "left": 5, "right": 5}
    assert st.done == {"toe-press": 3, "toe-walking": 2, "toe-pencil-pickups": 1}
    assert st.targets_met(TARGETS) and st.ratio(TARGETS) == 1.0
    assert st.targets_met({**TARGETS, "toe-press": 4}) is False


def test_stopped_session_still_counts_exercises_it_completed():
    s = session(
        "2026-11-24T08:00:00+01:00",
        ("toe-press", None, 10, 10),
        ("toe-walking", None, 2, 1),
        status="stopped",
    )
    assert stats.daily([s])[date(2026, 11, 24)].done == {"toe-press": 1}


def test_ratio_caps_each_target_at_one():
    s = [session("2026-11-24T08:00:00+01:00")] * 5  # 5 toe press, nothing else
    st = stats.daily(s)[date(2026, 11, 24)]
    assert st.ratio(TARGETS) == (1 + 0 + 0) / 3


def days_range(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def test_streaks_across_spring_forward_berlin():
    # 2026-03-29: clocks jump from 02:00 to 03:00; sessions just after midnight on each side of the change
    sessions = []
    for d in days_range(date(2026, 3, 26), date(2026, 4, 1)):
        sessions += full_day(d, BERLIN, hour=0)  # 00:00, 04:00, 08:00 local
    sessions.append(session(datetime(2026, 3, 29, 0, 30, tzinfo=BERLIN)))
    for tz in (None, BERLIN):
        days = stats.daily(sessions, tz)
        assert sorted(days) == list(days_range(date(2026, 3, 26), date(2026, 4, 1)))
        s = stats.streaks(sessions, TARGETS, today=date(2026, 4, 1), tz=tz)
        assert (s.current_targets, s.longest_targets, s.current_active, s.longest_active) == (7, 7, 7, 7)


def test_streaks_across_fall_back_berlin():
    # 2026-10-25 has 25 hours; 02:30 happens twice (+02:00 then +01:00)
    sessions = []
    for d in days_range(date(2026, 10, 23), date(2026, 10, 27)):
        sessions += full_day(d, BERLIN, hour=1)
    sessions += [
        session("2026-10-25T02:30:00+02:00"),
        session("2026-10-25T02:30:00+01:00"),
        session("2026-10-25T23:59:00+01:00"),
    ]
    days = stats.daily(sessions, BERLIN)
    assert days[date(2026, 10, 25)].sessions == 6 and date(2026, 10, 26) in days
    s = stats.streaks(sessions, TARGETS, today=date(2026, 10, 27), tz=BERLIN)
    assert s.current_targets == 5 and s.longest_targets == 5


def test_streak_through_a_time_zone_change():
    """Recorded in Berlin (+01:00) then New York (-05:00): each session stays on the date its clock showed."""
    plus1, minus5 = timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))
    sessions = []
    for d in days_range(date(2026, 11, 1), date(2026, 11, 3)):
        sessions += full_day(d, plus1, hour=8)
    for d in days_range(date(2026, 11, 4), date(2026, 11, 6)):
        sessions += full_day(d, minus5, hour=7)  # 07:00, 11:00, 15:00 New York
    s = stats.streaks(sessions, TARGETS, today=date(2026, 11, 6))
    assert s.current_targets == 6 and s.longest_targets == 6
    # a late-evening New York session is on the New York date, not the next Berlin date
    late = session("2026-11-06T22:30:00-05:00")
    assert stats.session_day(late) == date(2026, 11, 6)
    assert stats.session_day(late, BERLIN) == date(2026, 11, 7)  # when asked to file everything under Berlin


def test_current_streak_counts_from_yesterday_until_today_is_done():
    tz = timezone.utc
    sessions = [x for d in days_range(date(2026, 5, 1), date(2026, 5, 4)) for x in full_day(d, tz)]
    s = stats.streaks(sessions, TARGETS, today=date(2026, 5, 5))
    assert (s.current_targets, s.current_active) == (4, 4)
    s = stats.streaks(sessions, TARGETS, today=date(2026, 5, 6))  # yesterday missed: streak broken
    assert (s.current_targets, s.longest_targets, s.current_active) == (0, 4, 0)
    today = [session("2026-05-05T09:00:00+00:00")]  # today started but targets not met yet
    s = stats.streaks(sessions + today, TARGETS, today=date(2026, 5, 5))
    assert (s.current_targets, s.current_active) == (4, 5)


def test_longest_streak_and_partial_days():
    tz = timezone.utc
    met = [date(2026, 6, d) for d in (1, 2, 3, 5, 6, 7, 8, 9, 12)]
    sessions = [x for d in met for x in full_day(d, tz)]
    sessions.append(session("2026-06-04T08:00:00+00:00"))  # active but not all targets
    sessions.append(session("2026-06-20T08:00:00+00:00"))  # after "today": ignored
    s = stats.streaks(sessions, TARGETS, today=date(2026, 6, 13))
    assert s == stats.Streaks(current_targets=1, longest_targets=5, current_active=1, longest_active=9)


def test_no_sessions():
    assert stats.streaks([], TARGETS, today=date(2026, 1, 1)) == stats.Streaks(0, 0, 0, 0)
    assert stats.today_line([], TARGETS, NAMES, today=date(2026, 1, 1)) == (
        "toe press 0/3 · toe walking 0/2 · toe pencil pickups 0/1 · streak 0 days · targets met 0 days"
    )


def test_pain_trend_halves():
    today = date(2026, 11, 30)
    tz = timezone.utc
    sessions = [
        session(datetime(2026, 11, d, 8, tzinfo=tz), pain=(6, a))
        for d, a in [(1, 6), (3, 5), (10, 5), (16, 3), (20, 2), (29, 3)]
    ]
    sessions.append(session(datetime(2026, 10, 20, 8, tzinfo=tz), pain=(9, 9)))  # older than 30 days
    t = stats.pain_trend(sessions, today=today)
    assert t.scores == 6
    assert abs(t.earlier - 16 / 3) < 1e-9 and abs(t.later - 8 / 3) < 1e-9
    assert t.direction == "lower" and t.change < 0
    assert abs(t.mean_relief - (0 + 1 + 1 + 3 + 4 + 3) / 6) < 1e-9
    few = stats.pain_trend(sessions[-3:-1], today=today)
    assert few.direction == "not enough data" and few.change is None
    assert stats.pain_points([session("2026-11-01T08:00:00+00:00")]) == []
    assert stats.pain_points(sessions[:1]) == [(sessions[0]["started_at"], 6, 6)]


def test_heatmap_weeks_monday_first_and_future_is_none():
    tz = timezone.utc
    today = date(2026, 11, 25)  # a Wednesday
    sessions = full_day(date(2026, 11, 23), tz) + [session("2026-11-24T08:00:00+00:00")]
    hm = stats.heatmap(sessions, TARGETS, weeks=4, today=today)
    assert len(hm.weeks) == 4 and all(len(w) == 7 for w in hm.weeks)
    assert hm.start == date(2026, 11, 2) and hm.start.weekday() == 0
    assert hm.day(3, 0) == date(2026, 11, 23)
    assert hm.weeks[3][0] == 1.0
    assert abs(hm.weeks[3][1] - (1 / 3) / 3) < 1e-9  # 1 of 3 toe presses, 0 of the rest
    assert hm.weeks[3][2] == 0.0  # today, nothing yet
    assert hm.weeks[3][3:] == [None] * 4
    assert hm.weeks[0] == [0.0] * 7


def test_today_line():
    tz = timezone(timedelta(hours=1))
    today = date(2026, 11, 24)
    sessions = [x for d in days_range(date(2026, 11, 20), date(2026, 11, 23)) for x in full_day(d, tz)]
    sessions += [
        session("2026-11-24T08:00:00+01:00", ("toe-press", None, 10, 10), ("toe-walking", None, 2, 2)),
        session("2026-11-24T12:00:00+01:00"),
    ]
    names = {**NAMES, "toe-press": "Toe \x1b[31mpress"}
    line = stats.today_line(sessions, TARGETS, names, today=today)
    assert (
        "\x1b" not in line
        and line.startswith("toe ")
        and line.endswith(" 2/3 · toe walking 1/2 · toe pencil pickups 0/1 · streak 5 days · targets met 4 days")
    )
    assert stats.today_line(sessions, TARGETS, NAMES, today=today) == (
        "toe press 2/3 · toe walking 1/2 · toe pencil pickups 0/1 · streak 5 days · targets met 4 days"
    )
    assert stats.today_line(sessions[:3], TARGETS, NAMES, today=date(2026, 11, 21)).endswith(
        "streak 1 day · targets met 1 day"
    )
    assert stats.today_line(sessions, {}, NAMES, today=today) == "streak 5 days"


def test_duration_leaves_out_the_time_away_before_a_resume() -> None:
    base = session("2026-11-24T15:52:16+01:00")
    base["ended_at"] = "2026-11-24T15:53:56+01:00"
    assert stats.duration_s(base) == 100
    assert stats.duration_s(dict(base, away_s=14)) == 86
    for damaged in ("14", -5, None, True, float("nan")):  # a hand-edited file: the plain span, never negative
        assert stats.duration_s(dict(base, away_s=damaged)) == 100
    assert stats.duration_s(dict(base, away_s=10_000)) == 0
