"""The session state machine: runs a plan's phases against an injected monotonic clock.

Every phase ends at a deadline; the next deadline is chained from the previous one (never from "now"), so late
ticks cannot make the session drift. `tick()` may be called at any rate: it only compares the clock with the
deadline. Each completed set is reported the moment its hold ends, so it can be saved at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from footui.session.plan import WORK, Entry, Phase, Plan

READY, RUNNING, PAUSED, FINISHED, STOPPED = "ready", "running", "paused", "finished", "stopped"
SLEEP_JUMP_S = 5.0
SLEEP_REASON = "the computer was asleep"


@dataclass(frozen=True)
class SetCompleted:
    entry_index: int
    exercise_id: str
    side: str | None
    set_no: int
    at: float  # monotonic time the hold ended


@dataclass(frozen=True)
class PhaseStarted:
    index: int
    phase: Phase


@dataclass(frozen=True)
class Finished:
    at: float


@dataclass(frozen=True)
class AutoPaused:
    reason: str


Event = SetCompleted | PhaseStarted | Finished | AutoPaused


class Engine:
    def __init__(
        self, plan: Plan, clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time
    ) -> None:
        self.plan = plan
        self._clock = clock
        self._wall = wall
        self.status = READY
        self.index = 0
        self.deadline = 0.0
        self._paused_remaining = 0.0
        self.pause_reason = ""
        self.sets_done = [0] * len(plan.entries)
        self._wall_offset = 0.0
        self.ended_at: float | None = None

    # --- what the screen shows ------------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self.plan.phases[self.index]

    @property
    def entry(self) -> Entry:
        return self.plan.entries[self.phase.entry_index]

    @property
    def active(self) -> bool:
        return self.status in (RUNNING, PAUSED)

    def remaining(self) -> float:
        if self.status == PAUSED:
            return self._paused_remaining
        if self.status == RUNNING:
            return max(0.0, self.deadline - self._clock())
        return self.phase.duration if self.status == READY else 0.0

    def phase_fraction(self) -> float:
        return 1.0 - self.remaining() / self.phase.duration

    def session_fraction(self) -> float:
        """Time-weighted: planned seconds behind us over planned seconds in all."""
        if self.status == FINISHED:
            return 1.0
        done = self.phase.start_offset + self.phase.duration - self.remaining()
        return done / self.plan.planned_s

    def exercise_fraction(self) -> float:
        start, end = self.plan.exercise_span(self.phase.exercise_index)
        if self.status == FINISHED:
            return 1.0
        done = self.phase.start_offset + self.phase.duration - self.remaining()
        # A resumed session's GET READY may begin before its exercise did (it reaches back into done phases).
        return min(1.0, max(0.0, (done - start) / (end - start)))

    def seconds_to_deadline(self) -> float | None:
        return max(0.0, self.deadline - self._clock()) if self.status == RUNNING else None

    # --- commands -------------------------------------------------------------------------------------------
    def start(self) -> list[Event]:
        if self.status != READY:
            return []
        now = self._clock()
        self.status = RUNNING
        self._wall_offset = self._wall() - now
        self.deadline = now + self.phase.duration
        return [PhaseStarted(self.index, self.phase)]

    def tick(self) -> list[Event]:
        """Advance past every deadline that has passed; pause if the machine slept."""
        if self.status != RUNNING:
            return []
        now = self._clock()
        offset = self._wall() - now
        slept = offset - self._wall_offset > SLEEP_JUMP_S
        self._wall_offset = offset
        events: list[Event] = []
        while self.status == RUNNING and now >= self.deadline:  # monotonic time passed while awake: it counts
            events.extend(self._complete_phase())
            events.extend(self._advance(self.deadline))
        if slept and self.status == RUNNING:
            # A suspended machine's monotonic clock stood still; the person did not: wait for them.
            self.pause(SLEEP_REASON)
            events.append(AutoPaused(SLEEP_REASON))
        return events

    def pause(self, reason: str = "") -> None:
        if self.status == RUNNING:
            self._paused_remaining = max(0.0, self.deadline - self._clock())
            self.status = PAUSED
            self.pause_reason = reason

    def resume(self) -> None:
        if self.status == PAUSED:
            self.status = RUNNING
            self.pause_reason = ""
            now = self._clock()
            self._wall_offset = self._wall() - now
            self.deadline = now + self._paused_remaining

    def toggle_pause(self) -> None:
        if self.status == RUNNING:
            self.pause()
        else:
            self.resume()

    def skip(self) -> list[Event]:
        """Go to the next phase now. A hold that is skipped is not a completed set."""
        if not self.active:
            return []
        if self.status == RUNNING and self._clock() >= self.deadline:
            return self.tick()  # the phase already ended (its tick is late): count it and skip nothing more
        return self._advance(self._clock())

    def back(self) -> None:
        """Start the current phase again from its full time (a hold, a rest or the get-ready)."""
        if self.status == RUNNING:
            self.deadline = self._clock() + self.phase.duration
        elif self.status == PAUSED:
            self._paused_remaining = self.phase.duration

    def stop(self) -> None:
        if self.active:
            self.status = STOPPED
            self.ended_at = self._clock()

    # --- internals ------------------------------------------------------------------------------------------
    def _complete_phase(self) -> list[Event]:
        phase = self.phase
        if phase.kind != WORK:
            return []
        self.sets_done[phase.entry_index] += 1
        entry = self.plan.entries[phase.entry_index]
        return [SetCompleted(phase.entry_index, entry.exercise.id, entry.side, phase.set_no, self.deadline)]

    def _advance(self, start: float) -> list[Event]:
        if self.index + 1 >= len(self.plan.phases):
            self.status = FINISHED
            self.ended_at = start
            return [Finished(start)]
        self.index += 1
        self.deadline = start + self.phase.duration
        if self.status == PAUSED:
            self._paused_remaining = self.phase.duration
        return [PhaseStarted(self.index, self.phase)]
