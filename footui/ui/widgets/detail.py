"""Text that renders only its lines in view: the routine list's detail text, in its scrolling pane.

A Static renders all of its lines whenever it renders: about 120 for the first routine at 80 columns, on each of
the first three frames, though 18 are in view. DetailText wraps its text as a Static does, once per width, and
renders a line when the pane shows it (start-up is measured: benchmarks/README.md). Its text is selected and
copied as a Static's is (the offsets of each wrapped piece in the text it came from).
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget


class DetailText(Widget):
    DEFAULT_CSS = """
    DetailText {
        height: auto;
    }
    """

    def __init__(self, lines: list[Content], *, id: str | None = None) -> None:
        """`lines`: the text, line by line (one Content per line, no newlines in them)."""
        super().__init__(id=id)
        self._text = lines
        self._lines: list[Content] = []  # the text wrapped to the width
        self._places: list[tuple[int, int]] = []  # where each wrapped line starts in the text: (column, line)
        self._width = -1

    @property
    def text(self) -> str:
        """The text shown, unwrapped."""
        return "\n".join(line.plain for line in self._text)

    def update(self, lines: list[Content]) -> None:
        self._text = lines
        self._width = -1
        self.refresh(layout=True)

    def _wrap(self, width: int) -> None:
        """Wrap each line of the text as a Static does, remembering where each piece came from (for selection)."""
        if width == self._width:
            return
        self._width = width
        self._lines, self._places = [], []
        for y, line in enumerate(self._text):
            x = 0
            for piece in [line] if line.cell_length <= width else line.wrap(max(width, 1)):
                x = max(x, line.plain.find(piece.plain, x)) if piece.plain else x
                self._lines.append(piece)
                self._places.append((x, y))
                x += len(piece.plain)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._wrap(width)
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._wrap(width)
        style = self.visual_style
        rich_style = (style + Style(reverse=False)).rich_style
        if y >= len(self._lines):
            return Strip.blank(width, rich_style)
        line, (x, source_y) = self._lines[y], self._places[y]
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(source_y)) is not None:
            start, end = span
            end = x + len(line.plain) if end == -1 else end
            selected = Style.from_styles(self.screen.get_component_styles("screen--selection"))
            line = line.stylize(selected, max(0, start - x), max(0, end - x))
        strip = Strip([segment for segment in line.render_segments(style) if segment.text], line.cell_length)
        return strip.crop_extend(0, width, rich_style).apply_offsets(x, source_y)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self.text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()
