"""Validate the user's routines.toml and say, per problem, which line is wrong and what is allowed."""

from __future__ import annotations

import bisect
import difflib
import math
import re
import sys
from collections.abc import Callable
from typing import Any

from footui.content import dosage
from footui.content.pictures import MAX_FRAMES, art_problem, from_user
from footui.content.routines import (
    ID_PATTERN,
    MAX_FILE_BYTES,
    MAX_NAME,
    Exercise,
    Library,
    Routine,
    is_number,
    valid_name,
)
from footui.text.cleaning import has_control, shorten
from footui.text.nesting import toml_too_deep

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXERCISE_KEYS = {
    "id",
    "name",
    "steps",
    "sets",
    "hold_s",
    "rest_s",
    "sides",
    "per_day",
    "cue",
    "why",
    "equipment",
    "source",
    "pictures",
}
EXERCISE_REQUIRED = ("id", "name", "sets", "hold_s")
ROUTINE_KEYS = {"id", "name", "exercises", "prepare_s", "description"}
ROUTINE_REQUIRED = ("id", "name", "exercises")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")


class _Lines:
    """Finds the line of `[[kind]]` block number n, and of a key inside it, in the raw text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.blocks: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, start=1):
            match = re.match(r"\s*\[\[\s*([A-Za-z_-]+)\s*\]\]", line)
            if match:
                self.blocks.setdefault(match.group(1), []).append(number)
        self.starts = sorted(n for block in self.blocks.values() for n in block)

    def of(self, kind: str, index: int, key: str | None = None) -> int:
        starts = self.blocks.get(kind, [])
        if index >= len(starts):
            return 1
        start = starts[index]
        if key is None:
            return start
        later = bisect.bisect_right(self.starts, start)  # the next block of any kind (linear overall, not quadratic)
        end = self.starts[later] if later < len(self.starts) else len(self.lines) + 1
        name, table = re.escape(key), re.escape(f"{kind}.{key}")
        pattern = re.compile(rf"\s*(?:[\"']?{name}[\"']?\s*=|\[\s*{table}\s*\])")  # `key =` or `[kind.key]`
        for number in range(start + 1, end):
            if pattern.match(self.lines[number - 1]):
                return number
        return start


MAX_DEPTH = 8  # a routine nests 2 deep ([[routine]] holding a list)
SHOWN = 60  # characters of a bad value quoted in a message
MAX_PROBLEMS = 200


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(shorten(value, SHOWN))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return "a number with more than 15 digits"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return shorten(repr(value), SHOWN)


def _number(low: float, high: float, *, whole: bool = False, above: bool = False) -> Callable[[object], str]:
    def check(value: object) -> str:
        kind = "a whole number" if whole else "a number"
        allowed = f"{kind} above {low:g} and at most {high:g}" if above else f"{kind} from {low:g} to {high:g}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be {allowed}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be a finite number ({allowed})"
        if whole and value != int(value):
            return f"must be {allowed}"
        if whole and isinstance(value, float):
            return f"must be {allowed}, written without a decimal point"
        if (value <= low if above else value < low) or value > high:
            return f"is out of range ({allowed})"
        return ""

    return check


def _text(value: object) -> str:
    if not isinstance(value, str):
        return "must be a text in quotes"
    if has_control(value):
        return "must not contain control characters"
    if not value.strip() or len(value) > MAX_NAME:
        return f"must be 1 to {MAX_NAME} characters"
    return ""


def _identifier(value: object) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        return "must be 1 to 40 of a-z, 0-9 and '-', starting with a letter or digit"
    return ""


def _prose_control(value: str) -> bool:
    """Control characters other than line breaks and tabs (a step may be written over two lines)."""
    return has_control(value.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def _text_list(value: object) -> str:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return 'must be a list of texts, e.g. ["first", "second"]'
    if len(value) > 20:
        return "must have at most 20 items"
    for number, item in enumerate(value, start=1):
        if _prose_control(item):
            return f"item {number} must not contain control characters"
        if len(item) > 400:
            return f"item {number} must be at most 400 characters"
    return ""


def _long_text(value: object) -> str:
    if not isinstance(value, str) or len(value) > 400:
        return "must be a text of at most 400 characters"
    return "must not contain control characters" if _prose_control(value) else ""


def _sides(value: object) -> str:
    return "" if value in ("none", "both") else 'must be "none" or "both" (left, then right)'


def _cue(value: object) -> str:
    if not isinstance(value, str) or has_control(value) or not 0 < len(value.strip()) <= 12:
        return "must be 1 to 12 characters with no control characters"
    return ""


def _pictures(value: object) -> str:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return 'must be a list of texts, e.g. ["""...""", """..."""]'
    if not 1 <= len(value) <= MAX_FRAMES:
        return f"must have 1 to {MAX_FRAMES} pictures"
    for number, art in enumerate(value, start=1):
        problem = art_problem(art)
        if problem:
            return f"picture {number} {problem}"
    return ""


EXERCISE_CHECKS: dict[str, Callable[[object], str]] = {
    "id": _identifier,
    "name": _text,
    "steps": _text_list,
    "equipment": _text_list,
    "sets": _number(1, 100, whole=True),
    "hold_s": _number(0, 3600, above=True),
    "rest_s": _number(0, 3600),
    "sides": _sides,
    "per_day": _number(0, 24, whole=True),
    "cue": _cue,
    "why": _long_text,
    "source": _long_text,
    "pictures": _pictures,
}
ROUTINE_CHECKS: dict[str, Callable[[object], str]] = {
    "id": _identifier,
    "name": _text,
    "prepare_s": _number(0, 600),
    "description": _long_text,
    "exercises": dosage.list_shape_problem,  # ids, or `{ id = ..., sets = ... }` dosage tables
}


def _check_table(
    kind: str,
    index: int,
    table: object,
    keys: set[str],
    required: tuple[str, ...],
    checks: dict[str, Callable[[object], str]],
    where: Callable[..., str],
) -> list[str]:
    if not isinstance(table, dict):
        return [f"{where(kind, index)}: each [[{kind}]] must be a table"]
    problems = []
    for key in sorted(set(table) - keys):
        problems.append(f"{where(kind, index, key)}: unknown key {_show(key)} in [[{kind}]] ({_suggest(key, keys)})")
    for key in required:
        if key not in table:
            problems.append(f"{where(kind, index)}: [[{kind}]] is missing {key!r}")
    for key, check in checks.items():
        if key in table:
            message = check(table[key])
            if message:
                got = _show(table[key])
                problems.append(f"{where(kind, index, key)}: {kind} {key} {message} (got {got})")
    return problems


def _suggest(key: str, keys: set[str]) -> str:
    """ "did you mean 'hold_s'?" when one allowed key is close (difflib), else the allowed keys."""
    bare = {name.strip("[]"): name for name in keys}  # "[[exercise]]" is matched as "exercise"
    close = difflib.get_close_matches(key[:100], sorted(bare), n=1, cutoff=0.6)
    if close:
        name = bare[close[0]]
        return f"did you mean {name}?" if name.startswith("[") else f"did you mean {name!r}?"
    return f"allowed: {', '.join(sorted(keys))}"


def parse_toml(raw: bytes, filename: str) -> tuple[dict[str, Any], str, str]:
    """(data, text, "") or ({}, text, one problem line): bounded in size, nesting and number length, and a
    UTF-8 byte-order mark (Windows editors write one) is allowed."""
    if len(raw) > MAX_FILE_BYTES:
        return {}, "", f"{filename}:1: the file is larger than {MAX_FILE_BYTES // 1_000_000} MB"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, "", f"{filename}:1: the file is not UTF-8 text"
    if toml_too_deep(text, MAX_DEPTH):
        return {}, text, f"{filename}:1: arrays, tables or dotted keys are nested more than {MAX_DEPTH} levels deep"
    try:
        return tomllib.loads(text), text, ""
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.search(str(exc))
        line = (match.group(1) or str(max(1, len(text.splitlines())))) if match else "1"
        reason = shorten(_TOML_POSITION.sub("", str(exc)).strip(), 100)
        return {}, text, f"{filename}:{line}: TOML syntax error: {reason}"
    except (ValueError, RecursionError):  # a whole number of thousands of digits (the interpreter's own limit)
        return {}, text, f"{filename}:1: a number is too long (more than 4300 digits)"


def check_user_file(raw: bytes, filename: str, builtins: Library) -> tuple[list[Exercise], list[Routine], list[str]]:
    """Parse and validate; return the valid exercises and routines and one line per problem."""
    data, text, problem = parse_toml(raw, filename)
    if problem:
        return [], [], [problem]
    lines = _Lines(text)

    def where(kind: str, index: int, key: str | None = None) -> str:
        return f"{filename}:{lines.of(kind, index, key)}"

    problems = [
        f"{filename}:1: unknown top-level key {_show(key)} ({_suggest(key, {'[[exercise]]', '[[routine]]'})})"
        for key in sorted(set(data) - {"exercise", "routine"})
    ]
    exercises: list[Exercise] = []
    seen_exercises: set[str] = set()
    for index, table in enumerate(_as_list(data.get("exercise", []))):
        found = _check_table("exercise", index, table, EXERCISE_KEYS, EXERCISE_REQUIRED, EXERCISE_CHECKS, where)
        ex_id = _id_of(table)
        found.extend(
            _id_clash("exercise", ex_id, set(builtins.exercises), seen_exercises, where("exercise", index, "id"))
        )
        problems.extend(found)
        if not found:
            exercises.append(_exercise(table))
    known = set(builtins.exercises) | {ex.id for ex in exercises}
    routines: list[Routine] = []
    seen_routines: set[str] = set()
    for index, table in enumerate(_as_list(data.get("routine", []))):
        found = _check_table("routine", index, table, ROUTINE_KEYS, ROUTINE_REQUIRED, ROUTINE_CHECKS, where)
        r_id = _id_of(table)
        found.extend(_id_clash("routine", r_id, set(builtins.routines), seen_routines, where("routine", index, "id")))
        if isinstance(table, dict) and not ROUTINE_CHECKS["exercises"](table.get("exercises")):
            found.extend(_dosage_problems(table["exercises"], lines, where("routine", index, "exercises")))
            for ex_id in map(dosage.entry_id, table["exercises"]):
                if ex_id not in known:
                    hint = " (it has a problem above)" if ex_id in seen_exercises else ""
                    found.append(
                        f"{where('routine', index, 'exercises')}: unknown exercise id "
                        f"{_show(ex_id)} "
                        f"in routine {_show(r_id)}{hint}"
                    )
        problems.extend(found)
        if not found:
            routines.append(
                Routine(
                    id=table["id"],
                    name=table["name"],
                    exercises=tuple(map(dosage.entry_id, table["exercises"])),
                    dosage=tuple(map(dosage.change_of, table["exercises"])),
                    prepare_s=table.get("prepare_s", 5),
                    description=table.get("description", ""),
                )
            )
    if not isinstance(data.get("exercise", []), list) or not isinstance(data.get("routine", []), list):
        problems.append(f"{filename}:1: write exercises as [[exercise]] and routines as [[routine]] tables")
    problems.sort(key=_line_number)
    if len(problems) > MAX_PROBLEMS:  # a file of thousands of broken tables: the first ones say enough
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], f"{filename}: ... and {more} more problem(s)"]
    return exercises, routines, problems


def _dosage_problems(entries: list[Any], lines: _Lines, where: str) -> list[str]:
    """Per-routine dosage tables, checked with the exercise's own per-field rules, each at its own line."""
    filename, _, start = where.rpartition(":")
    problems = []
    for item in entries:
        for message in dosage.entry_problems(item, EXERCISE_CHECKS, _show):
            line = dosage.line_of_entry(lines.lines, int(start), dosage.entry_id(item))
            problems.append(f"{filename}:{line}: {message}")
    return problems


def _line_number(problem: str) -> int:
    match = re.match(r"[^:]*:(\d+):", problem)
    return int(match.group(1)) if match else 0


def _id_of(table: object) -> str | None:
    value = table.get("id") if isinstance(table, dict) else None
    return value if isinstance(value, str) else None


def _id_clash(kind: str, item_id: str | None, builtin_ids: set[str], seen: set[str], where: str) -> list[str]:
    """A valid id may be neither a built-in's nor one used earlier in the file; records it as seen."""
    if item_id is None:
        return []
    clash = []
    if ID_PATTERN.match(item_id):
        if item_id in builtin_ids:
            clash.append(f"{where}: {kind} id {item_id!r} is a built-in {kind}; choose another id")
        elif item_id in seen:
            clash.append(f"{where}: duplicate {kind} id {item_id!r}")
    seen.add(item_id)
    return clash


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _exercise(table: dict[str, Any]) -> Exercise:
    return Exercise(
        id=table["id"],
        name=table["name"],
        sets=int(table["sets"]),
        hold_s=table["hold_s"],
        rest_s=table.get("rest_s", 0),
        sides=table.get("sides", "none"),
        per_day=int(table.get("per_day", 0)),
        cue=table.get("cue", "HOLD").upper(),
        steps=tuple(table.get("steps", ())),
        why=table.get("why", ""),
        equipment=tuple(table.get("equipment", ())),
        source=table.get("source", "your routines.toml"),
        pictures=from_user(table.get("pictures", [])) if table.get("pictures") else (),
    )


__all__ = ["check_user_file", "valid_name", "is_number"]
