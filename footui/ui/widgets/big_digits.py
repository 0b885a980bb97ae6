"""Countdown digits five rows tall in solid blocks: readable from two metres, in any colour mode."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

_FONT = {
    "0": ["█████", "█   █", "█   █", "█   █", "█████"],
    "1": ["  ██ ", "   █ ", "   █ ", "   █ ", "  ███"],
    "2": ["█████", "    █", "█████", "█    ", "█████"],
    "3": ["█████", "    █", " ████", "    █", "█████"],
    "4": ["█   █", "█   █", "█████", "    █", "    █"],
    "5": ["█████", "█    ", "█████", "    █", "█████"],
    "6": ["█████", "█    ", "█████", "█   █", "█████"],
    "7": ["█████", "    █", "   █ ", "  █  ", "  █  "],
    "8": ["█████", "█   █", "█████", "█   █", "█████"],
    "9": ["█████", "█   █", "█████", "    █", "█████"],
    ":": ["   ", " █ ", "   ", " █ ", "   "],
}
ROWS = 5


def render_big(text: str) -> list[str]:
    glyphs = [_FONT.get(char, _FONT[":"] if char == ":" else ["     "] * ROWS) for char in text]
    return [" ".join(glyph[row] for glyph in glyphs) for row in range(ROWS)]


class BigDigits(Widget):
    """Repaints only the cells that differ from the last value: over SSH, a second's tick is a few glyphs."""

    DEFAULT_CSS = """
    BigDigits { height: 5; width: auto; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = value
        self._rows = render_big(value)

    def update(self, value: str) -> None:
        if value == self.value:
            return
        old, new = self._rows, render_big(value)
        self.value, self._rows = value, new
        if len(old[0]) != len(new[0]) or not self.is_mounted:
            self.refresh(layout=True)
            return
        # The rows that changed; a terminal row is repainted from the widget's left edge, so keep it `width: auto`.
        regions = []
        for y, (before, after) in enumerate(zip(old, new, strict=True)):
            changed = [x for x, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
            if changed:
                regions.append(Region(changed[0], y, changed[-1] - changed[0] + 1, 1))
        if regions:
            self.refresh(*regions)

    def render(self) -> Content:
        return Content("\n".join(self._rows))

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001
        return len(self._rows[0]) if self._rows else 0

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return ROWS
