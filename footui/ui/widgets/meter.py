"""Fixed-width text progress bars, one under another, that repaint only the cells that changed.

Textual's ProgressBar grows its cost with the terminal width and animates when it has no total; over SSH every
frame is bytes, so these bars are a fixed number of cells, one colour, and plain characters that read in NO_COLOR.
The block is cut in columns (the labels, then a few cells of every bar each): a bar's step repaints the column
with its new cells on its own row, not the whole line. One set of columns serves all the bars, so three bars cost
the widgets of one (each widget is memory).
"""

from __future__ import annotations

from collections.abc import Sequence

from footui.ui.widgets.cells import Strips

FILLED, EMPTY = "█", "░"
LABEL = 9
STRIP = 5  # a 3 s hold fills 10 of 30 cells a second: whole columns, nothing repainted twice


def bar_text(label: str, cells: int, width: int) -> str:
    return f"{label:<{LABEL}}{FILLED * cells}{EMPTY * (width - cells)}"


def strip_widths(width: int) -> list[int]:
    return [LABEL] + [min(STRIP, width - x) for x in range(0, width, STRIP)]


def filled(fraction: float, width: int) -> int:
    """Whole cells done, rounded down: a bar is full only when its part is over."""
    return int(max(0.0, min(1.0, fraction)) * width + 1e-9)


class Meters(Strips):
    """Labelled bars (phase, exercise, session), each `width` cells."""

    def __init__(self, labels: Sequence[str], width: int = 30, *, id: str | None = None) -> None:
        self.labels = list(labels)
        self.bar_width = width
        self.cells = [0] * len(self.labels)
        super().__init__(self._bars(), widths=strip_widths(width), id=id)

    def _bars(self) -> list[str]:
        return [bar_text(label, n, self.bar_width) for label, n in zip(self.labels, self.cells, strict=True)]

    def text(self, label: str) -> str:
        """One bar's line as shown, for tests and for the eye."""
        return self._bars()[self.labels.index(label)]

    def fraction(self, label: str) -> float:
        return self.cells[self.labels.index(label)] / self.bar_width

    def set_fractions(self, fractions: Sequence[float]) -> None:
        cells = [filled(f, self.bar_width) for f in fractions]
        if cells != self.cells:
            self.cells = cells
            self.show(self._bars(), strip_widths(self.bar_width))
