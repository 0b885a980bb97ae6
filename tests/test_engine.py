"""The session engine against a fake clock: on time, no drift, every set once, pause/skip/back/stop, sleep."""

from __future__ import annotations

import random

import pytest

from footui.content.routines import Exercise, Routine, builtin_library
from footui.session.engine import (
    FINISHED,
    PAUSED,
    READY,
    RUNNING,
    SLEEP_REASON,
    STOPPED,
    AutoPaused,
    Engine,
    Finished,
    PhaseStarted,
    SetCompleted,
)
from footui.session.plan import PREPARE, REST, WORK, Plan, build_plan

T0 = 1000.25  # not a round number, but exact in binary


class FakeClock:
    """Monotonic and wall clock together; moving `wall_offset` alone is what a suspended laptop does."""

    def __init__(self, now: float = T0) -> None:
        self.now = now
        self.wall_offset = 1.7e9

    def __call__(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.now + self.wall_offset

    def advance(self, seconds: float) -> None:
        self.now += seconds


def thirty_minutes() -> Plan:
    a = Exercise(id="a", name="A", sets=20, hold_s=30, rest_s=15, sides="both")  # 2 x (5 + 600 + 285)
    b = Exercise(id="b", name="B", sets=1, hold_s=15)  # 5 + 15
    plan = build_plan(Routine(id="half-hour", name="Half hour", exercises=("a", "b"), prepare_s=5), [a, b])
    assert plan.planned_s == 1800
    return plan


def back_relief() -> Plan:
    lib = builtin_library()
    routine = lib.routines["back-relief"]
    return build_plan(routine, lib.routine_exercises(routine))


def started(plan: Plan) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    engine = Engine(plan, clock=clock, wall=clock.wall)
    assert engine.status == READY and engine.remaining() == plan.phases[0].duration
    assert engine.start() == [PhaseStarted(0, plan.phases[0])]
    assert engine.start() == []
    return engine, clock


def run_to_end(engine: Engine, clock: FakeClock, step, limit: int = 100_000) -> list:
    events: list = []
    for _ in range(limit):
        if engine.status == FINISHED:
            return events
        clock.advance(step())
        events.extend(engine.tick())
    raise AssertionError("the session never finished")


def expected_sets(plan: Plan) -> list[tuple[int, str, str | None, int]]:
    entries = plan.entries
    return [
        (p.entry_index, entries[p.entry_index].exercise.id, entries[p.entry_index].side, p.set_no)
        for p in plan.phases
        if p.kind == WORK
    ]


def check_run(plan: Plan, events: list, t0: float = T0, extra: float = 0.0) -> None:
    sets = [e for e in events if isinstance(e, SetCompleted)]
    assert [(e.entry_index, e.exercise_id, e.side, e.set_no) for e in sets] == expected_sets(plan)
    work = [p for p in plan.phases if p.kind == WORK]
    if not extra:  # each set ends exactly at its planned time
        assert [e.at for e in sets] == [t0 + p.start_offset + p.duration for p in work]
    starts = [e.index for e in events if isinstance(e, PhaseStarted)]
    assert starts == list(range(1, len(plan.phases)))
    finished = [e for e in events if isinstance(e, Finished)]
    assert finished == [Finished(t0 + plan.planned_s + extra)]
    assert events[-1] == finished[0]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_thirty_minutes_end_exactly_on_time_with_jittery_late_ticks(seed: int) -> None:
    plan = thirty_minutes()
    engine, clock = started(plan)
    rng = random.Random(seed)
    events = run_to_end(engine, clock, lambda: 0.37 + rng.uniform(-0.2, 0.6))
    check_run(plan, events)
    assert engine.sets_done == [20, 20, 1]
    assert engine.ended_at == T0 + 1800 and engine.remaining() == 0 and engine.session_fraction() == 1.0


def test_a_stall_in_the_middle_loses_nothing() -> None:
    plan = thirty_minutes()
    engine, clock = started(plan)
    ticks = iter([0.37] * 2000 + [7.0] + [0.37] * 100_000)
    events = run_to_end(engine, clock, lambda: next(ticks))
    check_run(plan, events)


def test_one_late_tick_catches_up_through_several_phases() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    clock.advance(5 + 3 + 3 + 3 + 0.5)  # past GET READY, hold 1, rest, hold 2
    events = engine.tick()
    assert [type(e) for e in events] == [
        PhaseStarted,
        SetCompleted,
        PhaseStarted,
        PhaseStarted,
        SetCompleted,
        PhaseStarted,
    ]
    assert [e.at for e in events if isinstance(e, SetCompleted)] == [T0 + 8, T0 + 14]
    assert engine.index == 4 and engine.remaining() == pytest.approx(2.5)
    events += run_to_end(engine, clock, lambda: 60.0)  # even a tick a minute keeps the plan
    check_run(plan, events)


def test_no_drift_deadlines_are_chained() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    while engine.status == RUNNING:
        # tick 0.9 s after every deadline: "now + duration" would lose 0.9 s a phase
        assert engine.deadline == T0 + engine.phase.start_offset + engine.phase.duration
        clock.now = engine.deadline + 0.9
        engine.tick()
    assert engine.ended_at == T0 + 552


def test_pause_and_resume_add_the_pause_length() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    clock.advance(100.5)
    events = engine.tick()
    remaining = engine.remaining()
    engine.pause()
    assert engine.status == PAUSED and engine.seconds_to_deadline() is None
    clock.advance(42)
    assert engine.tick() == [] and engine.remaining() == remaining
    engine.pause()  # already paused: nothing changes
    engine.resume()
    assert engine.status == RUNNING and engine.remaining() == remaining
    engine.toggle_pause()
    clock.advance(8)
    engine.toggle_pause()
    events += run_to_end(engine, clock, lambda: 0.5)
    check_run(plan, events, extra=50)
    assert engine.ended_at == T0 + 552 + 42 + 8


def test_toggle_pause_before_start_does_nothing() -> None:
    clock = FakeClock()
    engine = Engine(back_relief(), clock=clock, wall=clock.wall)
    engine.toggle_pause()
    engine.pause()
    assert engine.status == READY and engine.tick() == [] and engine.skip() == []


def go_to(engine: Engine, clock: FakeClock, kind: str, nth: int = 1) -> None:
    """Tick forward to the start of the nth phase of this kind (nth counts from the current one)."""
    seen = 0
    while True:
        if engine.phase.kind == kind:
            seen += 1
            if seen == nth:
                return
        clock.now = engine.deadline
        engine.tick()


@pytest.mark.parametrize("kind", [PREPARE, WORK, REST])
def test_skip_each_kind_of_phase(kind: str) -> None:
    plan = back_relief()
    engine, clock = started(plan)
    go_to(engine, clock, kind, nth=2)
    index, done = engine.index, list(engine.sets_done)
    clock.advance(0.7)
    events = engine.skip()
    assert events == [PhaseStarted(index + 1, plan.phases[index + 1])]
    assert engine.sets_done == done  # a skipped hold is not a completed set
    assert engine.deadline == clock.now + engine.phase.duration and engine.status == RUNNING
    rest = run_to_end(engine, clock, lambda: 0.5)
    sets = [e for e in rest if isinstance(e, SetCompleted)]
    skipped = 1 if kind == WORK else 0
    assert len(sets) + sum(done) == plan.planned_sets - skipped
    assert isinstance(rest[-1], Finished)
    assert rest[-1].at == pytest.approx(T0 + 552 - plan.phases[index].duration + 0.7)


def test_skip_the_last_phase_finishes() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    while engine.index < len(plan.phases) - 1:
        clock.now = engine.deadline
        engine.tick()
    clock.advance(3)
    assert engine.skip() == [Finished(clock.now)]
    assert engine.status == FINISHED and engine.sets_done[-1] == 0 and engine.ended_at == clock.now
    assert engine.skip() == [] and engine.tick() == []


def test_skip_after_the_deadline_counts_the_finished_hold() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    go_to(engine, clock, WORK)
    clock.now = engine.deadline + 0.002  # the hold ended; the tick has not run yet
    events = engine.skip()
    assert [type(e) for e in events] == [SetCompleted, PhaseStarted]
    assert engine.sets_done[0] == 1 and engine.phase.kind == REST  # the rest was not skipped as well


def test_skip_while_paused_stays_paused_with_the_next_phase_full() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    clock.advance(1)
    engine.tick()
    engine.pause()
    left = engine.remaining()
    assert left != plan.phases[1].duration  # or a skip that kept the time left would pass by coincidence
    engine.skip()
    assert engine.status == PAUSED and engine.index == 1 and engine.remaining() == plan.phases[1].duration
    clock.advance(30)
    engine.resume()
    assert engine.deadline == clock.now + plan.phases[1].duration


@pytest.mark.parametrize("kind", [PREPARE, WORK, REST, "last"])
def test_back_restarts_the_current_phase_with_full_time(kind: str) -> None:
    plan = back_relief()
    engine, clock = started(plan)
    if kind == "last":
        while engine.index < len(plan.phases) - 1:
            clock.now = engine.deadline
            engine.tick()
    else:
        go_to(engine, clock, kind, nth=2)
    index, done = engine.index, list(engine.sets_done)
    clock.advance(engine.phase.duration * 0.6)
    engine.tick()
    engine.back()
    assert engine.index == index and engine.sets_done == done
    assert engine.remaining() == engine.phase.duration
    clock.advance(engine.phase.duration * 0.3)  # so that the time left when paused is not the full time
    engine.tick()
    engine.pause()
    assert engine.remaining() != engine.phase.duration
    clock.advance(1)
    engine.back()
    assert engine.remaining() == engine.phase.duration and engine.status == PAUSED
    engine.resume()
    clock.advance(engine.phase.duration)
    events = engine.tick()
    if kind == WORK:
        assert isinstance(events[0], SetCompleted) and events[0].set_no == plan.phases[index].set_no
    if kind == "last":
        assert events[-1] == Finished(clock.now) and engine.sets_done[-1] == 1


def test_stop() -> None:
    engine, clock = started(back_relief())
    clock.advance(20)
    engine.tick()
    engine.stop()
    assert engine.status == STOPPED and engine.ended_at == clock.now and not engine.active
    clock.advance(600)
    assert engine.tick() == [] and engine.skip() == []
    engine.resume()
    engine.stop()
    assert engine.status == STOPPED and engine.ended_at == clock.now - 600


def test_sleep_pauses_with_a_reason_and_keeps_the_remaining_time() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    clock.advance(3)
    engine.tick()
    before = engine.remaining()
    clock.advance(1)
    clock.wall_offset += 59  # wall clock: +60 s; monotonic: +1 s
    assert engine.tick() == [AutoPaused(SLEEP_REASON)]
    assert engine.status == PAUSED and engine.pause_reason == SLEEP_REASON
    assert engine.remaining() == before - 1  # the sleep itself did not eat the phase
    clock.advance(120)
    assert engine.remaining() == before - 1
    engine.resume()
    assert engine.pause_reason == "" and engine.tick() == []  # the wall jump is not counted twice
    events = run_to_end(engine, clock, lambda: 0.5)
    assert events[-1] == Finished(T0 + 552 + 120)


def test_small_wall_clock_steps_do_not_pause() -> None:
    engine, clock = started(back_relief())
    clock.advance(1)
    clock.wall_offset += 4.5  # NTP-sized correction
    engine.tick()
    clock.wall_offset -= 300  # the wall clock going back is never a sleep
    clock.advance(1)
    engine.tick()
    assert engine.status == RUNNING


def test_fractions() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    assert engine.session_fraction() == 0 and engine.phase_fraction() == 0
    clock.advance(276)
    engine.tick()
    assert engine.session_fraction() == pytest.approx(0.5)
    assert engine.seconds_to_deadline() == engine.remaining()
    start, end = plan.exercise_span(engine.phase.exercise_index)
    assert engine.exercise_fraction() == pytest.approx((276 - start) / (end - start))


def test_a_hold_that_ended_before_the_sleep_still_counts() -> None:
    plan = back_relief()
    engine, clock = started(plan)
    clock.advance(5)
    engine.tick()  # the first hold (3 s) is running
    clock.advance(3.5)  # the hold ended while awake; then the lid closed before the next tick
    clock.wall_offset += 3600
    events = engine.tick()
    assert [type(e) for e in events] == [SetCompleted, PhaseStarted, AutoPaused]
    assert events[0].at == T0 + 8 and engine.sets_done[0] == 1
    assert engine.status == PAUSED and engine.phase.kind == REST and engine.remaining() == 2.5
    engine.skip()  # skipping the rest loses nothing
    assert engine.sets_done[0] == 1 and engine.phase.kind == WORK
