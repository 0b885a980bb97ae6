"""`footui report [--days N] [--format text|markdown]`: a summary of the last N days to show a physiotherapist.

Prints only (works without a terminal); the figures come from `footui.history.report`.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any

from footui.text.cleaning import clean

if TYPE_CHECKING:
    from footui.history.report import Report, SetsDone

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("report", help="a summary of the last N days (sets, targets, rest days, pain, notes)")
    p.add_argument("--days", type=_days, default=30, metavar="N", help="how many days back, today included (30)")
    p.add_argument("--format", choices=("text", "markdown"), default="text")
    p.set_defaults(func=cmd_report)


def _days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 3660:
        raise argparse.ArgumentTypeError(f"not a number of days from 1 to 3660: {text!r}")
    return int(text)


def _share(sets: SetsDone) -> str:
    return f"{sets.done} of {sets.planned}" + ("" if sets.share is None else f" ({sets.share:.0%})")


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def render(report: Report, names: dict[str, str], markdown: bool) -> str:
    def text(value: str) -> str:
        value = clean(value)
        return _MARKDOWN_SPECIAL.sub(r"\\\1", value) if markdown else value

    lines: list[str] = []
    plural = "" if report.days == 1 else "s"
    heading = f"footui report: {report.first} to {report.last} ({report.days} day{plural})"
    lines += [f"# {heading}" if markdown else heading, ""]
    lines += ["Not medical advice: a record of what was done and of the pain scores typed in.", ""]
    rows = [("Exercise", "Target a day", "Days target met", "Planned sets done")]
    for ex in report.exercises:
        met = f"{ex.days_met} of {report.days}" if ex.target else "-"
        rows.append((text(names.get(ex.id, ex.id)), str(ex.target or "-"), met, _share(ex.sets)))
        for foot in ("left", "right"):
            if foot in ex.by_foot:
                rows.append((f"{'- ' if markdown else '  '}{foot} foot", "", "", _share(ex.by_foot[foot])))
    if markdown:
        lines += ["## Exercises", "", *("| " + " | ".join(r) + " |" for r in rows[:1])]
        lines += ["|---|---:|---:|---:|", *("| " + " | ".join(r) + " |" for r in rows[1:]), ""]
    else:
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
        lines.append("")
    bullet = "- " if markdown else ""
    rest = "; ".join(f"{d}" + (f" ({text(n)})" if n.strip() else "") for d, n in report.rest_days)
    statuses = ", ".join(f"{status} {n}" for status, n in report.by_status.items())
    pain = report.pain
    if pain.change is None:
        trend = f"not enough scores for a trend ({pain.scores} after sessions)"
    else:
        trend = (
            f"{pain.direction}: {_score(pain.earlier)} in the first half, {_score(pain.later)} in the second"
            f" (change {pain.change:+.1f}, {pain.scores} scores)"
        )
    lines += [
        f"{bullet}Rest days: {len(report.rest_days)}" + (f" - {rest}" if rest else ""),
        f"{bullet}Sessions: {report.sessions} ({statuses})",
        f"{bullet}Pain before sessions: mean {_score(report.mean_before)}; after: mean {_score(report.mean_after)}"
        + ("" if pain.mean_relief is None else f"; relief during a session: mean {pain.mean_relief:+.1f}"),
        f"{bullet}Pain trend (after sessions): {trend}",
        "",
    ]
    lines.append("## Notes" if markdown else "Notes:")
    if markdown:
        lines.append("")
    lines += [f"{'- ' if markdown else '  '}{when}: {text(note)}" for when, note in report.notes] or [
        f"{'- ' if markdown else '  '}(none)"
    ]
    return "\n".join(lines) + "\n"


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import date

    from footui.cli.history import load_history
    from footui.content.routines import load_library
    from footui.history.report import build_report
    from footui.history.store import StoreError

    library = load_library()
    for problem in library.problems:
        print(f"footui: {problem}", file=sys.stderr)
    try:
        store, sessions = load_history()
    except StoreError as exc:
        print(f"footui: {clean(str(exc))}", file=sys.stderr)
        return 2
    report = build_report(sessions, library.targets(), store.rest_days, date.today(), args.days)
    sys.stdout.write(render(report, library.names(), args.format == "markdown"))
    return 0
