"""`footui show EXERCISE_ID [--side left|right]`: an exercise's card on stdout, pictures included. No Textual."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from footui.content.pictures import for_side
from footui.content.routines import Exercise
from footui.text import formatting
from footui.text.cleaning import clean


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("show", help="print an exercise's card: steps, dosage, source and its pictures")
    p.add_argument("exercise", metavar="EXERCISE_ID")
    p.add_argument(
        "--side",
        choices=("left", "right"),
        default=None,
        help="the foot to draw for an exercise done one foot at a time (default: right)",
    )
    p.set_defaults(func=cmd_show)


def _shown_in(frame_ready: bool, frame_work: bool, cue: str) -> str:
    moments = (["get ready, rest"] if frame_ready else []) + ([clean(cue).lower()] if frame_work else [])
    return " and ".join(moments)


def card(ex: Exercise, side: str | None) -> list[str]:
    """The card as lines of plain, cleaned text."""
    lines = [f"{clean(ex.name)}  ({ex.id})"]
    if ex.why:
        lines.append(f"Why: {clean(ex.why)}")
    if ex.steps:
        lines += ["", "Steps:"] + [f"  {n}. {clean(step)}" for n, step in enumerate(ex.steps, start=1)]
    lines += ["", f"Dosage: {formatting.dosage(ex)}"]
    lines.append(f"Equipment: {formatting.equipment(ex) if ex.equipment else 'none'}")
    if ex.source:
        lines.append(f"Source: {clean(ex.source)}")
    if not ex.pictures:
        return lines + ["", "Pictures: none"]
    if ex.sides == "both":
        foot = side or "right"
        heading = f"Pictures ({foot} foot):"
    else:
        foot = None
        heading = "Pictures (both feet together):"
    lines += ["", heading]
    for number, frame in enumerate(for_side(ex.pictures, foot), start=1):
        shown = _shown_in(frame.ready, frame.work, ex.cue)
        caption = clean(frame.caption) if frame.caption else f"picture {number}"
        lines += ["", f"  {number}. {caption} ({shown})"]
        lines += [f"    {clean(row)}".rstrip() for row in frame.rows]
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    from footui.content.routines import load_library

    lib = load_library()
    ex = lib.exercises.get(args.exercise)
    if ex is None:
        known = ", ".join(lib.exercises)
        print(f"footui: no exercise {clean(args.exercise)!r} (known: {known})", file=sys.stderr)
        return 2
    print("\n".join(card(ex, args.side)))
    return 0
