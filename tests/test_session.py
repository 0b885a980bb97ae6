"""SessionRunner: the engine's sets reach history.json as they complete, with a fake clock and a real store."""

from __future__ import annotations

import errno
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from footui.content.routines import Exercise, Routine
from footui.history.files import AtomicWriter
from footui.history.store import HistoryStore
from footui.session.plan import build_plan
from footui.session.runner import SessionRunner

START = datetime(2026, 11, 24, 8, 0, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def monotonic(self) -> float:
        return self.t

    def wall(self) -> float:
        return self.t + 1.7e9

    def now(self) -> datetime:
        return START + timedelta(seconds=self.t - 100.0)


class FullDisk(AtomicWriter):
    def write_all(self, fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def make_runner(tmp_path: Path, clock: FakeClock, writer: AtomicWriter | None = None) -> SessionRunner:
    press = Exercise(id="press", name="Press", sets=3, hold_s=2, rest_s=1, sides="both", per_day=1)
    routine = Routine(id="quick", name="Quick", exercises=("press",), prepare_s=1)
    store = HistoryStore(tmp_path, writer=writer)
    return SessionRunner(build_plan(routine, [press]), store, clock=clock.monotonic, wall=clock.wall, now=clock.now)


def saved(tmp_path: Path) -> list[dict]:
    path = tmp_path / "history.json"
    return json.loads(path.read_text())["sessions"] if path.exists() else []


def run_for(runner: SessionRunner, clock: FakeClock, seconds: float, step: float = 0.25) -> None:
    end = clock.t + seconds
    while clock.t < end:
        clock.t = min(end, clock.t + step)
        runner.tick()


def test_a_whole_session_is_saved_completed_with_every_set(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    run_for(runner, clock, 2 * (1 + 3 * 2 + 2 * 1))
    [session] = saved(tmp_path)
    assert session["status"] == "completed"
    assert [(e["side"], e["sets_done"]) for e in session["exercises"]] == [("left", 3), ("right", 3)]
    assert session["planned_sets"] == 6
    assert session["ended_at"] == "2026-11-24T08:00:18+01:00"


def test_each_set_is_on_disk_the_moment_it_completes(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    run_for(runner, clock, 1 + 2)  # get ready + the first hold
    [checkpoint] = list((tmp_path).rglob("*.json"))
    assert json.loads(checkpoint.read_text())["exercises"][0]["sets_done"] == 1
    # A later footui (a fresh store) that found the owner dead would keep this set; here the owner is alive:
    assert saved(tmp_path) == []


def test_stop_keeps_completed_sets_as_stopped(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    run_for(runner, clock, 1 + 2 + 1 + 1)  # one set done, into the second hold
    runner.stop()
    [session] = saved(tmp_path)
    assert session["status"] == "stopped"
    assert [e["sets_done"] for e in session["exercises"]] == [1, 0]


def test_a_session_with_no_completed_set_is_not_recorded(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    run_for(runner, clock, 2)
    runner.stop()
    assert saved(tmp_path) == []


def test_skipping_a_hold_makes_the_session_stopped_not_completed(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    run_for(runner, clock, 1.5)  # in the first hold
    runner.skip()
    run_for(runner, clock, 30)
    [session] = saved(tmp_path)
    assert session["status"] == "stopped"
    assert sum(e["sets_done"] for e in session["exercises"]) == 5


def test_a_full_disk_keeps_the_session_in_memory_and_saves_it_once_there_is_room(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock, writer=FullDisk())
    runner.start()
    run_for(runner, clock, 30)
    assert "disk" in runner.save_error.lower() or "space" in runner.save_error.lower()
    assert "\n" not in runner.save_error
    assert saved(tmp_path) == []
    assert runner.sets_done == 6
    runner.store.writer = AtomicWriter()  # space freed
    runner.retry_save()
    assert runner.save_error == ""
    [session] = saved(tmp_path)
    assert session["status"] == "completed"


def test_pain_and_note_are_added_to_the_saved_session(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    run_for(runner, clock, 30)
    runner.annotate(pain_after=10)
    runner.annotate(note="felt [bold]ok[/]")
    [session] = saved(tmp_path)
    assert session["pain_after"] == 10
    assert session["note"] == "felt [bold]ok[/]"


def test_the_end_time_is_the_last_deadline_even_when_the_tick_is_late(tmp_path: Path) -> None:
    clock = FakeClock()
    runner = make_runner(tmp_path, clock)
    runner.start()
    clock.t += 18 + 4.0  # the machine was busy: the tick that sees the end comes 4 s late
    runner.tick()
    [session] = saved(tmp_path)
    assert session["ended_at"] == "2026-11-24T08:00:18+01:00"
