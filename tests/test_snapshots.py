"""Snapshot tests of every screen at 80x24 and 120x40, with a frozen fake clock and fixed data.

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from ui_helpers import START, FakeClock, advance, make_app

from footui.config.settings import Settings
from footui.content.routines import builtin_library, planned_seconds
from footui.history.store import HistoryStore
from footui.ui.screens.session import SessionScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

# back-relief: toe press is 5 s get-ready + 10 holds of 3 s + 9 rests of 3 s = 62 s; then the pencil pickups
# on the left foot: 5 s get-ready and a 10 s hold. 71 s in, the first pickup hold has 6 s left.
INTO_PICKUP_HOLD = 62 + 5 + 4
# Then pencil pickups (2 x 75 s), toe walking (165 s), resisted flexion (145 s), ankle circles on the left (15 s);
# the right foot's circle starts after its 5 s get-ready: 3 s in, the fourth keyframe (toes in) is showing.
INTO_RIGHT_CIRCLE = 62 + 150 + 165 + 145 + 15 + 5 + 3


def toe_press_record(n: int, started, *, done: int = 10, pain_after: int | None = None, note: str = "") -> dict:
    return {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "routine_id": "toe-press-only",
        "routine_name": "Toe press (3x a day)",
        "started_at": started.isoformat(timespec="seconds"),
        "ended_at": (started + timedelta(seconds=62 if done == 10 else 6 * done)).isoformat(timespec="seconds"),
        "status": "completed" if done == 10 else "stopped",
        "planned_sets": 10,
        "exercises": [
            {"exercise_id": "toe-press", "side": None, "sets_planned": 10, "sets_done": done, "hold_s": 3, "rest_s": 3}
        ],
        "pain_before": None,
        "pain_after": pain_after,
        "note": note,
    }


def seed_history(tmp_path: Path) -> None:
    """Three days of toe presses before the fixed `now` (2026-11-24 08:00 +01:00), one stopped early."""
    sessions = []
    n = 0
    for days_ago, hours, done, pain in [
        (3, (7, 12, 19), 10, 4),
        (2, (7, 18), 10, 3),
        (1, (8, 13, 20), 10, 2),
        (0, (7,), 4, None),
    ]:
        for hour in hours:
            n += 1
            started = START.replace(hour=hour) - timedelta(days=days_ago)
            sessions.append(toe_press_record(n, started, done=done, pain_after=pain if hour < 9 else None))
    HistoryStore(tmp_path / "data").merge(sessions)


def builtin_app(tmp_path: Path, **kwargs):
    return make_app(tmp_path, builtin_library(), clock=FakeClock(), **kwargs)


@pytest.mark.parametrize("size", SIZES)
def test_routine_list(snap_compare, tmp_path: Path, size) -> None:
    app, _ = builtin_app(tmp_path)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_session_mid_hold(snap_compare, tmp_path: Path, size) -> None:
    app, clock = builtin_app(tmp_path, start_routine="back-relief")

    async def into_the_hold(pilot) -> None:
        await advance(pilot, clock, INTO_PICKUP_HOLD)
        assert isinstance(pilot.app.screen, SessionScreen)

    assert snap_compare(app, run_before=into_the_hold, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_session_right_foot_circles(snap_compare, tmp_path: Path, size) -> None:
    app, clock = builtin_app(tmp_path, start_routine="back-relief")

    async def into_the_circle(pilot) -> None:
        await advance(pilot, clock, INTO_RIGHT_CIRCLE)
        assert isinstance(pilot.app.screen, SessionScreen)

    assert snap_compare(app, run_before=into_the_circle, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_session_paused(snap_compare, tmp_path: Path, size) -> None:
    app, clock = builtin_app(tmp_path, start_routine="back-relief")

    async def into_the_hold(pilot) -> None:
        await advance(pilot, clock, INTO_PICKUP_HOLD)

    assert snap_compare(app, run_before=into_the_hold, press=["space"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_summary_with_high_pain(snap_compare, tmp_path: Path, size) -> None:
    app, clock = builtin_app(tmp_path, start_routine="no-equipment")

    library = app.library
    routine = library.routines["no-equipment"]
    planned = planned_seconds(routine, library.routine_exercises(routine))  # 4 min 17 s, the time shown

    async def finish(pilot) -> None:
        await advance(pilot, clock, planned)

    assert snap_compare(app, run_before=finish, press=["8", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, tmp_path: Path, size) -> None:
    seed_history(tmp_path)
    app, _ = builtin_app(tmp_path)
    assert snap_compare(app, press=["h"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help_over_a_session(snap_compare, tmp_path: Path, size) -> None:
    app, clock = builtin_app(tmp_path, start_routine="back-relief")

    async def into_the_hold(pilot) -> None:
        await advance(pilot, clock, INTO_PICKUP_HOLD)

    assert snap_compare(app, run_before=into_the_hold, press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_stop_confirmation(snap_compare, tmp_path: Path, size) -> None:
    app, clock = builtin_app(tmp_path, start_routine="back-relief")

    async def into_the_hold(pilot) -> None:
        await advance(pilot, clock, INTO_PICKUP_HOLD)

    assert snap_compare(app, run_before=into_the_hold, press=["escape"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_health_note_on_first_run(snap_compare, tmp_path: Path, size) -> None:
    app, _ = builtin_app(tmp_path, settings=Settings(seen_health_note=False))
    assert snap_compare(app, terminal_size=size)


def seed_month(tmp_path: Path) -> None:
    """A fixed month before `now` (2026-11-24 08:00 +01:00): the full routine most mornings, pain after from 6
    down to 3 (before a point higher, every third day), the right foot's pickups short on some days, a rest day."""
    sessions = []
    for days_ago in range(29, -1, -1):
        if days_ago in (12, 5):  # missed days (the 5th is marked a rest day below)
            continue
        started = START - timedelta(days=days_ago)
        r = toe_press_record(100 + days_ago, started, pain_after=3 + days_ago // 10 if days_ago % 2 == 0 else 4)
        r["routine_id"], r["routine_name"] = "back-relief", "Back-pain relief"
        right = 3 if days_ago % 4 == 0 else 5
        r["exercises"] += [
            {"exercise_id": "toe-pencil-pickups", "side": "left", "sets_planned": 5, "sets_done": 5,
             "hold_s": 10, "rest_s": 5},
            {"exercise_id": "toe-pencil-pickups", "side": "right", "sets_planned": 5, "sets_done": right,
             "hold_s": 10, "rest_s": 5},
        ]  # fmt: skip
        r["planned_sets"] = 20
        r["status"] = "completed" if right == 5 else "stopped"
        if days_ago % 3 == 0:
            r["pain_before"] = r["pain_after"] + 1
        sessions.append(r)
    store = HistoryStore(tmp_path / "data")
    store.merge(sessions)
    store.mark_rest_day((START - timedelta(days=5)).date(), "flare-up")


@pytest.mark.parametrize("size", SIZES)
def test_history_charts(snap_compare, tmp_path: Path, size) -> None:
    seed_month(tmp_path)
    app, _ = builtin_app(tmp_path)
    assert snap_compare(app, press=["h", "c"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_history_month(snap_compare, tmp_path: Path, size) -> None:
    seed_month(tmp_path)
    app, _ = builtin_app(tmp_path)
    assert snap_compare(app, press=["h"], terminal_size=size)


def test_history_with_a_repair_notice(snap_compare, tmp_path: Path, monkeypatch) -> None:
    import json

    from footui.history import store as store_module

    seed_history(tmp_path)
    history = tmp_path / "data" / "history.json"
    doc = json.loads(history.read_bytes())
    doc["sessions"].append({"id": "broken"})
    history.write_text(json.dumps(doc))
    monkeypatch.setattr(store_module, "local_now", lambda: START)
    app, _ = builtin_app(tmp_path)
    assert snap_compare(app, press=["h"], terminal_size=(80, 24))


def test_export_asks_again_with_the_reason(snap_compare, tmp_path: Path) -> None:
    seed_history(tmp_path)
    app, _ = builtin_app(tmp_path)

    async def type_a_bad_path(pilot) -> None:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path").value = "no-such-folder/history.csv"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, run_before=type_a_bad_path, terminal_size=(80, 24))
