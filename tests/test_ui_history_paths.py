"""Pilot tests of the history view's ordinary paths: leaving, deleting, the footer, words and columns."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable, Footer
from ui_helpers import START, history_record, make_app, saved_sessions, screen_text

from footui.content.routines import builtin_library
from footui.history.store import HistoryStore
from footui.text.columns import cell_width
from footui.ui.screens.dialogs import ConfirmScreen
from footui.ui.screens.history import HistoryScreen, SessionDetailScreen
from footui.ui.screens.routines import RoutinesScreen

IDS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(1, 4)]


def seed(tmp_path: Path, count: int = 3, **fields) -> None:
    HistoryStore(tmp_path / "data").merge(
        [history_record(IDS[n], START - timedelta(days=count - n), **fields) for n in range(count)]
    )


async def open_history(pilot) -> DataTable:
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen.query_one("#sessions", DataTable)


def footer_text(app) -> str:
    return " ".join(str(key.render()) for key in app.screen.query_one(Footer).query("FooterKey"))


async def test_escape_goes_back_to_the_routines(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        assert "Routines" in footer_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)


async def test_the_footer_shows_enter_for_details(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        assert "Details" in footer_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)


async def test_enter_alone_does_not_delete_and_after_a_delete_the_cursor_stays(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await open_history(pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the default is no
        await pilot.pause()
        assert len(saved_sessions(tmp_path)) == 3
        await pilot.press("d", "y")
        await pilot.pause()
        await pilot.pause()
        assert [s["id"] for s in saved_sessions(tmp_path)] == [IDS[0], IDS[2]]
        assert table.cursor_row == 1  # the row below the deleted one, not back at the top


async def test_words_and_units_read_right_for_one(tmp_path: Path) -> None:
    record = history_record(IDS[0], START - timedelta(hours=2), routine_id="ankles", pain_after=3)
    record["exercises"] = [
        {"exercise_id": "ankle-circles", "side": "left", "sets_planned": 1, "sets_done": 1, "hold_s": 20, "rest_s": 0}
    ]
    record["planned_sets"] = 1
    HistoryStore(tmp_path / "data").merge([record])
    app, _ = make_app(tmp_path, builtin_library())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        text = screen_text(app)
        assert "Streak, any session: 1 day (best 1 day)" in text
        assert "1 score, not enough for a trend" in text
        await pilot.press("enter")
        await pilot.pause()
        details = screen_text(app)
        assert "1 / 1 set " in details
        assert "20 s circle" in details and "s hold" not in details


async def test_columns_stay_aligned_with_wide_characters(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    lines = SessionDetailScreen(
        history_record(IDS[0], START), {"squeeze": "足の指 🦶 squeeze", "lift": "Lift"}
    ).detail_lines()
    columns = {cell_width(line[: line.index(" / ")]) for line in lines if " / " in line}
    assert len(columns) == 1, lines


async def test_the_stats_fit_at_60x20(tmp_path: Path) -> None:
    seed(tmp_path, 1, pain_after=2)
    app, _ = make_app(tmp_path, builtin_library())
    async with app.run_test(size=(60, 20)) as pilot:
        await open_history(pilot)
        stats = app.screen.query_one("#history-stats")
        assert stats.region.height == stats.outer_size.height, "cut off"
        assert stats.region.bottom <= 19 and stats.outer_size.height >= 10
        assert str(stats.render()).endswith("not enough for a trend")
