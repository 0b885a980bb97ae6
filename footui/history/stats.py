"""Statistics over the history: daily targets, streaks, per-foot figures, pain, heatmap. Pure; no Textual.

Every function takes the sessions as plain dicts (as `HistoryStore.load()` returns them), the daily targets as
`{exercise_id: per_day}`, and optional `today` / `tz` so tests (and travellers) get deterministic results.

Which day a session belongs to: with `tz=None` (the default) it is the calendar date on the clock where
and when it was recorded, i.e. the date of `started_at` in its own stored offset. A session done at 23:30
in New York stays on that New York date after you fly home to Berlin, and no day is split or merged by a
DST change. Pass a `tzinfo` to file every session under that zone's calendar instead. Days are counted
with calendar-date arithmetic, never 24-hour steps, so streaks are right across DST changes.

Rest days (`rest`, a set of calendar dates the user marked) keep both streaks alive without counting in them:
a run of days steps over a rest day as if it were not there, and a rest day on which a session was done still
counts as that kind of day.

What counts as an exercise done: a session counts once for each exercise whose every entry in that session
(both feet, if it has sides) has `sets_done == sets_planned`, whatever the session's status: the sets
were done even if the session was stopped or interrupted later.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from footui.text.cleaning import clean

Session = Mapping[str, Any]


def session_day(session: Session, tz: tzinfo | None = None) -> date:
    moment = datetime.fromisoformat(session["started_at"])
    return (moment.astimezone(tz) if tz is not None else moment).date()


def duration_s(session: Session) -> int | None:
    """Whole seconds from start to end, less the time away before each resume (None while it has no end)."""
    if not session.get("ended_at"):
        return None
    seconds = datetime.fromisoformat(session["ended_at"]) - datetime.fromisoformat(session["started_at"])
    return max(0, round(seconds.total_seconds() - away_s(session)))


def away_s(session: Session) -> float:
    """Seconds between a session's end and its resume(s) (`away_s`, README); 0 when absent or not a sane number."""
    away = session.get("away_s", 0)
    if isinstance(away, bool) or not isinstance(away, int | float) or not 0 <= away < math.inf:
        return 0.0
    return float(away)


def sets_done(session: Session) -> int:
    return sum(entry["sets_done"] for entry in session["exercises"])


def _today(today: date | None, tz: tzinfo | None) -> date:
    if today is not None:
        return today
    return (datetime.now(tz) if tz is not None else datetime.now().astimezone()).date()


def completed_exercises(session: Session) -> set[str]:
    """Exercise ids whose every entry in this session has all its planned sets done."""
    done: dict[str, bool] = {}
    for e in session.get("exercises", ()):
        ok = e["sets_done"] >= e["sets_planned"]
        done[e["exercise_id"]] = done.get(e["exercise_id"], True) and ok
    return {ex for ex, ok in done.items() if ok}


@dataclass
class DayStats:
    day: date
    sessions: int = 0
    sets_by_exercise: dict[str, int] = field(default_factory=dict)
    sets_by_foot: dict[str, int] = field(default_factory=dict)  # "left", "right", "none" (no sides)
    done: dict[str, int] = field(default_factory=dict)  # exercise id -> sessions that completed it

    def ratio(self, targets: Mapping[str, int]) -> float:
        """Mean over the targets of min(done / target, 1); with no targets, 1.0 if there was any session."""
        goals = {ex: n for ex, n in targets.items() if n > 0}
        if not goals:
            return 1.0 if self.sessions else 0.0
        return sum(min(self.done.get(ex, 0) / n, 1.0) for ex, n in goals.items()) / len(goals)

    def targets_met(self, targets: Mapping[str, int]) -> bool:
        """Every daily target reached (a day with no session never counts, even with no targets)."""
        return self.sessions > 0 and all(self.done.get(ex, 0) >= n for ex, n in targets.items() if n > 0)


def daily(sessions: Iterable[Session], tz: tzinfo | None = None) -> dict[date, DayStats]:
    """Per calendar day: sessions, sets per exercise and per foot, completions per exercise."""
    days: dict[date, DayStats] = {}
    for s in sessions:
        d = session_day(s, tz)
        st = days.get(d)
        if st is None:
            st = days[d] = DayStats(d)
        st.sessions += 1
        for e in s.get("exercises", ()):
            ex, n = e["exercise_id"], e["sets_done"]
            foot = e.get("side") or "none"
            st.sets_by_exercise[ex] = st.sets_by_exercise.get(ex, 0) + n
            st.sets_by_foot[foot] = st.sets_by_foot.get(foot, 0) + n
        for ex in completed_exercises(s):
            st.done[ex] = st.done.get(ex, 0) + 1
    return days


@dataclass(frozen=True)
class Streaks:
    current_targets: int  # consecutive days with every daily target met
    longest_targets: int
    current_active: int  # consecutive days with any session
    longest_active: int


def _runs(good: set[date], today: date, rest: Set[date] = frozenset()) -> tuple[int, int]:
    """(current, longest) run of consecutive dates in `good`, where a date in `rest` bridges a run without
    counting in it. `current` counts back from today, or from yesterday while today is neither good nor rest
    (the day is not over). Dates after today are ignored."""
    kept = sorted(d for d in good | rest if d <= today)
    longest = run = 0
    previous: date | None = None
    for d in kept:
        if previous is None or d - previous != timedelta(days=1):
            run = 0
        run += d in good
        longest = max(longest, run)
        previous = d
    return streak_back_from(good, rest, today), longest


def streak_back_from(good: Set[date], rest: Set[date], today: date) -> int:
    """The current run: good days counted back from today (or yesterday) through good and rest days."""
    day = today if today in good or today in rest else today - timedelta(days=1)
    current = 0
    while day in good or day in rest:
        current += day in good
        day -= timedelta(days=1)
    return current


def streaks(
    sessions: Iterable[Session],
    targets: Mapping[str, int],
    today: date | None = None,
    tz: tzinfo | None = None,
    *,
    days: dict[date, DayStats] | None = None,
    rest: Set[date] = frozenset(),
) -> Streaks:
    days = daily(sessions, tz) if days is None else days
    today = _today(today, tz)
    met = {d for d, st in days.items() if st.targets_met(targets)}
    active = {d for d, st in days.items() if st.sessions}
    return Streaks(*_runs(met, today, rest), *_runs(active, today, rest))


@dataclass(frozen=True)
class PainTrend:
    """Self-reported pain after sessions (0..10) in the last `days` days, split into two halves by date.

    `earlier` / `later` are the mean after-scores of the older and the newer half (None with no scores);
    `change` = later - earlier, reported only when each half has at least `min_scores` scores, because a
    mean of one or two numbers says little. `direction` is "lower", "higher",
    "about the same" (|change| < 0.5) or "not enough data". This describes what was typed in; it is not a
    medical measure.
    """

    scores: int
    earlier: float | None
    later: float | None
    change: float | None
    direction: str
    mean_relief: float | None  # mean of (before - after) over sessions with both scores; > 0 means less pain after


def pain_points(sessions: Iterable[Session]) -> list[tuple[str, int | None, int | None]]:
    """(started_at, pain_before, pain_after) per session that has any pain score."""
    return [
        (s["started_at"], s.get("pain_before"), s.get("pain_after"))
        for s in sessions
        if s.get("pain_before") is not None or s.get("pain_after") is not None
    ]


def pain_trend(
    sessions: Iterable[Session],
    today: date | None = None,
    tz: tzinfo | None = None,
    days: int = 30,
    min_scores: int = 2,
) -> PainTrend:
    today = _today(today, tz)
    first = today - timedelta(days=days - 1)
    middle = first + timedelta(days=days // 2)
    earlier: list[int] = []
    later: list[int] = []
    relief: list[int] = []
    for s in sessions:
        d = session_day(s, tz)
        if not first <= d <= today:
            continue
        after, before = s.get("pain_after"), s.get("pain_before")
        if after is not None:
            (earlier if d < middle else later).append(after)
            if before is not None:
                relief.append(before - after)

    def mean(xs: list[int]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    e, la = mean(earlier), mean(later)
    change = None
    direction = "not enough data"
    if len(earlier) >= min_scores and len(later) >= min_scores and e is not None and la is not None:
        change = la - e
        direction = "about the same" if abs(change) < 0.5 else ("lower" if change < 0 else "higher")
    return PainTrend(len(earlier) + len(later), e, la, change, direction, mean(relief))


@dataclass(frozen=True)
class Heatmap:
    """`weeks[w][d]`: completion ratio (0..1) of day d (0 = Monday .. 6 = Sunday) of week w,
    oldest week first; the last week contains today; None for days after today. `start` is the Monday of
    the first week; `today` and the `rest` days shown are marked apart."""

    start: date
    weeks: list[list[float | None]]
    today: date | None = None
    rest: frozenset[date] = frozenset()

    def day(self, w: int, d: int) -> date:
        return self.start + timedelta(days=7 * w + d)


def heatmap(
    sessions: Iterable[Session],
    targets: Mapping[str, int],
    weeks: int = 12,
    today: date | None = None,
    tz: tzinfo | None = None,
    *,
    days: dict[date, DayStats] | None = None,
    rest: Set[date] = frozenset(),
) -> Heatmap:
    days = daily(sessions, tz) if days is None else days
    today = _today(today, tz)
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    grid: list[list[float | None]] = []
    for w in range(weeks):
        row: list[float | None] = []
        for d in range(7):
            day = start + timedelta(days=7 * w + d)
            st = days.get(day)
            row.append(None if day > today else (st.ratio(targets) if st else 0.0))
        grid.append(row)
    return Heatmap(start, grid, today, frozenset(d for d in rest if start <= d <= today))


def today_line(
    sessions: Iterable[Session],
    targets: Mapping[str, int],
    names: Mapping[str, str],
    today: date | None = None,
    tz: tzinfo | None = None,
    *,
    days: dict[date, DayStats] | None = None,
    rest: Set[date] = frozenset(),
    with_streaks: bool = True,
) -> str:
    """E.g. "toe press 2/3 · toe walking 1/2 · streak 4 days · targets met 2 days" (without the streaks where
    they are shown on their own lines, as in the history view).

    "streak" means what it means in `footui today --format json` and the README: days in a row with at least one
    session. The run of days with every target met is named for what it is, and left out with no targets."""
    days = daily(sessions, tz) if days is None else days
    today = _today(today, tz)
    st = days.get(today, DayStats(today))
    goals = {ex: n for ex, n in targets.items() if n > 0}
    parts = [f"{clean(names.get(ex, ex)).lower()} {st.done.get(ex, 0)}/{n}" for ex, n in goals.items()]
    if not with_streaks:
        return " · ".join(parts) or f"{st.sessions} session{'' if st.sessions == 1 else 's'}"
    s = streaks((), goals, today, tz, days=days, rest=rest)
    parts.append(f"streak {_count_days(s.current_active)}")
    if goals:
        parts.append(f"targets met {_count_days(s.current_targets)}")
    return " · ".join(parts)


def _count_days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"
