"""A routine becomes a flat list of timed phases: GET READY, then the sets with a REST between them."""

from __future__ import annotations

from dataclasses import dataclass

from footui.content.routines import Exercise, Routine

PREPARE, WORK, REST = "prepare", "work", "rest"


@dataclass(frozen=True)
class Entry:
    """One (exercise, side) pair: the unit the history counts sets in."""

    exercise: Exercise
    side: str | None

    @property
    def sets(self) -> int:
        return self.exercise.sets


@dataclass(frozen=True)
class Phase:
    kind: str
    duration: float
    entry_index: int
    exercise_index: int
    set_no: int  # the set being held; for a REST, the set that comes next
    start_offset: float  # planned seconds from the start of the session to the start of this phase

    def label(self, entry: Entry) -> str:
        if self.kind == PREPARE:
            return "GET READY"
        if self.kind == REST:
            return "REST"
        return entry.exercise.cue


@dataclass(frozen=True)
class Plan:
    routine: Routine
    exercises: tuple[Exercise, ...]
    entries: tuple[Entry, ...]
    phases: tuple[Phase, ...]
    # A resumed session's plan holds only the phases left to do; the whole plan keeps each exercise's real span,
    # so the exercise meter counts the sets done before the resume.
    whole: Plan | None = None

    @property
    def planned_s(self) -> float:
        last = self.phases[-1]
        return last.start_offset + last.duration

    @property
    def planned_sets(self) -> int:
        return sum(entry.sets for entry in self.entries)

    def exercise_span(self, exercise_index: int) -> tuple[float, float]:
        """Planned (start, end) offsets of one exercise, all sides included."""
        phases = self.whole.phases if self.whole is not None else self.phases
        mine = [p for p in phases if p.exercise_index == exercise_index]
        return mine[0].start_offset, mine[-1].start_offset + mine[-1].duration


def build_plan(routine: Routine, exercises: list[Exercise]) -> Plan:
    entries: list[Entry] = []
    phases: list[Phase] = []
    offset = 0.0

    def add(kind: str, duration: float, set_no: int, exercise_index: int) -> None:
        nonlocal offset
        if duration > 0:  # a zero rest or get-ready is no phase at all
            phases.append(Phase(kind, float(duration), len(entries) - 1, exercise_index, set_no, offset))
            offset += duration

    for exercise_index, exercise in enumerate(exercises):
        for side in exercise.side_list:
            entries.append(Entry(exercise, side))
            add(PREPARE, routine.prepare_s, 1, exercise_index)
            for set_no in range(1, exercise.sets + 1):
                if set_no > 1:
                    add(REST, exercise.rest_s, set_no, exercise_index)
                add(WORK, exercise.hold_s, set_no, exercise_index)
    if not phases:
        raise ValueError(f"routine {routine.id!r} has nothing to time")
    return Plan(routine, tuple(exercises), tuple(entries), tuple(phases))
