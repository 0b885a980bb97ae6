"""Today's figures for `footui today`: each exercise with a daily target, both streaks, and whether anything is due.

Pure; no Textual. The three ways of showing them (`text`, `short`, `json`) are here too, so that the summary
cache can keep them ready-made for the next prompt.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date
from typing import Any

from footui.history import stats
from footui.text.cleaning import clean

SHORT_WIDTH = 20  # a tmux status segment or a prompt


@dataclass(frozen=True)
class ExerciseToday:
    id: str
    name: str
    done: int
    target: int


@dataclass(frozen=True)
class TodaySummary:
    day: date
    exercises: tuple[ExerciseToday, ...]
    streak: int  # days in a row with at least one session, rest days bridging it
    streak_targets: int  # days in a row with every daily target met, rest days bridging it
    sessions: int
    rest_day: bool
    line: str  # the text format, as the app's history view shows it

    @property
    def due(self) -> bool:
        """Any target of the day still unmet; never on a rest day (it is a day off)."""
        return not self.rest_day and any(e.done < e.target for e in self.exercises)

    def text(self) -> str:
        return self.line + (" · rest day" if self.rest_day else "")

    def short(self) -> str:
        """At most SHORT_WIDTH characters, e.g. "feet 5/8": target sets of the day done, of all targets."""
        if not self.exercises:
            out = f"feet {self.sessions} today"
        else:
            done = sum(min(e.done, e.target) for e in self.exercises)
            out = f"feet {done}/{sum(e.target for e in self.exercises)}"
        return (out + (" rest" if self.rest_day else ""))[:SHORT_WIDTH]

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "exercises": [{"id": e.id, "name": e.name, "done": e.done, "target": e.target} for e in self.exercises],
            "streak": self.streak,
            "streak_targets": self.streak_targets,
            "due": self.due,
            "rest_day": self.rest_day,
        }

    def json_text(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False)


def summarize(
    days: Mapping[date, stats.DayStats],
    targets: Mapping[str, int],
    names: Mapping[str, str],
    rest: Set[date],
    today: date,
) -> TodaySummary:
    """`days` from `stats.daily(sessions)`; `targets` {exercise id: per day}; `rest` the rest days' dates."""
    goals = {ex: n for ex, n in targets.items() if n > 0}
    st = days.get(today, stats.DayStats(today))
    active = {d for d, s in days.items() if s.sessions}
    met = {d for d, s in days.items() if s.targets_met(goals)} if goals else active
    return TodaySummary(
        day=today,
        exercises=tuple(ExerciseToday(ex, clean(names.get(ex, ex)), st.done.get(ex, 0), n) for ex, n in goals.items()),
        streak=stats.streak_back_from(active, rest, today),
        streak_targets=stats.streak_back_from(met, rest, today),
        sessions=st.sessions,
        rest_day=today in rest,
        line=stats.today_line((), goals, names, today, days=dict(days), rest=rest),
    )
