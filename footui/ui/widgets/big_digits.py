"""Countdown digits five rows tall in solid blocks (ten on a large terminal): readable from two metres."""

from __future__ import annotations

from footui.ui.widgets.cells import Strips

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
BLANK = ["     "] * 5
ROWS = 5


def render_big(text: str, scale: int = 1, room: str = "") -> list[str]:
    """The text in block glyphs, centred in the width `room` would take (if that is wider)."""
    glyphs = [_FONT.get(char, BLANK) for char in text]
    rows = [" ".join(glyph[row] for glyph in glyphs) for row in range(ROWS)]
    space = max(0, sum(glyph_widths(room)) - sum(glyph_widths(text)))
    rows = [" " * (space // 2) + row + " " * (space - space // 2) for row in rows]
    return [("".join(char * scale for char in row)) for row in rows for _ in range(scale)]


def glyph_widths(text: str, scale: int = 1) -> list[int]:
    """The cells of each glyph with the gap before the next: one strip each, so a tick repaints one glyph."""
    widths = [len(_FONT.get(char, BLANK)[0]) + 1 for char in text]
    if widths:
        widths[-1] -= 1
    return [width * scale for width in widths]


class BigDigits(Strips):
    """One strip per glyph: when 1:05 becomes 1:04 only the last glyph's changed rows are repainted.

    `room` keeps the strips while the number gets shorter: 10 becomes 9 centred in the space of 10, a change of
    a few cells, where a narrower widget would move, and the screen repaint every row around it."""

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        self.value = value
        self.room = value
        self.scale = 1
        super().__init__(render_big(value), widths=glyph_widths(value), id=id)

    def update(self, value: str, room: str = "") -> None:
        if sum(glyph_widths(room)) < sum(glyph_widths(value)):
            room = value
        if (value, room) != (self.value, self.room):
            self.value, self.room = value, room
            self._draw()

    def set_scale(self, scale: int) -> None:
        if scale != self.scale:
            self.scale = scale
            self._draw()

    def _draw(self) -> None:
        self.show(render_big(self.value, self.scale, self.room), glyph_widths(self.room, self.scale))
