"""Regenerate the README's screenshots: `python docs/make_screenshots.py` (frozen clock, sample history)."""

from __future__ import annotations

import asyncio
import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from footui.config.settings import Settings
from footui.content.routines import builtin_library
from footui.history.store import HistoryStore
from footui.ui.app import FootApp

HERE = Path(__file__).parent
NOW = datetime(2026, 11, 24, 8, 30, tzinfo=timezone(timedelta(hours=1)))


class FrozenClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def monotonic(self) -> float:
        return self.t

    def wall(self) -> float:
        return self.t + 1.7e9

    def now(self) -> datetime:
        return NOW + timedelta(seconds=self.t - 1000.0)


def sample_history(data_dir: Path) -> None:
    library = builtin_library()
    routine = library.routines["back-relief"]
    sessions = []
    for days_ago in range(40, 0, -1):
        if days_ago % 6 == 0:
            continue
        for run in range(1 + days_ago % 3):
            start = NOW - timedelta(days=days_ago, hours=10 - 4 * run)
            entries = []
            for ex in library.routine_exercises(routine):
                for side in ex.side_list:
                    entries.append(
                        {
                            "exercise_id": ex.id,
                            "side": side,
                            "sets_planned": ex.sets,
                            "sets_done": ex.sets,
                            "hold_s": ex.hold_s,
                            "rest_s": ex.rest_s,
                        }
                    )
            sessions.append(
                {
                    "id": f"00000000-0000-4000-8000-{days_ago:06d}{run:06d}",
                    "routine_id": routine.id,
                    "routine_name": routine.name,
                    "started_at": start.isoformat(timespec="seconds"),
                    "ended_at": (start + timedelta(seconds=560)).isoformat(timespec="seconds"),
                    "status": "completed",
                    "planned_sets": 37,
                    "exercises": entries,
                    "pain_before": None,
                    "pain_after": 2 + days_ago % 4,
                    "note": "",
                }
            )
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "history.json").write_text(json.dumps({"schema": 1, "sessions": sessions}))


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        sample_history(data)
        clock = FrozenClock()
        app = FootApp(
            builtin_library(),
            HistoryStore(data),
            Settings(seen_health_note=True),
            clock=clock.monotonic,
            wall=clock.wall,
            now=clock.now,
            persist_settings=False,
            environ={},
            find_voice=lambda: None,
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("h")
            await pilot.pause()
            app.save_screenshot(str(HERE / "history.svg"))

        app = FootApp(
            builtin_library(),
            HistoryStore(data),
            Settings(seen_health_note=True),
            start_routine="back-relief",
            clock=clock.monotonic,
            wall=clock.wall,
            now=clock.now,
            persist_settings=False,
            environ={},
            find_voice=lambda: None,
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            clock.t += 62 + 5 + 4.4  # the toe press done; into the first pencil pickup with the left foot
            app.screen.tick()
            await pilot.pause()
            app.save_screenshot(str(HERE / "session.svg"))


if __name__ == "__main__":
    asyncio.run(main())
