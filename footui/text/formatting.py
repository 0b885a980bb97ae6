"""Plain-text formatting shared by the screens and the command line."""

from __future__ import annotations

import math

from footui.content.routines import Exercise
from footui.text.cleaning import clean


def countdown(seconds: float) -> str:
    """Whole seconds left, rounded up, as `7` or `1:05`: the number shown is never 0 while time is left."""
    whole = math.ceil(max(0.0, seconds) - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def duration(seconds: float) -> str:
    """The one way footui writes a duration, on the screens and the command line: 12 s, 9 min 12 s, 1 h 05 min."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if secs else f"{minutes} min"


def side_label(side: str | None) -> str:
    return {"left": "LEFT FOOT", "right": "RIGHT FOOT"}.get(side or "", "")


def dosage(ex: Exercise) -> str:
    parts = [f"{ex.sets} x {clean(ex.cue).lower()} {ex.hold_s:g} s"]
    if ex.sets > 1 and ex.rest_s:
        parts.append(f"rest {ex.rest_s:g} s")
    if ex.sides == "both":
        parts.append("each foot, left then right")
    if ex.per_day:
        parts.append(f"{ex.per_day}x a day")
    return ", ".join(parts)


def equipment(ex: Exercise) -> str:
    return " and ".join(clean(item) for item in ex.equipment)


def fit_line(parts: list[str], width: int, separator: str = " · ") -> str:
    """The parts joined on one line of at most `width` characters: later parts are left out first, and a first
    part that is too long on its own is cut with an ellipsis. A status line never wraps."""
    line = ""
    for part in parts:
        candidate = f"{line}{separator}{part}" if line else part
        if len(candidate) > width:
            break
        line = candidate
    if not line and parts:
        line = parts[0][: max(0, width - 1)] + "…"
    return line
