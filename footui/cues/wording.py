"""What each cue is called and what it says: one sentence per event, shared by the voice, the cue command and
any plain-text output. Plain functions of the plan; the screens and the command line only show or send them."""

from __future__ import annotations

from dataclasses import dataclass

from footui.session.plan import PREPARE, REST, WORK, Plan
from footui.text.cleaning import clean

# The cue command's first argument: one of these.
EVENTS = ("prepare", "work", "rest", "switch", "count", "pause", "resume", "finish", "stop")
NUMBERS = {1: "one", 2: "two", 3: "three"}
COUNT_FROM = 3  # the last three seconds of a hold...
COUNT_ABOVE = 3  # ...that is longer than three seconds


@dataclass(frozen=True)
class Cue:
    event: str  # one of EVENTS
    sentence: str


def _foot(side: str | None) -> str:
    return f"{side} foot" if side else ""


def phase_cue(plan: Plan, index: int) -> Cue:
    """The cue at the start of phase `index`: a new exercise (or foot), the hold, or the rest."""
    phase = plan.phases[index]
    entry = plan.entries[phase.entry_index]
    if phase.kind == REST:
        return Cue("rest", "Rest.")
    action = "Get ready." if phase.kind == PREPARE else f"{clean(entry.exercise.cue).capitalize()}."
    first_of_entry = index == 0 or plan.phases[index - 1].entry_index != phase.entry_index
    if not first_of_entry:
        return Cue("work" if phase.kind == WORK else "prepare", action)
    previous = plan.entries[phase.entry_index - 1] if phase.entry_index > 0 else None
    if previous is not None and previous.exercise.id == entry.exercise.id and entry.side:
        return Cue("switch", f"Switch to the {_foot(entry.side)}. {action}")
    name = clean(entry.exercise.name)
    where = f"{name}, {_foot(entry.side)}" if entry.side else name
    return Cue("prepare" if phase.kind == PREPARE else "work", f"{where}. {action}")


def count_cue(seconds_left: int) -> Cue:
    return Cue("count", f"{NUMBERS[seconds_left].capitalize()}.")


def counts_down(plan: Plan, index: int) -> bool:
    """Whether the last seconds of this phase are counted aloud: holds longer than three seconds."""
    phase = plan.phases[index]
    return phase.kind == WORK and phase.duration > COUNT_ABOVE


def pause_cue() -> Cue:
    return Cue("pause", "Paused.")


def resume_cue() -> Cue:
    return Cue("resume", "Resume.")


def finish_cue() -> Cue:
    return Cue("finish", "Session complete.")


def stop_cue() -> Cue:
    return Cue("stop", "Session stopped.")
