"""Exercises and routines: the built-in catalogue plus the user's `routines.toml`, validated.

A broken user file never stops footui: every problem is reported as `routines.toml:LINE: message`, the
valid parts are still used, and the built-ins always work. footui writes this file only when you save in the
editor (`footui.content.editing`), keeping your comments and layout.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from footui.config import locations
from footui.content import catalogue
from footui.content.dosage import NO_CHANGE, DosageChange
from footui.content.pictures import Keyframe, builtin_pictures
from footui.text.cleaning import has_control
from footui.text.nesting import read_regular

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MAX_NAME = 60
MAX_FILE_BYTES = 1_000_000  # a routines file is a few kB; a bigger one is not one


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    sets: int
    hold_s: float
    rest_s: float = 0
    sides: str = "none"
    per_day: int = 0
    cue: str = "HOLD"
    steps: tuple[str, ...] = ()
    why: str = ""
    equipment: tuple[str, ...] = ()
    source: str = ""
    builtin: bool = False
    pictures: tuple[Keyframe, ...] = ()  # drawn for the right foot (see content/pictures.py)

    @property
    def side_list(self) -> tuple[str | None, ...]:
        return ("left", "right") if self.sides == "both" else (None,)


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    exercises: tuple[str, ...]
    prepare_s: float = 5
    description: str = ""
    builtin: bool = False
    dosage: tuple[DosageChange, ...] = ()  # per entry of `exercises` (empty: no entry changes its dosage)

    def change_at(self, index: int) -> DosageChange:
        return self.dosage[index] if index < len(self.dosage) else NO_CHANGE


@dataclass
class Library:
    exercises: dict[str, Exercise] = field(default_factory=dict)
    routines: dict[str, Routine] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def routine_exercises(self, routine: Routine) -> list[Exercise]:
        """The routine's exercises with the routine's own dosage applied (ids unchanged)."""
        return [routine.change_at(i).applied_to(self.exercises[ex_id]) for i, ex_id in enumerate(routine.exercises)]

    def targets(self) -> dict[str, int]:
        return {ex.id: ex.per_day for ex in self.exercises.values() if ex.per_day > 0}

    def names(self) -> dict[str, str]:
        return {ex.id: ex.name for ex in self.exercises.values()}


def builtin_library() -> Library:
    lib = Library()
    for raw in catalogue.EXERCISES:
        data = dict(raw)
        data["steps"] = tuple(data["steps"])
        data["equipment"] = tuple(data["equipment"])
        pictures = builtin_pictures().get(data["id"], ())
        lib.exercises[data["id"]] = Exercise(builtin=True, pictures=pictures, **data)
    for raw in catalogue.ROUTINES:
        data = dict(raw, exercises=tuple(raw["exercises"]))
        lib.routines[data["id"]] = Routine(builtin=True, **data)
    return lib


def load_library(path: Path | None = None) -> Library:
    """The built-ins plus whatever is valid in the user's routines file (default: the config dir's)."""
    lib = builtin_library()
    path = locations.routines_file() if path is None else path
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        if path.is_symlink():  # there is a routines.toml, but it points nowhere: say so rather than ignore it
            lib.problems.append(f"{path.name}:1: it is a link to a file that does not exist")
        return lib
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        lib.problems.append(f"{path.name}:1: cannot read it ({reason})")
        return lib
    from footui.content.validation import check_user_file

    exercises, routines, problems = check_user_file(raw, path.name, lib)
    lib.exercises.update({ex.id: ex for ex in exercises})
    lib.routines.update({r.id: r for r in routines})
    lib.problems.extend(problems)
    return lib


def planned_seconds(routine: Routine, exercises: list[Exercise]) -> float:
    """GET READY + sets holds + rests between them, for every exercise and side."""
    total = 0.0
    for ex in exercises:
        per_side = routine.prepare_s + ex.sets * ex.hold_s + (ex.sets - 1) * ex.rest_s
        total += per_side * len(ex.side_list)
    return total


def is_number(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)  # isfinite(10**400) would raise OverflowError


def valid_name(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= MAX_NAME and not has_control(value)
