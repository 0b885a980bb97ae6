"""Blocks of text that repaint only what changed: over SSH a second's tick should be a few glyphs.

Textual repaints a changed span of a line from the left edge of the widget it belongs to (its compositor cuts
lines only at widget edges). So a block that changes in small places is split into narrow vertical strips, each
its own widget: a change repaints from the left edge of its strip, not from the left edge of the block.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

from footui.content.pictures import cell_width


def changed_spans(old: list[str], new: list[str]) -> list[Region]:
    """One region per row that differs: from its first to its last changed cell (rows of equal length)."""
    regions = []
    for y, (before, after) in enumerate(zip(old, new, strict=True)):
        changed = [x for x, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        if changed:
            regions.append(Region(changed[0], y, changed[-1] - changed[0] + 1, 1))
    return regions


def _same_cells(old: list[str], new: list[str]) -> bool:
    """Whether a cell-by-cell comparison holds: as many rows, each as long, one cell per character."""
    return len(old) == len(new) and all(
        len(a) == len(b) == cell_width(a) == cell_width(b) for a, b in zip(old, new, strict=True)
    )


def pad(rows: list[str], width: int = 0) -> list[str]:
    """Every row as wide as the widest (in terminal cells: a user's picture may hold wide characters)."""
    width = max([width, *(cell_width(row) for row in rows)])
    return [row + " " * (width - cell_width(row)) for row in rows]


class Cells(Widget):
    """Rows of text of a fixed size; `show()` refreshes only the changed spans, or everything if the size changed."""

    DEFAULT_CSS = """
    Cells { width: auto; height: auto; }
    """

    def __init__(self, rows: list[str] | None = None, *, width: int = 0, id: str | None = None) -> None:
        super().__init__(id=id)
        self.min_width = width
        self._rows = pad(rows or [""], width)

    @property
    def rows(self) -> list[str]:
        return self._rows

    def show(self, rows: list[str]) -> None:
        old, new = self._rows, pad(rows or [""], self.min_width)
        if new == old:
            return
        self._rows = new
        if not (self.is_mounted and _same_cells(old, new)):
            self.refresh(layout=True)
            return
        regions = changed_spans(old, new)
        if regions:
            self.refresh(*regions)

    def render(self) -> Content:
        return Content("\n".join(self._rows))

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001
        return cell_width(self._rows[0]) if self._rows else 0

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return len(self._rows)


def split(rows: list[str], widths: list[int]) -> list[list[str]]:
    """The rows cut into vertical strips of the given widths."""
    strips, x = [], 0
    for width in widths:
        strips.append([row[x : x + width] for row in rows])
        x += width
    return strips


class Strips(Horizontal):
    """A block of text shown as vertical strips (each a `Cells`), so a change repaints only its own strip."""

    DEFAULT_CSS = """
    Strips { width: auto; height: auto; }
    """

    def __init__(
        self,
        rows: list[str],
        *,
        strip_width: int = 0,
        width: int = 0,
        widths: list[int] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.strip_width = strip_width
        self.min_width = width
        self._rows = pad(rows, width)
        self._widths = self._cut(self._rows, widths)
        self._cells: list[Cells] = []

    @property
    def rows(self) -> list[str]:
        return self._rows

    def _cut(self, rows: list[str], widths: list[int] | None = None) -> list[int]:
        """Strip widths: as given, or every `strip_width` cells; one strip if a character is two cells wide."""
        total = cell_width(rows[0]) if rows else 0
        if any(cell_width(row) != len(row) for row in rows):
            return [total]
        if widths is not None and sum(widths) == total:
            return widths
        if self.strip_width <= 0:
            return [total]
        return [min(self.strip_width, total - x) for x in range(0, total, self.strip_width)] or [0]

    def compose(self):  # noqa: ANN201
        self._cells = [Cells(strip) for strip in split(self._rows, self._widths)]
        yield from self._cells

    def show(self, rows: list[str], widths: list[int] | None = None) -> None:
        rows = pad(rows or [""], self.min_width)
        if rows == self._rows:
            return
        widths = self._cut(rows, widths)
        same_shape = len(rows) == len(self._rows) and widths == self._widths
        self._rows, self._widths = rows, widths
        if not self.is_mounted:
            return
        if same_shape:
            # Our own list, not a query: strips mounted a moment ago may not be children yet.
            for cells, strip in zip(self._cells, split(rows, widths), strict=True):
                cells.show(strip)
        else:
            self._cells = [Cells(strip) for strip in split(rows, widths)]
            self.remove_children()
            self.mount_all(self._cells)
