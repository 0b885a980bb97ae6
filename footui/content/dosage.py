"""Per-routine dosage: a routine's `exercises` list may hold `{ id = "toe-press", hold_s = 5 }` beside plain ids.

The change applies to that routine only; the exercise keeps its id, so its daily target and its history stay
one. The fields are checked with the very rules the exercise's own fields are (passed in by the validator).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

DOSAGE_KEYS = ("sets", "hold_s", "rest_s", "sides")
ENTRY_KEYS = ("id", *DOSAGE_KEYS)
LIST_SHAPE = 'must be a non-empty list of exercise ids or tables such as { id = "toe-press", hold_s = 5 }'

_Item = TypeVar("_Item")


@dataclass(frozen=True)
class DosageChange:
    """What one routine changes in one exercise's dosage; None keeps the exercise's own value."""

    sets: int | None = None
    hold_s: float | None = None
    rest_s: float | None = None
    sides: str | None = None

    def fields(self) -> dict[str, Any]:
        return {key: value for key in DOSAGE_KEYS if (value := getattr(self, key)) is not None}

    def applied_to(self, exercise: _Item) -> _Item:
        changes = self.fields()
        return dataclasses.replace(exercise, **changes) if changes else exercise  # type: ignore[type-var]


NO_CHANGE = DosageChange()


def list_shape_problem(value: object) -> str:
    """ "" when `exercises` is a non-empty list of ids and `{ id = ... }` tables, else what is wrong."""
    if not isinstance(value, list) or not value:
        return LIST_SHAPE
    for item in value:
        if isinstance(item, str):
            continue
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            return LIST_SHAPE
    return ""


def entry_id(item: object) -> str:
    if isinstance(item, Mapping):
        value = item.get("id")
        return value if isinstance(value, str) else ""
    return item if isinstance(item, str) else ""


def entry_problems(
    item: object, checks: Mapping[str, Callable[[object], str]], show: Callable[[object], str]
) -> list[str]:
    """Problems of one `{ id = ..., sets = ... }` entry, worded like an exercise's (no location prefix)."""
    if not isinstance(item, Mapping):
        return []
    name = show(entry_id(item))
    problems = [
        f"unknown key {key!r} in the dosage of {name} (allowed: {', '.join(ENTRY_KEYS)})"
        for key in sorted(set(item) - set(ENTRY_KEYS))
    ]
    for key in DOSAGE_KEYS:
        if key in item:
            message = checks[key](item[key])
            if message:
                problems.append(f"routine dosage of {name}: {key} {message} (got {show(item[key])})")
    return problems


def change_of(item: object) -> DosageChange:
    """The DosageChange of a checked entry (a plain id changes nothing)."""
    if not isinstance(item, Mapping):
        return NO_CHANGE
    sets = item.get("sets")
    return DosageChange(
        sets=None if sets is None else int(sets),
        hold_s=item.get("hold_s"),
        rest_s=item.get("rest_s"),
        sides=item.get("sides"),
    )


def line_of_entry(lines: list[str], start: int, exercise_id: str) -> int:
    """The line (1-based) of `id = "exercise_id"` at or after `start` (the `exercises =` line), else `start`."""
    pattern = re.compile(r"""\bid\s*=\s*["']""" + re.escape(exercise_id) + """["']""")
    for number in range(start, min(len(lines), start + 200) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return start
