"""The routine list's footer: Textual's Footer drawn by one widget instead of one widget per key.

Textual's Footer composes a FooterKey widget per key (nine on the routine list), after a first empty frame, and
composes them again on every bindings update. Each key is a widget to style (twice at start, with two component
classes), mount, lay out and render: about a fifth of footui's start-up over a bare Textual app (measured: see
benchmarks/README.md). QuickFooter draws the same line (the same keys, colours, widths, the command palette key
on the right) as one line of Content, repaints only when the keys it shows change, and answers the mouse as
Footer does: a click presses the key (a bell when it is disabled), the key under the pointer is highlighted,
the wheel scrolls keys that do not fit.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

# Footer's and FooterKey's DEFAULT_CSS (textual 8), as styles for the parts of the line.
KEY = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION = "$footer-description-foreground on $footer-description-background"
ITEM = "on $footer-item-background"
HOVER = "$footer-key-foreground on $block-hover-background"
PALETTE_BORDER = "▏"  # `border-left: vkey $foreground 20%`
PALETTE_BORDER_STYLE = "$foreground 20%"


class Key(NamedTuple):
    key: str  # what a click presses
    display: str  # how the footer shows it (`app.get_key_display`)
    description: str
    enabled: bool
    tooltip: str


def shown_keys(screen: Screen) -> tuple[Key, ...]:
    """The keys Footer would show, in its order: the first binding of each action whose binding is shown."""
    keys: dict[str, Key] = {}
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show and binding.action not in keys:
            display = screen.app.get_key_display(binding)
            keys[binding.action] = Key(binding.key, display, binding.description, enabled, tooltip)
    return tuple(keys.values())


def palette_key(screen: Screen) -> Key | None:
    app = screen.app
    if not app.ENABLE_COMMAND_PALETTE:
        return None
    found = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
    if found is None:
        return None
    _node, binding, enabled, _tooltip = found
    tooltip = binding.tooltip or binding.description
    return Key(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)


class QuickFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    QuickFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Key, ...] | None = None  # read from the screen at the first render
        self._palette: Key | None = None
        self._hover: Key | None = None
        self._scroll = 0  # cells of the left keys scrolled out of view (the wheel), when they do not fit
        # Where each key is drawn: (first column, end column, key), from the last render
        self._places: list[tuple[int, int, Key]] = []
        self._drawn: tuple[tuple, Strip] | None = None  # the last line drawn, and what it was drawn from

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys, palette = shown_keys(screen), palette_key(screen)
        if (keys, palette) != (self._keys, self._palette):  # the same keys: nothing to repaint
            self._keys, self._palette = keys, palette
            self.refresh()

    # --- drawing ----------------------------------------------------------------------------------------------
    @staticmethod
    def _part(key: Key, hover: bool, *, compact: bool = False) -> Content:
        """One key as FooterKey draws it: ` k ` then `description ` (the palette key is compact: `k description`)."""
        shown = key.display if compact else f" {key.display} "
        description = f" {key.description}" if compact else f"{key.description} "
        part = Content.assemble((shown, KEY), (description, DESCRIPTION)) if key.description else Content(shown)
        base = HOVER if hover else ITEM
        return part.stylize_before(f"{base} dim" if not key.enabled else base)

    def render_line(self, y: int) -> Strip:
        """The one line, drawn again only when the keys, the pointer, the wheel, the width or the colours change
        (Textual asks for it on each of the first three frames, and on every layout)."""
        if self._keys is None:
            self._keys, self._palette = shown_keys(self.screen), palette_key(self.screen)
        style = self.visual_style
        drawn_from = (self._keys, self._palette, self._hover, self._scroll, self.size.width, style)
        if self._drawn is None or self._drawn[0] != drawn_from:
            line = self._draw()
            segments = [segment for segment in line.render_segments(style) if segment.text]
            rich_style = (style + Style(reverse=False)).rich_style
            strip = Strip(segments, line.cell_length).crop_extend(0, self.size.width, rich_style).apply_offsets(0, 0)
            self._drawn = (drawn_from, strip)
        return self._drawn[1] if y == 0 else Strip.blank(self.size.width)

    def _draw(self) -> Content:
        assert self._keys is not None
        width = self.size.width
        right = Content("")
        if self._palette is not None:
            palette = self._part(self._palette, self._hover == self._palette, compact=True)
            right = Content.assemble((PALETTE_BORDER, PALETTE_BORDER_STYLE), palette, " ").stylize_before(
                HOVER if self._hover == self._palette else ITEM
            )
        room = max(0, width - right.cell_length)
        parts = [self._part(key, key == self._hover) for key in self._keys]
        left = Content("").join(parts)
        self._scroll = max(0, min(self._scroll, left.cell_length - room))
        self._places, column = [], -self._scroll
        for key, part in zip(self._keys, parts, strict=True):
            self._places.append((column, column + part.cell_length, key))
            column += part.cell_length
        if self._palette is not None:
            self._places.append((width - right.cell_length, width, self._palette))
        shown = left[self._scroll : self._scroll + room] if left.cell_length > room else left
        return Content.assemble(shown, " " * (room - shown.cell_length), right)

    # --- the mouse --------------------------------------------------------------------------------------------
    def _key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in reversed(self._places) if start <= x < end and x >= 0), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._key_at(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_by(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_by(event, -1)

    def _scroll_by(self, event: events.MouseEvent, step: int) -> None:
        before = self._scroll
        self._scroll = max(0, self._scroll + step)
        self.refresh()  # render() clamps the offset to what does not fit
        if self._scroll != before:
            event.stop()
