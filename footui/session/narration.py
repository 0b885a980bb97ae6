"""A session told as plain sentences, one line per event: for `footui start --plain` (screen readers, braille
displays, logs, the slowest links). No Textual, no escape sequences: every piece of user text goes through
`clean`, and the lines carry no colour or cursor movement.

Countdown marks are said only at MARKS seconds before a phase ends; `next_wake` tells the caller the next
monotonic moment something is to be said, so it can sleep until then instead of ticking.
"""

from __future__ import annotations

from footui.session.engine import (
    FINISHED,
    RUNNING,
    SLEEP_REASON,
    AutoPaused,
    Engine,
    Event,
    Finished,
    PhaseStarted,
)
from footui.session.plan import PREPARE, REST, Entry, Phase, Plan
from footui.text import formatting
from footui.text.cleaning import clean

MARKS = (10, 5, 3, 2, 1)
_SLACK = 1e-6  # a wake-up aimed at a mark lands on it up to float rounding


def seconds(value: float) -> str:
    """`1 second`, `5 seconds`, `2.5 seconds`."""
    text = f"{value:g}"
    return f"{text} second" if text == "1" else f"{text} seconds"


def side_words(side: str | None) -> str:
    return f"{side} foot" if side else ""


class Narrator:
    """Turns a session's events into sentences and keeps track of which countdown marks were said."""

    def __init__(self, plan: Plan, *, interactive: bool) -> None:
        self.plan = plan
        self.interactive = interactive
        self._said_entry: int | None = None
        self._marks_said: set[int] = set()
        self._phase_index = -1

    # --- whole-session lines ------------------------------------------------------------------------------
    def opening(self, *, already_done: int = 0) -> str:
        plan = self.plan
        name = clean(plan.routine.name)
        if already_done:
            line = f"Resuming {name}: {already_done} of {plan.planned_sets} sets already done."
        else:
            line = (
                f"{name}: {_count(len(plan.exercises), 'exercise')}, {plan.planned_sets} sets, "
                f"about {formatting.duration(plan.planned_s)}."
            )
        if self.interactive:
            line += " Enter pauses, q then enter stops."
        return line

    def closing(self, sets_done: int, *, status: str, save_error: str = "") -> str:
        planned = self.plan.planned_sets
        if status == FINISHED and sets_done == planned:
            line = f"Session complete: {sets_done} of {planned} sets."
        elif status == FINISHED:
            line = f"Session over: {sets_done} of {planned} sets."
        else:
            line = f"Session stopped: {sets_done} of {planned} sets."
        if save_error:
            line += f" Not saved: {clean(save_error)}"
        elif sets_done == 0:
            line += " Nothing to save."
        return line

    def paused(self, engine: Engine) -> str:
        left = seconds(_whole(engine.remaining()))
        head = "Paused: the computer was asleep." if engine.pause_reason == SLEEP_REASON else "Paused."
        if not self.interactive:
            return f"{head} Continuing."
        return f"{head} {left} left in this phase. Press enter to resume, or q then enter to stop."

    def resumed(self, engine: Engine) -> str:
        # Marks that passed while paused are not said late.
        self._open_marks(engine)
        self._marks_said.update(m for m in MARKS if m > engine.remaining() + _SLACK)
        return f"Resumed, {seconds(_whole(engine.remaining()))} left."

    # --- events -------------------------------------------------------------------------------------------
    def lines(self, events: list[Event], engine: Engine) -> list[str]:
        out: list[str] = []
        for event in events:
            if isinstance(event, PhaseStarted):
                self._phase_index = event.index
                self._marks_said = set()
                out.append(self.phase_line(event.phase))
            elif isinstance(event, AutoPaused):
                out.append(self.paused(engine))
            elif isinstance(event, Finished):
                pass  # the caller says the closing line, with the save's outcome
        return out

    def phase_line(self, phase: Phase) -> str:
        entry = self.plan.entries[phase.entry_index]
        intro = ""
        if phase.entry_index != self._said_entry:
            intro = self._entry_intro(phase.entry_index, entry)
            self._said_entry = phase.entry_index
        if phase.kind == PREPARE:
            body = f"Get ready, {seconds(phase.duration)}."
        elif phase.kind == REST:
            body = f"Rest {seconds(phase.duration)}."
        else:
            cue = clean(entry.exercise.cue).lower()
            body = f"Set {phase.set_no} of {entry.sets}: {cue} {seconds(phase.duration)}."
        return f"{intro} {body}" if intro else body

    def _entry_intro(self, index: int, entry: Entry) -> str:
        before = self.plan.entries[index - 1] if index > 0 else None
        if before is not None and before.exercise.id == entry.exercise.id and entry.side and before.side:
            return f"Switch to the {side_words(entry.side)}."
        name = clean(entry.exercise.name)
        return f"{name}, {side_words(entry.side)}." if entry.side else f"{name}."

    # --- countdown marks ----------------------------------------------------------------------------------
    def _open_marks(self, engine: Engine) -> list[int]:
        """Marks not said yet in this phase, longest first; a mark equal to the phase is said by its start."""
        if engine.index != self._phase_index:
            self._phase_index = engine.index
            self._marks_said = set()
        return [m for m in MARKS if m < engine.phase.duration and m not in self._marks_said]

    def marks(self, engine: Engine, now: float) -> list[str]:
        """The countdown mark due now, if any. After a stall only the latest mark is said, never a burst."""
        if engine.status != RUNNING:
            return []
        remaining = engine.deadline - now
        due = [m for m in self._open_marks(engine) if remaining <= m + _SLACK]
        if not due:
            return []
        self._marks_said.update(due)
        return [str(min(due))]

    def next_wake(self, engine: Engine) -> float | None:
        """The monotonic moment of the next mark or the phase's deadline; None when nothing runs."""
        if engine.status != RUNNING:
            return None
        upcoming = [engine.deadline - m for m in self._open_marks(engine)]
        return min([engine.deadline, *upcoming])


def _whole(value: float) -> int:
    text = formatting.countdown(value)
    if ":" in text:
        minutes, secs = text.split(":")
        return int(minutes) * 60 + int(secs)
    return int(text)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
