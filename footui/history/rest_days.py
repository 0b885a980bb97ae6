"""Rest days: calendar days the user marked as a day off (a flare-up, travel), stored in `history.json`.

A rest day is `{"date": "YYYY-MM-DD", "note": "..."}`: a calendar date on the user's own calendar (no time, no
offset), so it means the same day wherever the user is. It keeps both streaks alive without counting in them
(see `footui.history.stats`). Plain data and checks; `HistoryStore` saves them under its lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from footui.text.cleaning import clean

MAX_NOTE = 500  # characters: a line or two, like a session's note


def check_rest_day(entry: Any) -> date:
    """Raise ValueError (a short reason) unless `entry` is a well-formed rest day; return its date."""
    if not isinstance(entry, dict):
        raise ValueError("a rest day is not a JSON object")
    raw = entry.get("date")
    if not isinstance(raw, str) or len(raw) != 10:
        raise ValueError("a rest day has no YYYY-MM-DD date")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"a rest day's date is not a date: {clean(raw)!r}") from None
    if not 1970 <= day.year <= 9999:  # the same bounds as a session's times
        raise ValueError(f"a rest day's date is out of range: {raw}")
    note = entry.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise ValueError(f"the note of rest day {raw} is not a string of at most {MAX_NOTE} characters")
    return day


def valid_rest_days(raw: Iterable[Any]) -> tuple[list[dict[str, Any]], int]:
    """The well-formed rest days (first of any duplicate date), sorted by date, and how many were not."""
    out: dict[date, dict[str, Any]] = {}
    bad = 0
    for entry in raw:
        try:
            day = check_rest_day(entry)
        except ValueError:
            bad += 1
            continue
        out.setdefault(day, entry)
    return [out[d] for d in sorted(out)], bad


def rest_dates(rest_days: Iterable[Mapping[str, Any]]) -> frozenset[date]:
    return frozenset(date.fromisoformat(r["date"]) for r in rest_days)


def mark(rest_days: list[dict[str, Any]], day: date, note: str = "") -> bool:
    """Add (or re-note) the rest day `day` in place, keeping the list sorted; True if anything changed."""
    if len(note) > MAX_NOTE:
        raise ValueError(f"a rest day's note is at most {MAX_NOTE} characters")
    iso = day.isoformat()
    for entry in rest_days:
        if entry["date"] == iso:
            if entry.get("note", "") == note:
                return False
            entry["note"] = note
            return True
    rest_days.append({"date": iso, "note": note})
    rest_days.sort(key=lambda r: str(r["date"]))
    return True


def unmark(rest_days: list[dict[str, Any]], day: date) -> bool:
    """Remove the rest day `day` in place; True if it was there."""
    n = len(rest_days)
    rest_days[:] = [r for r in rest_days if r["date"] != day.isoformat()]
    return len(rest_days) != n


def merge(existing: list[dict[str, Any]], incoming: Iterable[dict[str, Any]]) -> int:
    """Import: add each incoming rest day whose date is not marked yet; returns how many were added."""
    have = {r["date"] for r in existing}
    added = 0
    for entry in incoming:
        if entry["date"] not in have:
            have.add(entry["date"])
            existing.append({"date": entry["date"], "note": entry.get("note", "")})
            added += 1
    existing.sort(key=lambda r: str(r["date"]))
    return added
