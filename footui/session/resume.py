"""Continuing a session that ended early: the plan from the first unfinished set on, with a GET READY first,
and a runner that keeps the same history record (same id, real start, every set already done). No Textual."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from footui.content.routines import Library
from footui.history.resumable import find_resumable
from footui.history.store import HistoryStore, local_now

if TYPE_CHECKING:  # imported where used: the app asks for `offers` at start, and there is rarely one to make
    from footui.session.plan import Plan
    from footui.session.runner import SessionRunner

DEFAULT_GET_READY_S = 5.0  # a resumed exercise always gets a GET READY, even in a routine without one


def done_per_entry(plan: Plan, record: dict[str, Any]) -> list[int]:
    """The record's sets done per (exercise, side), in plan order. ValueError if the routine has changed since
    (other exercises, sides or set counts): then the record cannot be mapped onto the plan."""
    items = record["exercises"]
    shape = [(e.exercise.id, e.side, e.sets) for e in plan.entries]
    recorded = [(i["exercise_id"], i["side"], i["sets_planned"]) for i in items]
    if shape != recorded:
        raise ValueError("its routine has changed since, so it cannot be continued")
    return [int(i["sets_done"]) for i in items]


def resume_plan(plan: Plan, done: list[int]) -> Plan:
    """The phases still to do: each unfinished (exercise, side) from its first set not done, after a GET READY."""
    from footui.session.plan import PREPARE, REST, WORK, Phase, Plan

    phases: list[Phase] = []
    for entry_index, entry in enumerate(plan.entries):
        already = done[entry_index]
        if already >= entry.sets:
            continue
        mine = [p for p in plan.phases if p.entry_index == entry_index]
        todo = [
            p for p in mine if (p.kind == WORK and p.set_no > already) or (p.kind == REST and p.set_no > already + 1)
        ]
        prepare = next((p for p in mine if p.kind == PREPARE), None)
        if prepare is not None and already == 0:
            phases.append(prepare)
        elif already > 0 or not phases:
            get_ready = float(plan.routine.prepare_s or DEFAULT_GET_READY_S)
            first = todo[0]
            start = max(0.0, first.start_offset - get_ready)
            phases.append(Phase(PREPARE, get_ready, entry_index, first.exercise_index, first.set_no, start))
        phases.extend(todo)
    if not phases:
        raise ValueError("every set is already done")
    return Plan(plan.routine, plan.exercises, plan.entries, tuple(phases), whole=plan.whole or plan)


def resumed_runner(
    plan: Plan,
    record: dict[str, Any],
    store: HistoryStore | None,
    *,
    clock: Callable[[], float] = time.monotonic,
    wall: Callable[[], float] = time.time,
    now: Callable[[], datetime] = local_now,
) -> SessionRunner:
    """A runner that continues `record` (claimed with `footui.history.resumable.claim`) on the full plan."""
    from footui.session.runner import SessionRunner

    done = done_per_entry(plan, record)
    runner = SessionRunner(resume_plan(plan, done), store, clock=clock, wall=wall, now=now)
    runner.record = record
    runner.engine.sets_done = list(done)
    return runner


def offers(library: Library, sessions: list[dict[str, Any]], now: datetime) -> list[tuple[dict[str, Any], Plan]]:
    """Resumable sessions (newest first) whose routine still exists unchanged, each with its full plan."""
    found = []
    for session in find_resumable(sessions, now):
        routine = library.routines.get(session["routine_id"])
        if routine is None:
            continue
        from footui.session.plan import build_plan

        plan = build_plan(routine, library.routine_exercises(routine))
        try:
            done_per_entry(plan, session)
        except ValueError:
            continue
        found.append((session, plan))
    return found
