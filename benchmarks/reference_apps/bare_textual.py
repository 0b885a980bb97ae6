"""Reference for start-up, idle CPU and memory: the smallest Textual app, one line of text. Quit: ctrl+q."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("bare textual reference app")


if __name__ == "__main__":
    BareApp().run()
