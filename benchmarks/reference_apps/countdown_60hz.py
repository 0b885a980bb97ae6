"""Reference for bytes/CPU during a hold: a countdown the way Textual timer apps commonly write it.

A `Digits` showing MM:SS.hh (as in Textual's stopwatch tutorial) and a default `ProgressBar` (bar, percentage,
ETA), both updated by `set_interval(1 / 60)`. Usage: python countdown_60hz.py [SECONDS]. Quit: ctrl+q.
"""

import sys
from time import monotonic

from textual.app import App, ComposeResult
from textual.widgets import Digits, ProgressBar


class CountdownApp(App[None]):
    CSS = "Digits { width: auto; } ProgressBar { margin-top: 1; }"

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.start = monotonic()

    def compose(self) -> ComposeResult:
        yield Digits("00:00.00")
        yield ProgressBar(total=self.seconds)

    def on_mount(self) -> None:
        self.start = monotonic()
        self.update_view()
        self.set_interval(1 / 60, self.update_view)

    def update_view(self) -> None:
        elapsed = min(self.seconds, monotonic() - self.start)
        minutes, seconds = divmod(self.seconds - elapsed, 60)
        self.query_one(Digits).update(f"{minutes:02.0f}:{seconds:05.2f}")
        self.query_one(ProgressBar).update(progress=elapsed)


if __name__ == "__main__":
    CountdownApp(float(sys.argv[1]) if len(sys.argv) > 1 else 600.0).run()
