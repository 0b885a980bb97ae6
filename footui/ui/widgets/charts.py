"""Progress charts for the history view, drawn as text once per load (no timers: 0 bytes while idle).

Pain is always drawn on the fixed 0 to 10 scale (a step from 3 to 4 looks small, as it is), sets a day against
the day's target (a full bar is the target), and left against right for exercises done per foot. The text
builders are plain functions, so tests can check the scale without a screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from footui.history import stats
from footui.history.progress import DayPain
from footui.text.cleaning import clean

EIGHTHS = " ▁▂▃▄▅▆▇█"
PAIN_ROWS = 5  # 2 points of the 0..10 scale per row
SETS_ROWS = 4
BALANCE_WIDTH = 10
HEAT_SHADES = ((0.0, "·"), (0.34, "░"), (0.67, "▒"), (0.99, "▓"), (1.0, "█"))
REST_MARK, TODAY_MARK = "○", "◆"
DAY_NAMES = "MTWTFSS"
# Month names not from the locale: the columns are fixed.
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def bar_rows(values: Sequence[float | None], top: float, rows: int, empty: str = " ") -> list[str]:
    """Vertical bars, one column per value, `rows` high, on the fixed scale 0..`top` (values above are capped).
    A None is drawn as `empty` on the bottom row; a 0 as the thinnest bar, so it differs from no value."""
    out = []
    for row in range(rows - 1, -1, -1):
        line = []
        for value in values:
            if value is None:
                line.append(empty if row == 0 else " ")
                continue
            eighths = max(1, round(min(value, top) / top * rows * 8)) if top > 0 else 0
            line.append(EIGHTHS[max(0, min(8, eighths - row * 8))])
        out.append("".join(line))
    return out


def _date_axis(first: date, last: date, width: int) -> str:
    left, right = f"{MONTHS[first.month - 1]} {first.day}", f"{MONTHS[last.month - 1]} {last.day}"
    return left + right.rjust(width - len(left))


def pain_chart(days: Sequence[DayPain], summary: str) -> str:
    before = bar_rows([d.before for d in days], 10, PAIN_ROWS, "·")
    after = bar_rows([d.after for d in days], 10, PAIN_ROWS, "·")
    labels = ["10", "", " 5", "", " 0"]
    width = len(days)
    lines = [
        f"Pain, last {width} days, on the 0-10 scale: {summary}",
        f"   {'before sessions'.ljust(width)}   after sessions",
    ]
    for label, b, a in zip(labels, before, after, strict=True):
        lines.append(f"{label:>2}┤{b} {label:>2}┤{a}")
    axis = _date_axis(days[0].day, days[-1].day, width)
    lines.append(f"   {axis}    {axis}")
    lines.append("   · no score")
    return "\n".join(lines)


def sets_chart(sets: Sequence[int], first: date, last: date, target: int) -> str:
    top = target or max(sets, default=0)
    rows = bar_rows(list(sets), top, SETS_ROWS)
    width = len(sets)
    if target:
        title = f"Sets a day, last {width} days: a full bar is the day's target ({target} sets)"
    else:
        title = f"Sets a day, last {width} days (no daily targets; the tallest bar is {top})"
    label = str(top)
    pad = len(label)
    lines = [title]
    for i, row in enumerate(rows):
        name = label if i == 0 else ("0" if i == len(rows) - 1 else "")
        lines.append(f"{name:>{pad}}┤{row}")
    lines.append(" " * (pad + 1) + _date_axis(first, last, width))
    return "\n".join(lines)


def balance_chart(balance: Mapping[str, tuple[int, int]], names: Mapping[str, str], days: int) -> str:
    lines = [f"Left and right foot, last {days} days (sets done)"]
    if not balance:
        return "\n".join([*lines, "  no exercises done per foot"])
    most = max(max(pair) for pair in balance.values()) or 1
    for ex, (left, right) in balance.items():
        name = clean(names.get(ex, ex))[:20]
        lb = "█" * round(left / most * BALANCE_WIDTH)
        rb = "█" * round(right / most * BALANCE_WIDTH)
        lines.append(f"  {name:<20} left {left:>4} {lb:>{BALANCE_WIDTH}}│{rb:<{BALANCE_WIDTH}} {right:<4} right")
    return "\n".join(lines)


def _shade(ratio: float | None) -> str:
    if ratio is None:
        return " "
    for limit, char in HEAT_SHADES:
        if ratio <= limit:
            return char
    return HEAT_SHADES[-1][1]


def heatmap_text(grid: stats.Heatmap) -> str:
    """Weeks as columns (Monday on top), month labels above where a month starts, today and rest days marked."""
    starts = [any(grid.day(w, d).day == 1 for d in range(7)) for w in range(len(grid.weeks))]
    labels = ""
    for w, starts_a_month in enumerate(starts):
        first_label = w == 0 and not any(starts[1:4])  # the first week's month, unless one starts soon after
        if (starts_a_month or first_label) and len(labels) <= w:
            labels = labels.ljust(w) + MONTHS[grid.day(w, 6).month - 1] + " "
    rows = ["  " + labels[: len(grid.weeks)].rstrip()]
    for d in range(7):
        cells = []
        for w, week in enumerate(grid.weeks):
            day = grid.day(w, d)
            if day == grid.today:
                cells.append(TODAY_MARK)
            elif day in grid.rest and not week[d]:
                cells.append(REST_MARK)
            else:
                cells.append(_shade(week[d]))
        rows.append(DAY_NAMES[d] + " " + "".join(cells))
    rows += ["· none ░▒▓ some", "█ every target", f"{REST_MARK} rest {TODAY_MARK} today"]
    return "\n".join(rows)


class ProgressCharts(VerticalScroll, can_focus=True):
    """The pain, sets and foot-balance charts, one under the other; scrolls when the terminal is short."""

    def compose(self) -> ComposeResult:
        yield Static(id="pain-chart", markup=False)
        yield Static(id="sets-chart", markup=False)
        yield Static(id="balance-chart", markup=False)

    def show(
        self,
        pain: Sequence[DayPain],
        pain_summary: str,
        sets: Sequence[int],
        target: int,
        balance: Mapping[str, tuple[int, int]],
        names: Mapping[str, str],
    ) -> None:
        first, last = pain[0].day, pain[-1].day
        self.query_one("#pain-chart", Static).update(Content(pain_chart(pain, pain_summary)))
        self.query_one("#sets-chart", Static).update(Content(sets_chart(sets, first, last, target)))
        self.query_one("#balance-chart", Static).update(Content(balance_chart(balance, names, len(sets))))
