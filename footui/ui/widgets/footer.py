"""A Footer whose keys are in the first frame, and that rebuilds only when the keys it shows change.

Textual's Footer composes empty, then rebuilds itself after the first refresh, and again on every bindings
update (each focus change, each `refresh_bindings()`), even when the same keys result. Measured on the routine
list (see benchmarks/README.md): that second pass was about half of footui's start-up time over a bare Textual
app, and each rebuild repaints the footer row (bytes over SSH).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple:
    """What the footer would show: each visible binding's key, label, action and whether it is enabled."""
    return tuple(
        (key, binding.description, binding.action, enabled)
        for key, (_node, binding, enabled, _tip) in screen.active_bindings.items()
        if binding.show
    )


class QuickFooter(Footer):
    _shown: tuple | None = None

    def __init__(self) -> None:
        super().__init__()
        self._bindings_ready = True  # Footer's own flag (textual 8): compose the keys now, not after a refresh

    def compose(self) -> ComposeResult:
        self._shown = shown_keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and shown_keys(screen) == self._shown:
            return  # the same keys: nothing to rebuild, nothing to repaint
        super().bindings_changed(screen)
