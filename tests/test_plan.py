"""Routine -> phases: GET READY, then sets with a REST between them, for every exercise and side."""

from __future__ import annotations

import pytest

from footui.content.routines import Exercise, Routine, builtin_library, planned_seconds
from footui.session.plan import PREPARE, REST, WORK, build_plan

QUICK_PRESS = Exercise(id="quick-press", name="Quick press", sets=3, hold_s=1, rest_s=1)


def plan_of(routine_id: str):
    lib = builtin_library()
    routine = lib.routines[routine_id]
    return build_plan(routine, lib.routine_exercises(routine))


def test_quick_example_plans_64_s() -> None:
    toe_press = builtin_library().exercises["toe-press"]
    quick = Routine(id="quick", name="Quick", exercises=("quick-press", "toe-press"), prepare_s=1)
    plan = build_plan(quick, [QUICK_PRESS, toe_press])
    assert plan.planned_s == (1 + 3 + 2) + (1 + 30 + 27) == 64
    assert plan.planned_s == planned_seconds(quick, [QUICK_PRESS, toe_press])
    assert [p.kind for p in plan.phases[:6]] == [PREPARE, WORK, REST, WORK, REST, WORK]
    assert plan.planned_sets == 13


@pytest.mark.parametrize("routine_id", ["back-relief", "no-equipment", "toe-press-only"])
def test_plan_matches_the_formula_and_is_contiguous(routine_id: str) -> None:
    plan = plan_of(routine_id)
    assert plan.planned_s == planned_seconds(plan.routine, list(plan.exercises))
    offset = 0.0
    for phase in plan.phases:
        assert phase.start_offset == offset and phase.duration > 0
        offset += phase.duration
    assert offset == plan.planned_s


def test_back_relief_phases() -> None:
    plan = plan_of("back-relief")
    assert plan.planned_s == 552
    assert [(e.exercise.id, e.side) for e in plan.entries] == [
        ("toe-press", None),
        ("toe-pencil-pickups", "left"),
        ("toe-pencil-pickups", "right"),
        ("toe-walking", None),
        ("resisted-flexion", None),
        ("ankle-circles", "left"),
        ("ankle-circles", "right"),
    ]
    assert plan.planned_sets == 10 + 5 + 5 + 5 + 10 + 1 + 1
    work = [p for p in plan.phases if p.kind == WORK]
    assert len(work) == plan.planned_sets
    # each entry's holds are numbered 1..sets, in order, and belong to that entry
    for index, entry in enumerate(plan.entries):
        mine = [p for p in work if p.entry_index == index]
        assert [p.set_no for p in mine] == list(range(1, entry.sets + 1))
        assert all(p.duration == entry.exercise.hold_s for p in mine)
    rests = [p for p in plan.phases if p.kind == REST]
    assert len(rests) == sum(e.sets - 1 for e in plan.entries if e.exercise.rest_s > 0)
    assert sum(p.kind == PREPARE for p in plan.phases) == len(plan.entries)
    # ankle circles have no rest: GET READY, CIRCLE for each leg
    tail = plan.phases[-4:]
    assert [(p.kind, p.entry_index) for p in tail] == [(PREPARE, 5), (WORK, 5), (PREPARE, 6), (WORK, 6)]
    assert tail[1].label(plan.entries[5]) == "CIRCLE"
    assert tail[0].label(plan.entries[5]) == "GET READY"
    assert plan.phases[2].label(plan.entries[0]) == "REST" and plan.phases[2].set_no == 2


def test_exercise_span() -> None:
    plan = plan_of("back-relief")
    assert plan.exercise_span(0) == (0, 62)
    assert plan.exercise_span(1) == (62, 62 + 150)
    assert plan.exercise_span(4) == (552 - 30, 552)


def test_zero_rest_and_zero_prepare_make_no_phase() -> None:
    ex = Exercise(id="x", name="X", sets=3, hold_s=2, rest_s=0, sides="both")
    plan = build_plan(Routine(id="r", name="R", exercises=("x",), prepare_s=0), [ex])
    assert [p.kind for p in plan.phases] == [WORK] * 6
    assert plan.planned_s == 12 == planned_seconds(plan.routine, [ex])


def test_nothing_to_time_is_an_error() -> None:
    with pytest.raises(ValueError):
        build_plan(Routine(id="r", name="R", exercises=(), prepare_s=5), [])
