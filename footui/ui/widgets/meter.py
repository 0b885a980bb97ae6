"""A fixed-width text progress bar that redraws only when a cell changes.

Textual's ProgressBar grows its cost with the terminal width and animates when it has no total; over SSH every
frame is bytes, so this bar is a fixed number of cells, one colour, and plain characters that read in NO_COLOR.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

FILLED, EMPTY = "█", "░"


class Meter(Widget):
    DEFAULT_CSS = """
    Meter { height: 1; width: auto; }
    """
    cells: reactive[int] = reactive(0)

    def __init__(self, label: str, width: int = 30, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.bar_width = width

    def set_fraction(self, fraction: float) -> None:
        self.cells = round(max(0.0, min(1.0, fraction)) * self.bar_width)

    def render(self) -> Content:
        percent = round(100 * self.cells / self.bar_width)
        bar = FILLED * self.cells + EMPTY * (self.bar_width - self.cells)
        return Content(f"{self.label:<9}{bar} {percent:>3}%")

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001
        return 9 + self.bar_width + 5
