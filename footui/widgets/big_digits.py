"""Countdown digits five rows tall in solid blocks: readable from two metres, in any colour mode."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
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
    DEFAULT_CSS = """
    BigDigits { height: 5; width: auto; }
    """
    value: reactive[str] = reactive("", layout=True)

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(BigDigits.value, value)

    def update(self, value: str) -> None:
        self.value = value

    def render(self) -> Content:
        return Content("\n".join(render_big(self.value)))

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001
        return max((len(line) for line in render_big(self.value)), default=0)

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return ROWS
