"""Countdown digits five rows tall in solid blocks (ten on a large terminal): readable from two metres."""

from __future__ import annotations

from footui.ui.widgets.cells import Cells

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


def render_big(text: str, scale: int = 1) -> list[str]:
    glyphs = [_FONT.get(char, ["     "] * ROWS) for char in text]
    rows = [" ".join(glyph[row] for glyph in glyphs) for row in range(ROWS)]
    return [("".join(char * scale for char in row)) for row in rows for _ in range(scale)]


class BigDigits(Cells):
    """Repaints only the cells that differ from the last value (keep it `width: auto`: a row is one span)."""

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        self.value = value
        self.scale = 1
        super().__init__(render_big(value), id=id)

    def update(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.show(render_big(value, self.scale))

    def set_scale(self, scale: int) -> None:
        if scale != self.scale:
            self.scale = scale
            self.show(render_big(self.value, scale))
