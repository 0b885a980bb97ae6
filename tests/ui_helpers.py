"""Shared pieces for the Pilot and snapshot tests: a fake clock, a small routines file, an app factory.

Time in these tests is the fake clock's: advance it, call `tick()` on the session screen, then
`await pilot.pause()`. The session's one-shot timers run on the real loop clock; with a frozen fake clock
they find nothing to do, so tests never depend on them and never sleep.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from footui.config.settings import Settings
from footui.content.routines import Library, load_library
from footui.history.store import HistoryStore
from footui.ui.app import FootApp
from footui.ui.screens.session import SessionScreen

TZ = timezone(timedelta(hours=1))
START = datetime(2026, 11, 24, 8, 0, tzinfo=TZ)

# One exercise on both feet (prepare 1, then hold 2 / rest 1 / hold 2 / rest 1 / hold 2 per foot),
# then a one-set exercise with no sides: 7 sets, 20 s planned.
QUICK_TOML = """\
[[exercise]]
id = "squeeze"
name = "Squeeze"
sets = 3
hold_s = 2
rest_s = 1
sides = "both"
cue = "squeeze"
steps = ["Grip the floor with the toes.", "Keep the heel down."]

[[exercise]]
id = "lift"
name = "Lift"
sets = 1
hold_s = 1

[[routine]]
id = "quick"
name = "Quick"
prepare_s = 1
exercises = ["squeeze", "lift"]
"""


class FakeClock:
    """Monotonic seconds you advance by hand; wall time and local time move with it."""

    WALL_OFFSET = 1_790_000_000.0

    def __init__(self, start: float = 1000.0, when: datetime = START) -> None:
        self.t = start
        self._start = start
        self._when = when

    def monotonic(self) -> float:
        return self.t

    def wall(self) -> float:
        return self.t + self.WALL_OFFSET

    def now(self) -> datetime:
        return self._when + timedelta(seconds=self.t - self._start)

    def advance(self, seconds: float) -> None:
        self.t += seconds


def write_routines(directory: Path, text: str = QUICK_TOML) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "routines.toml"
    path.write_text(text, encoding="utf-8")
    return path


def quick_library(tmp_path: Path) -> Library:
    return load_library(write_routines(tmp_path / "lib"))


def make_app(
    tmp_path: Path,
    library: Library | None = None,
    *,
    clock: FakeClock | None = None,
    settings: Settings | None = None,
    start_routine: str | None = None,
) -> tuple[FootApp, FakeClock]:
    clock = clock or FakeClock()
    app = FootApp(
        library if library is not None else quick_library(tmp_path),
        HistoryStore(tmp_path / "data"),
        settings or Settings(seen_health_note=True),
        start_routine=start_routine,
        clock=clock.monotonic,
        wall=clock.wall,
        now=clock.now,
        persist_settings=False,
        environ={},  # no TMUX, no SSH, no FOOTUI_CUE_CMD from the shell running the tests
        find_voice=lambda: None,  # and never a real voice
    )
    return app, clock


def history_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.json"


def saved_sessions(tmp_path: Path) -> list[dict]:
    path = history_file(tmp_path)
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["sessions"]


def text_of(app: FootApp, selector: str) -> str:
    """What a Static on the current screen shows, as plain text."""
    return str(app.screen.query_one(selector, Static).render())


def countdown(app: FootApp) -> str:
    return app.screen.query_one("#countdown").value


def screen_text(app: FootApp) -> str:
    """Every character on the terminal, line by line (modal screens include what they cover)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def session_screen(app: FootApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen), f"expected the session, got {type(screen).__name__}"
    return screen


async def advance(pilot: Pilot, clock: FakeClock, seconds: float) -> None:
    """Let `seconds` of session time pass, then let the screen catch up."""
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.tick()
    await pilot.pause()
    await pilot.pause()


def history_record(
    sid: str,
    started: datetime,
    *,
    routine_id: str = "quick",
    routine_name: str = "Quick",
    done: tuple[int, ...] = (3, 3, 1),
    status: str = "completed",
    pain_after: int | None = None,
    note: str = "",
    minutes: float = 1.0,
) -> dict:
    """A finished session as history.json stores it, for the quick routine by default."""
    entries = [("squeeze", "left", 3, 2, 1), ("squeeze", "right", 3, 2, 1), ("lift", None, 1, 1, 0)]
    exercises = [
        {"exercise_id": ex, "side": side, "sets_planned": n, "sets_done": d, "hold_s": h, "rest_s": r}
        for (ex, side, n, h, r), d in zip(entries, done, strict=True)
    ]
    return {
        "id": sid,
        "routine_id": routine_id,
        "routine_name": routine_name,
        "started_at": started.isoformat(timespec="seconds"),
        "ended_at": (started + timedelta(minutes=minutes)).isoformat(timespec="seconds"),
        "status": status,
        "planned_sets": 7,
        "exercises": exercises,
        "pain_before": None,
        "pain_after": pain_after,
        "note": note,
    }
