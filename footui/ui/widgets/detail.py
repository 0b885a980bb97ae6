"""A scrolling pane of text that renders only the lines in view: the routine list's detail pane.

The pane was a Static in a VerticalScroll: two widgets, and the Static renders every line of its text (about 120
for the first routine at 80 columns) on each of the first frames, though 18 are in view. DetailPane wraps the
text once per width and renders the lines in view (start-up is measured: benchmarks/README.md). It scrolls like
a VerticalScroll (keys, wheel, scrollbar) and its text can be selected and copied as a Static's can.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style


class DetailPane(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    DetailPane {
        overflow-x: hidden;
    }
    """

    def __init__(self, content: Content, width: int, *, id: str | None = None) -> None:
        """`width`: the text's width as far as it is known before the first layout (it is checked at render)."""
        super().__init__(id=id)
        self._content = content
        self._lines: list[Content] = []  # the text wrapped to the pane's width
        self._places: list[tuple[int, int]] = []  # where each wrapped line starts in the text: (column, line)
        self._width = 0
        self._wrap(width)

    @property
    def text(self) -> str:
        """The text shown, unwrapped."""
        return self._content.plain

    def update(self, content: Content) -> None:
        self._content = content
        self._wrap(self.scrollable_content_region.width or self._width)
        self.refresh()

    def _wrap(self, width: int) -> None:
        """Wrap each line of the text as a Static does, remembering where each piece came from (for selection)."""
        self._width = width
        self._lines, self._places = [], []
        for y, line in enumerate(self._content.split(allow_blank=True)):
            x = 0
            for piece in [line] if line.cell_length <= width else line.wrap(max(width, 1)):
                x = max(x, line.plain.find(piece.plain, x)) if piece.plain else x
                self._lines.append(piece)
                self._places.append((x, y))
                x += len(piece.plain)
        self.virtual_size = Size(width, len(self._lines))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width and width != self._width:  # a resize (or a first estimate that was wrong): wrap again
            self._wrap(width)
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        style = self.visual_style
        rich_style = (style + Style(reverse=False)).rich_style
        if index >= len(self._lines):
            return Strip.blank(width, rich_style)
        line, (x, source_y) = self._lines[index], self._places[index]
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(source_y)) is not None:
            start, end = span
            end = x + len(line.plain) if end == -1 else end
            selected = Style.from_styles(self.screen.get_component_styles("screen--selection"))
            line = line.stylize(selected, max(0, start - x), max(0, end - x))
        strip = Strip([segment for segment in line.render_segments(style) if segment.text], line.cell_length)
        return strip.crop_extend(scroll_x, scroll_x + width, rich_style).apply_offsets(x + scroll_x, source_y)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self.text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()
