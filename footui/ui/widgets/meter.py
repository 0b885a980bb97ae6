"""A fixed-width text progress bar that repaints only the cells that changed.

Textual's ProgressBar grows its cost with the terminal width and animates when it has no total; over SSH every
frame is bytes, so this bar is a fixed number of cells, one colour, and plain characters that read in NO_COLOR.
The line is cut in strips (the label with the first cells, then a few cells each, then the percentage), so a
step repaints the strip with the new cells and the percentage, not the whole line.
"""

from __future__ import annotations

from footui.ui.widgets.cells import Strips

FILLED, EMPTY = "█", "░"
LABEL = 9
STRIP = 6


def meter_text(label: str, cells: int, width: int) -> str:
    percent = round(100 * cells / width)
    return f"{label:<{LABEL}}{FILLED * cells}{EMPTY * (width - cells)} {percent:>3}%"


def strip_widths(width: int) -> list[int]:
    bar = [min(STRIP, width - x) for x in range(0, width, STRIP)]
    return [LABEL + bar[0], *bar[1:], 5]


class Meter(Strips):
    def __init__(self, label: str, width: int = 30, *, id: str | None = None) -> None:
        self.label = label
        self.bar_width = width
        self.cells = 0
        super().__init__([meter_text(label, 0, width)], widths=strip_widths(width), id=id)

    @property
    def text(self) -> str:
        return meter_text(self.label, self.cells, self.bar_width)

    def set_fraction(self, fraction: float) -> None:
        # Whole cells done, rounded down: a bar is full (100%) only when its part is over.
        cells = int(max(0.0, min(1.0, fraction)) * self.bar_width + 1e-9)
        if cells != self.cells:
            self.cells = cells
            self.show([self.text], strip_widths(self.bar_width))
