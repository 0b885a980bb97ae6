"""A block of text rows that repaints only the cells that changed: over SSH a second's tick is a few glyphs."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget


def changed_spans(old: list[str], new: list[str]) -> list[Region]:
    """One region per row that differs: from its first to its last changed cell (rows of equal length)."""
    regions = []
    for y, (before, after) in enumerate(zip(old, new, strict=True)):
        changed = [x for x, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        if changed:
            regions.append(Region(changed[0], y, changed[-1] - changed[0] + 1, 1))
    return regions


class Cells(Widget):
    """Fixed-size rows (padded to `width`); `show()` refreshes only the changed spans, or all if the size changed."""

    DEFAULT_CSS = """
    Cells { width: auto; height: auto; }
    """

    def __init__(self, rows: list[str] | None = None, *, width: int = 0, id: str | None = None) -> None:
        super().__init__(id=id)
        self.min_width = width
        self._rows = self._pad(rows or [""])

    def _pad(self, rows: list[str]) -> list[str]:
        width = max([self.min_width, *(len(row) for row in rows)])
        return [row.ljust(width) for row in rows]

    @property
    def rows(self) -> list[str]:
        return self._rows

    def show(self, rows: list[str]) -> None:
        old, new = self._rows, self._pad(rows)
        if new == old:
            return
        self._rows = new
        if not self.is_mounted or len(old) != len(new) or len(old[0]) != len(new[0]):
            self.refresh(layout=True)
            return
        regions = changed_spans(old, new)
        if regions:
            self.refresh(*regions)

    def render(self) -> Content:
        return Content("\n".join(self._rows))

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001
        return len(self._rows[0]) if self._rows else 0

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return len(self._rows)
