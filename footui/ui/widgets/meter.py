"""A fixed-width text progress bar that repaints only the cells that changed.

Textual's ProgressBar grows its cost with the terminal width and animates when it has no total; over SSH every
frame is bytes, so this bar is a fixed number of cells, one colour, and plain characters that read in NO_COLOR.
The label never changes; the bar is cut in strips of a few cells and the percentage is its own widget, so a step
repaints the strip with the new cells and the percentage, not the whole line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from footui.ui.widgets.cells import Cells, Strips

FILLED, EMPTY = "█", "░"
STRIP = 5


def bar_text(cells: int, width: int) -> str:
    return FILLED * cells + EMPTY * (width - cells)


def percent_text(cells: int, width: int) -> str:
    return f" {round(100 * cells / width):>3}%"


class Meter(Horizontal):
    DEFAULT_CSS = """
    Meter { width: auto; height: 1; }
    Meter > .meter-label { width: 9; }
    """

    def __init__(self, label: str, width: int = 30, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.bar_width = width
        self.cells = 0

    def compose(self) -> ComposeResult:
        self._bar = Strips([bar_text(self.cells, self.bar_width)], strip_width=STRIP)
        self._percent = Cells([percent_text(self.cells, self.bar_width)])
        yield Static(Content(self.label), classes="meter-label")
        yield self._bar
        yield self._percent

    @property
    def text(self) -> str:
        return f"{self.label:<9}{bar_text(self.cells, self.bar_width)}{percent_text(self.cells, self.bar_width)}"

    def set_fraction(self, fraction: float) -> None:
        # Whole cells done, rounded down: a bar is full (100%) only when its part is over.
        cells = int(max(0.0, min(1.0, fraction)) * self.bar_width + 1e-9)
        if cells != self.cells:
            self.cells = cells
            if self.is_mounted:
                self._bar.show([bar_text(cells, self.bar_width)])
                self._percent.show([percent_text(cells, self.bar_width)])
