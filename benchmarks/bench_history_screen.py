"""How long the history view takes to open with a large history, against the same with a tiny one.

    python benchmarks/bench_history_screen.py [--sizes 10,10000]

Runs the app headless (Textual's run_test), presses `h`, and times until the history screen is shown; the first
size is the reference, measured in the same run. Each figure is the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from footui.config.settings import Settings
from footui.content.routines import builtin_library
from footui.history.store import HistoryStore
from footui.ui.app import FootApp


def write_history(data_dir: Path, count: int) -> None:
    library = builtin_library()
    routine = library.routines["back-relief"]
    entries = [
        {
            "exercise_id": ex.id,
            "side": side,
            "sets_planned": ex.sets,
            "sets_done": ex.sets,
            "hold_s": ex.hold_s,
            "rest_s": ex.rest_s,
        }
        for ex in library.routine_exercises(routine)
        for side in ex.side_list
    ]
    end = datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc)
    sessions = []
    for i in range(count):
        start = end - timedelta(hours=8 * (count - i))
        sessions.append(
            {
                "id": f"00000000-0000-4000-8000-{i:012d}",
                "routine_id": routine.id,
                "routine_name": routine.name,
                "started_at": start.isoformat(),
                "ended_at": (start + timedelta(seconds=560)).isoformat(),
                "status": "completed",
                "planned_sets": 37,
                "exercises": entries,
                "pain_before": None,
                "pain_after": 3,
                "note": "",
            }
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "history.json").write_text(json.dumps({"schema": 1, "sessions": sessions}))


async def open_history(data_dir: Path) -> float:
    app = FootApp(builtin_library(), HistoryStore(data_dir), Settings(seen_health_note=True), persist_settings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        await pilot.press("h")
        await pilot.pause()
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            data = Path(tmp) / str(size)
            write_history(data, size)
            results[size] = statistics.median(asyncio.run(open_history(data)) for _ in range(args.repeat))
    reference = results[sizes[0]]
    print("| sessions | open the history view | ratio to the first row |")
    print("|---:|---:|---:|")
    for size, seconds in results.items():
        print(f"| {size:,} | {seconds * 1000:.0f} ms | {seconds / reference:.2f}x |")


if __name__ == "__main__":
    main()
