"""The figures of `footui report`: what a physiotherapist asks about the last N days. Pure; no Textual.

Per exercise: on how many days its daily target was met, and the share of its planned sets that were done
(per foot where it has sides); the rest days; sessions by status; the pain scores and their trend; the notes.
Days are calendar days of each session's own clock, as in `footui.history.stats`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from footui.history import stats
from footui.history.files import FINAL_STATUSES


@dataclass
class SetsDone:
    done: int = 0
    planned: int = 0

    @property
    def share(self) -> float | None:
        return self.done / self.planned if self.planned else None


@dataclass
class ExerciseReport:
    id: str
    target: int  # per day; 0: no daily target
    days_met: int = 0
    sets: SetsDone = field(default_factory=SetsDone)
    by_foot: dict[str, SetsDone] = field(default_factory=dict)  # "left" / "right", for exercises with sides


@dataclass
class Report:
    first: date
    last: date
    exercises: list[ExerciseReport]
    rest_days: list[tuple[date, str]]
    sessions: int
    by_status: dict[str, int]
    pain: stats.PainTrend
    mean_before: float | None
    mean_after: float | None
    notes: list[tuple[str, str]]  # (YYYY-MM-DD HH:MM, note), oldest first

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def build_report(
    sessions: Iterable[Mapping[str, Any]],
    targets: Mapping[str, int],
    rest_days: Iterable[Mapping[str, Any]],
    today: date,
    days: int = 30,
) -> Report:
    """The last `days` calendar days up to `today`. `targets` {exercise id: per day}, in the order to show."""
    first = today - timedelta(days=days - 1)
    chosen = [s for s in sessions if first <= stats.session_day(s) <= today]
    per_day = stats.daily(chosen)
    exercises = {ex: ExerciseReport(ex, n) for ex, n in targets.items() if n > 0}
    for s in chosen:
        for e in s["exercises"]:
            item = exercises.setdefault(e["exercise_id"], ExerciseReport(e["exercise_id"], 0))
            item.sets.done += e["sets_done"]
            item.sets.planned += e["sets_planned"]
            if e.get("side"):
                foot = item.by_foot.setdefault(e["side"], SetsDone())
                foot.done += e["sets_done"]
                foot.planned += e["sets_planned"]
    for item in exercises.values():
        if item.target:
            item.days_met = sum(1 for st in per_day.values() if st.done.get(item.id, 0) >= item.target)
    rests = []
    for r in rest_days:
        day = date.fromisoformat(r["date"])
        if first <= day <= today:
            rests.append((day, str(r.get("note", ""))))
    by_status = {status: 0 for status in sorted(FINAL_STATUSES)}
    for s in chosen:
        by_status[s["status"]] = by_status.get(s["status"], 0) + 1
    return Report(
        first=first,
        last=today,
        exercises=list(exercises.values()),
        rest_days=sorted(rests),
        sessions=len(chosen),
        by_status=by_status,
        pain=stats.pain_trend(chosen, today, days=days),
        mean_before=_mean([s["pain_before"] for s in chosen if s.get("pain_before") is not None]),
        mean_after=_mean([s["pain_after"] for s in chosen if s.get("pain_after") is not None]),
        notes=[(s["started_at"][:16].replace("T", " "), s["note"]) for s in chosen if s.get("note", "").strip()],
    )
