"""The figures behind the history view's charts: pain per day, sets per day against the target, foot balance.

Pure; no Textual. Each takes the sessions as `HistoryStore.load()` returns them (or `stats.daily`'s days) and a
`today`, and covers the `days` calendar days up to it, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from footui.history import stats

Session = Mapping[str, Any]


@dataclass(frozen=True)
class DayPain:
    day: date
    before: float | None  # mean of the day's scores, None without any
    after: float | None


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def window(today: date, days: int) -> list[date]:
    return [today - timedelta(days=n) for n in range(days - 1, -1, -1)]


def pain_by_day(sessions: Iterable[Session], today: date, days: int = 30) -> list[DayPain]:
    scores: dict[date, tuple[list[int], list[int]]] = {d: ([], []) for d in window(today, days)}
    for s in sessions:
        lists = scores.get(stats.session_day(s))
        if lists is None:
            continue
        if s.get("pain_before") is not None:
            lists[0].append(s["pain_before"])
        if s.get("pain_after") is not None:
            lists[1].append(s["pain_after"])
    return [DayPain(d, _mean(b), _mean(a)) for d, (b, a) in scores.items()]


def pain_summary(sessions: Iterable[Session], today: date) -> str:
    """E.g. "7-day average 3.4, down 0.8": pain after sessions over the last 7 days, against the 7 before."""
    recent: list[int] = []
    before: list[int] = []
    first = today - timedelta(days=6)
    for s in sessions:
        after = s.get("pain_after")
        if after is None:
            continue
        day = stats.session_day(s)
        if first <= day <= today:
            recent.append(after)
        elif first - timedelta(days=7) <= day < first:
            before.append(after)
    now, then = _mean(recent), _mean(before)
    if now is None:
        return "no pain scores in the last 7 days"
    if then is None:
        return f"7-day average {now:.1f}"
    change = round(now - then, 1)
    if change == 0:
        return f"7-day average {now:.1f}, the same as the week before"
    return f"7-day average {now:.1f}, {'down' if change < 0 else 'up'} {abs(change):.1f}"


def sets_by_day(days: Mapping[date, stats.DayStats], exercises: Iterable[str], today: date, n: int = 30) -> list[int]:
    """Sets done each day of the window, counting only `exercises` (those with a daily target)."""
    wanted = set(exercises)
    out = []
    for d in window(today, n):
        st = days.get(d)
        out.append(sum(v for ex, v in st.sets_by_exercise.items() if ex in wanted) if st else 0)
    return out


def day_target_sets(targets: Mapping[str, int], sets_per_time: Mapping[str, int]) -> int:
    """The sets a day's targets ask for: per exercise, times a day x sets each time (both feet counted)."""
    return sum(n * sets_per_time.get(ex, 0) for ex, n in targets.items() if n > 0)


def foot_balance(sessions: Iterable[Session], today: date, days: int = 30) -> dict[str, tuple[int, int]]:
    """{exercise id: (left sets done, right sets done)} over the window, for exercises done per foot."""
    first = today - timedelta(days=days - 1)
    out: dict[str, tuple[int, int]] = {}
    for s in sessions:
        if not first <= stats.session_day(s) <= today:
            continue
        for e in s["exercises"]:
            if e.get("side") in ("left", "right"):
                left, right = out.get(e["exercise_id"], (0, 0))
                if e["side"] == "left":
                    left += e["sets_done"]
                else:
                    right += e["sets_done"]
                out[e["exercise_id"]] = (left, right)
    return out
