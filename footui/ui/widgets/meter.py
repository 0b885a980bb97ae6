"""A fixed-width text progress bar that repaints only the cells that changed.

Textual's ProgressBar grows its cost with the terminal width and animates when it has no total; over SSH every
frame is bytes, so this bar is a fixed number of cells, one colour, and plain characters that read in NO_COLOR.
A step of the bar repaints the new cells and the digits of the percentage that changed, not the whole line.
"""

from __future__ import annotations

from footui.ui.widgets.cells import Cells

FILLED, EMPTY = "█", "░"


def meter_text(label: str, cells: int, width: int) -> str:
    percent = round(100 * cells / width)
    return f"{label:<9}{FILLED * cells}{EMPTY * (width - cells)} {percent:>3}%"


class Meter(Cells):
    def __init__(self, label: str, width: int = 30, *, id: str | None = None) -> None:
        self.label = label
        self.bar_width = width
        self.cells = 0
        super().__init__([meter_text(label, 0, width)], id=id)

    def set_fraction(self, fraction: float) -> None:
        cells = round(max(0.0, min(1.0, fraction)) * self.bar_width)
        if cells != self.cells:
            self.cells = cells
            self.show([meter_text(self.label, cells, self.bar_width)])
