"""Resuming a session that ended early: which sessions are offered, the lock, and the same record continued."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from test_plain import FakeTime, make_runner, run

from footui.content.routines import Exercise, Library, Routine
from footui.history.resumable import claim, describe, find_resumable, is_taken
from footui.history.stats import duration_s
from footui.history.store import HistoryStore, StoreError
from footui.session.engine import Engine
from footui.session.plan import PREPARE, WORK, build_plan
from footui.session.resume import offers, resume_plan, resumed_runner


def saved(tmp_path: Path) -> list[dict]:
    path = tmp_path / "history.json"
    return json.loads(path.read_text())["sessions"] if path.exists() else []


def stop_after(tmp_path: Path, clock: FakeTime, seconds: float, reason: str):
    """A session of the quick routine (2 x 2 sets of toe press, then toe walking) stopped after `seconds`."""
    runner = make_runner(tmp_path, clock)
    runner.start()
    target = clock.t + seconds
    while clock.t < target:
        clock.t = min(target, clock.t + 0.5)
        runner.tick()
    runner.stop(reason=reason)
    return runner


def test_a_dropped_connection_is_offered_a_deliberate_stop_is_not(tmp_path: Path) -> None:
    clock = FakeTime()
    stop_after(tmp_path / "a", clock, 12, "signal")
    stop_after(tmp_path / "b", clock, 12, "user")
    [dropped] = saved(tmp_path / "a")
    [deliberate] = saved(tmp_path / "b")
    assert dropped["stop_reason"] == "signal"
    assert find_resumable([dropped, deliberate], clock.now()) == [dropped]
    assert describe(dropped) == "Quick: exercise 1 of 2, 1 of 5 sets done, stopped 08:00"
    # an interrupted session (the process died) is offered too, but not after 12 hours
    crashed = dict(dropped, status="interrupted")
    crashed.pop("stop_reason")
    assert find_resumable([crashed], clock.now()) == [crashed]
    assert find_resumable([crashed], clock.now() + timedelta(hours=12, seconds=1)) == []
    # an imported session whose id footui did not make cannot be a checkpoint in active/: not offered
    assert find_resumable([dict(crashed, id="imported-1")], clock.now()) == []


def test_the_plan_restarts_at_the_first_unfinished_set_with_a_get_ready(tmp_path: Path) -> None:
    clock = FakeTime()
    plan = make_runner(tmp_path, clock).plan
    left = resume_plan(plan, [1, 0, 0])
    first, second = left.phases[:2]
    assert (first.kind, first.entry_index, first.duration) == (PREPARE, 0, 5.0)
    assert (second.kind, second.entry_index, second.set_no) == (WORK, 0, 2)
    assert left.planned_s == plan.planned_s  # the whole routine's progress bar still adds up
    # a finished foot is skipped; the next one starts with its own GET READY
    assert resume_plan(plan, [2, 0, 0]).phases[0] == plan.phases[[p.entry_index for p in plan.phases].index(1)]


def test_resuming_continues_the_same_record_to_completed(tmp_path: Path) -> None:
    clock = FakeTime()
    first = stop_after(tmp_path, clock, 12, "signal")
    [before] = saved(tmp_path)
    clock.t += 600  # ten minutes later
    store = HistoryStore(tmp_path)
    record = claim(store, before["id"], clock.now())
    assert saved(tmp_path) == []  # it is a session in progress again
    assert (tmp_path / "active" / f"{before['id']}.json").exists()
    runner = resumed_runner(first.plan, record, store, clock=clock.monotonic, wall=clock.wall, now=clock.now)
    code, lines = run(runner, clock)
    assert code == 0
    assert lines[1] == "Toe press, left foot. Get ready, 5 seconds."
    assert lines[5] == "Set 2 of 2: hold 3 seconds."
    assert lines[-1] == "Session complete: 5 of 5 sets."
    [after] = saved(tmp_path)
    assert after["id"] == before["id"]
    assert after["status"] == "completed"
    assert after["started_at"] == before["started_at"]
    assert after["resumed_at"] == ["2026-11-24T08:10:12+01:00"]
    assert "stop_reason" not in after
    assert [e["sets_done"] for e in after["exercises"]] == [2, 2, 1]
    assert not list((tmp_path / "active").glob("*.json"))
    # the ten minutes away are not exercise: 12 s before, then 39 s from the GET READY before set 2 to the end
    assert after["away_s"] == 600
    assert duration_s(after) == 12 + 39


def test_the_exercise_meter_counts_the_sets_done_before_the_resume(tmp_path: Path) -> None:
    clock = FakeTime()
    press = Exercise(id="press", name="Toe press", sets=10, hold_s=3, rest_s=3)
    plan = build_plan(Routine(id="tp", name="Toe press only", exercises=("press",), prepare_s=5), [press])
    engine = Engine(resume_plan(plan, [3]), clock=clock.monotonic, wall=clock.wall)
    engine.start()
    # GET READY before set 4 starts 18 s into the 62 s the routine takes, the one exercise as the whole session
    assert engine.session_fraction() == pytest.approx(18 / 62)
    assert engine.exercise_fraction() == pytest.approx(18 / 62)
    clock.t += 5 + 1.5
    engine.tick()
    assert engine.exercise_fraction() == pytest.approx(engine.session_fraction())


def test_the_exercise_meter_stays_between_empty_and_full_when_the_get_ready_reaches_back(tmp_path: Path) -> None:
    clock = FakeTime()
    first = Exercise(id="a", name="A", sets=1, hold_s=20)
    quick = Exercise(id="b", name="B", sets=3, hold_s=1, rest_s=0)
    plan = build_plan(Routine(id="r", name="R", exercises=("a", "b"), prepare_s=0), [first, quick])
    engine = Engine(resume_plan(plan, [1, 1]), clock=clock.monotonic, wall=clock.wall)
    engine.start()  # the 5 s GET READY before B's set 2 starts before B itself did
    assert engine.exercise_fraction() == 0.0


def test_two_processes_racing_to_resume_only_one_wins(tmp_path: Path) -> None:
    clock = FakeTime()
    stop_after(tmp_path, clock, 12, "signal")
    [before] = saved(tmp_path)
    winner, loser = HistoryStore(tmp_path), HistoryStore(tmp_path)
    claim(winner, before["id"], clock.now())
    assert is_taken(loser, before["id"])
    with pytest.raises(StoreError, match="another footui is resuming this session"):
        claim(loser, before["id"], clock.now())


def test_a_resumed_session_cannot_be_resumed_again_once_finished(tmp_path: Path) -> None:
    clock = FakeTime()
    first = stop_after(tmp_path, clock, 12, "signal")
    sid = saved(tmp_path)[0]["id"]
    store = HistoryStore(tmp_path)
    runner = resumed_runner(first.plan, claim(store, sid, clock.now()), store, clock=clock.monotonic)
    run(runner, clock)
    with pytest.raises(StoreError, match="finished or was resumed already"):
        claim(HistoryStore(tmp_path), sid, clock.now())


def test_a_resumed_session_that_dies_again_keeps_every_set(tmp_path: Path) -> None:
    """kill -9 during the resumed run: its checkpoint (with the later sets) wins over the older record."""
    clock = FakeTime()
    first = stop_after(tmp_path, clock, 12, "signal")
    sid = saved(tmp_path)[0]["id"]
    store = HistoryStore(tmp_path)
    runner = resumed_runner(first.plan, claim(store, sid, clock.now()), store, clock=clock.monotonic)
    runner.start()
    for _ in range(70):  # 17.5 s more: the second set of the left foot and the first of the right
        clock.t += 0.25
        runner.tick()
    for lock in store._session_locks.values():  # the process dies: its locks go with it
        lock.release()
    store._session_locks.clear()
    [recovered] = HistoryStore(tmp_path).load()
    assert recovered["id"] == sid
    assert recovered["status"] == "interrupted"
    assert [e["sets_done"] for e in recovered["exercises"]] == [2, 1, 0]


def test_offers_skip_a_routine_that_changed(tmp_path: Path) -> None:
    clock = FakeTime()
    first = stop_after(tmp_path, clock, 12, "signal")
    [session] = saved(tmp_path)
    routine = first.plan.routine
    exercises = list(first.plan.exercises)
    library = Library(routines={routine.id: routine}, exercises={e.id: e for e in exercises})
    assert [s["id"] for s, _ in offers(library, [session], clock.now())] == [session["id"]]
    fewer = Exercise(id="press", name="Toe press", sets=5, hold_s=3, rest_s=3, sides="both")
    changed = Library(routines={routine.id: routine}, exercises={"press": fewer, "walk": exercises[1]})
    assert offers(changed, [session], clock.now()) == []
    assert offers(Library(routines={}, exercises={}), [session], clock.now()) == []
    assert build_plan(Routine(id="x", name="x", exercises=("press",)), [fewer]).planned_sets == 10


def test_history_and_its_csv_leave_out_the_time_away(
    footui_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Dropped at 15:53:56, resumed at 15:54:10: 1:40 from start to end, 1:26 of it exercise."""
    import csv
    import io

    from footui.cli.main import main

    clock = FakeTime()
    runner = make_runner(footui_dirs[1], clock)
    record = dict(
        runner.record,
        started_at="2026-11-24T15:52:16+01:00",
        ended_at="2026-11-24T15:53:56+01:00",
        status="completed",
        resumed_at=["2026-11-24T15:54:10+01:00"],
        away_s=14,
    )
    for item in record["exercises"]:
        item["sets_done"] = item["sets_planned"]
    HistoryStore(footui_dirs[1]).merge([record])
    assert main(["history"]) == 0
    assert " 1 min 26 s " in capsys.readouterr().out
    assert main(["history", "--format", "csv"]) == 0
    [row] = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["duration_s"] == "86"
