"""`footui report`: its figures against a history computed by hand, and both formats."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from footui.cli.main import main
from footui.cli.report import render
from footui.history.report import build_report
from footui.history.store import HistoryStore

PLUS1 = timezone(timedelta(hours=1))
TARGETS = {"toe-press": 3, "toe-pencil-pickups": 1, "toe-walking": 2}
NAMES = {"toe-press": "Toe press", "toe-pencil-pickups": "Toe pencil pickups", "toe-walking": "Toe walking"}
TODAY = date(2026, 11, 24)


def s(n: int, day: int, hour: int, status: str, *entries, before=None, after=None, note="") -> dict:
    """entries: (exercise_id, side, planned, done)."""
    started = datetime(2026, 11, day, hour, tzinfo=PLUS1).isoformat()
    exercises = [
        {"exercise_id": ex, "side": side, "sets_planned": p, "sets_done": d, "hold_s": 3, "rest_s": 3}
        for ex, side, p, d in entries
    ]
    return {
        "id": f"s{n}", "routine_id": "r", "routine_name": "R", "started_at": started, "ended_at": started,
        "status": status, "planned_sets": sum(e["sets_planned"] for e in exercises), "exercises": exercises,
        "pain_before": before, "pain_after": after, "note": note,
    }  # fmt: skip


PRESS = ("toe-press", None, 10, 10)
WALK = ("toe-walking", None, 2, 2)
HISTORY = [
    s(0, 17, 8, "completed", PRESS, after=9, note="outside the 7 days"),
    s(1, 18, 8, "completed", PRESS, WALK, before=6, after=5, note="stiff"),
    s(2, 18, 12, "completed", PRESS, WALK, after=4),
    s(3, 18, 18, "completed", PRESS, after=4),
    s(4, 22, 8, "stopped", ("toe-press", None, 10, 4), after=3),
    s(5, 22, 9, "completed", PRESS, ("toe-pencil-pickups", "left", 5, 5), ("toe-pencil-pickups", "right", 5, 5),
      after=3),
    s(6, 24, 8, "stopped", PRESS, ("toe-pencil-pickups", "left", 5, 5), ("toe-pencil-pickups", "right", 5, 3),
      before=4, after=2, note="left better"),
    s(7, 24, 12, "completed", PRESS, after=2),
    s(8, 24, 18, "completed", PRESS),
]  # fmt: skip
REST = [{"date": "2026-11-23", "note": "flare-up"}, {"date": "2026-11-10", "note": "outside"}]


def test_figures_by_hand():
    r = build_report(HISTORY, TARGETS, REST, TODAY, days=7)
    assert (r.first, r.last, r.days) == (date(2026, 11, 18), TODAY, 7)
    press, pickups, walking = r.exercises
    # toe press: met on the 18th and the 24th (3 each); 7 sessions of 10 and one of 4 out of 10
    assert (press.days_met, press.sets.done, press.sets.planned, press.by_foot) == (2, 74, 80, {})
    # pickups: met on the 22nd only (the 24th's right foot stopped at 3 of 5)
    assert (pickups.days_met, pickups.sets.done, pickups.sets.planned) == (1, 18, 20)
    assert {f: (v.done, v.planned) for f, v in pickups.by_foot.items()} == {"left": (10, 10), "right": (8, 10)}
    assert (walking.days_met, walking.sets.done, walking.sets.planned) == (1, 4, 4)
    assert r.rest_days == [(date(2026, 11, 23), "flare-up")]
    assert r.sessions == 8 and r.by_status == {"completed": 6, "interrupted": 0, "stopped": 2}
    assert r.mean_before == 5.0 and round(r.mean_after, 4) == round(23 / 7, 4)
    # trend: first half 18th-20th (5, 4, 4), second half 21st-24th (3, 3, 2, 2)
    assert r.pain.earlier == 13 / 3 and r.pain.later == 2.5 and r.pain.direction == "lower"
    assert r.pain.mean_relief == 1.5 and r.pain.scores == 7
    assert r.notes == [("2026-11-18 08:00", "stiff"), ("2026-11-24 08:00", "left better")]


def test_text_and_markdown():
    r = build_report(HISTORY, TARGETS, REST, TODAY, days=7)
    text = render(r, NAMES, markdown=False)
    assert "footui report: 2026-11-18 to 2026-11-24 (7 days)" in text
    assert "Toe press           3             2 of 7           74 of 80 (92%)" in text
    assert "  right foot                                       8 of 10 (80%)" in text
    assert "Rest days: 1 - 2026-11-23 (flare-up)" in text
    assert "Sessions: 8 (completed 6, interrupted 0, stopped 2)" in text
    assert "Pain before sessions: mean 5.0; after: mean 3.3; relief during a session: mean +1.5" in text
    assert "lower: 4.3 in the first half, 2.5 in the second (change -1.8, 7 scores)" in text
    assert "  2026-11-24 08:00: left better" in text and "outside" not in text
    md = render(r, dict(NAMES, **{"toe-press": "Toe *press* | x"}), markdown=True)
    assert md.startswith("# footui report: 2026-11-18 to 2026-11-24 (7 days)\n")
    assert "| Toe \\*press\\* \\| x | 3 | 2 of 7 | 74 of 80 (92%) |" in md
    assert "- Rest days: 1 - 2026-11-23 (flare-up)" in md and "## Notes" in md


def test_command_without_a_terminal(footui_dirs, capsys):
    now = datetime.now().astimezone()
    store = HistoryStore(footui_dirs[1])
    store.merge([dict(HISTORY[1], started_at=now.isoformat(), ended_at=now.isoformat(), note="ok \x1b[2J")])
    store.mark_rest_day(now.date() - timedelta(days=1), "flare")
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "(30 days)" in out and "Sessions: 1 (completed 1" in out and "ok ␛[2J" in out and "(flare)" in out
    assert main(["report", "--days", "1", "--format", "markdown"]) == 0
    assert "(1 day)" in capsys.readouterr().out
