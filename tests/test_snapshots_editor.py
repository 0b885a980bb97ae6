"""Snapshots of the routine editor at 80x24 and 120x40: a routine with its own dosage, and problems as typed.

Update after an intended change with `pytest tests/test_snapshots_editor.py --snapshot-update`, then look.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import FakeClock

from footui.config.settings import Settings
from footui.content.routines import load_library
from footui.history.store import HistoryStore
from footui.ui.app import FootApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

PHYSIO = """\
# from the physio, 24 November
[[routine]]
id = "physio"
name = "Physio's version"
prepare_s = 3
exercises = [
  "toe-walking",
  { id = "toe-press", sets = 12, hold_s = 5, rest_s = 3 },
]
"""


def editor_app(footui_dirs: tuple[Path, Path], tmp_path: Path) -> FootApp:
    (footui_dirs[0] / "routines.toml").write_text(PHYSIO, encoding="utf-8")
    clock = FakeClock()
    return FootApp(
        load_library(),
        HistoryStore(tmp_path / "data"),
        Settings(seen_health_note=True),
        start_editor=("routine", "physio"),
        clock=clock.monotonic,
        wall=clock.wall,
        now=clock.now,
        persist_settings=False,
    )


@pytest.mark.parametrize("size", SIZES)
def test_routine_editor(snap_compare, footui_dirs: tuple[Path, Path], tmp_path: Path, size) -> None:
    app = editor_app(footui_dirs, tmp_path)

    async def on_the_dosage(pilot) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#entries").focus()
        await pilot.press("down")

    assert snap_compare(app, run_before=on_the_dosage, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_routine_editor_with_problems(snap_compare, footui_dirs: tuple[Path, Path], tmp_path: Path, size) -> None:
    app = editor_app(footui_dirs, tmp_path)

    async def break_it(pilot) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#prepare").value = "soon"
        pilot.app.screen.query_one("#item-id").value = "Physio!"
        await pilot.pause()

    assert snap_compare(app, run_before=break_it, terminal_size=size)
