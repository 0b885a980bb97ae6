"""footui.tcss, the one stylesheet, given to Textual in two parts: the routine list's rules at start, the other
screens' rules when the first of those screens opens.

Textual parses every rule of a stylesheet before the first frame. The other screens' rules (the session, its
summary, the history, the dialogs, the editor) are most of footui.tcss and about 8 ms of the routine list's
start-up (benchmarks/README.md). The rules above MARKER in the file are the app's stylesheet from the start; the
rest is added just before the app pushes a screen or switches mode, when Textual parses only what is new (the
first session, history view or dialog waits those 8 ms instead). None of the rules below the marker may apply to
the routine list: tests/test_ui_startup.py checks every node of it against them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, AwaitMount, ReturnType

MARKER = "/* === the other screens"


def _stylesheet() -> Path:
    """Installed: the copy inside the package; from a checkout: the one at the top of the repo."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "footui.tcss"
    return packaged if packaged.exists() else package.parent / "footui.tcss"


STYLESHEET_PATH = _stylesheet()


def parts(text: str) -> tuple[str, str]:
    """(the routine list's rules, the rest). The rest starts with as many blank lines as the first part has
    lines, so that Textual's messages about a rule give its line in the file."""
    head, marker, rest = text.partition(MARKER)
    return head, ("\n" * head.count("\n") + marker + rest) if marker else ""


class StagedStylesheet(App[ReturnType]):
    """An App whose stylesheet is footui.tcss, its other screens' rules added when the first of them opens."""

    def __init__(self) -> None:
        super().__init__()
        start, self._rest_of_stylesheet = parts(STYLESHEET_PATH.read_text(encoding="utf-8"))
        # what App does with CSS_PATH (read before the widgets' DEFAULT_CSS), with the first part only
        self.stylesheet.add_source(start, read_from=(str(STYLESHEET_PATH), ""))

    def load_rest_of_stylesheet(self) -> None:
        if self._rest_of_stylesheet:
            rest, self._rest_of_stylesheet = self._rest_of_stylesheet, ""
            self.stylesheet.add_source(rest, read_from=(str(STYLESHEET_PATH), "the other screens"))

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        self.load_rest_of_stylesheet()
        return super().push_screen(*args, **kwargs)

    def switch_mode(self, mode: str) -> AwaitMount:
        self.load_rest_of_stylesheet()
        return super().switch_mode(mode)
