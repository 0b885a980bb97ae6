"""Pilot tests of the history mode: the table, a session's details, deleting, and leaving."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable
from ui_helpers import START, advance, history_record, make_app, saved_sessions, screen_text, text_of

from footui.history.store import HistoryStore
from footui.ui.screens.dialogs import ConfirmScreen
from footui.ui.screens.history import HistoryScreen, SessionDetailScreen
from footui.ui.screens.routines import RoutinesScreen
from footui.ui.screens.session import SessionScreen

SIZE = (100, 30)
OLDER = "00000000-0000-4000-8000-000000000001"
NEWER = "00000000-0000-4000-8000-000000000002"


def seed(tmp_path: Path) -> None:
    HistoryStore(tmp_path / "data").merge(
        [
            history_record(OLDER, START - timedelta(days=1), done=(3, 1, 0), status="stopped", minutes=0.5),
            history_record(NEWER, START - timedelta(hours=2), pain_after=2, note="easy [b]one[/b]"),
        ]
    )


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#sessions", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)][:6] for i in range(table.row_count)]


async def open_history(pilot) -> None:
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)


async def test_the_table_lists_sessions_newest_first(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        assert app.current_mode == "history"
        assert rows(app) == [
            ["2026-11-24 06:00", "Quick", "1 min", "7/7", "completed", "2"],
            ["2026-11-23 08:00", "Quick", "30 s", "4/7", "stopped", "-"],
        ]
        assert "Sessions in all: 2" in text_of(app, "#history-stats")


async def test_the_streaks_are_shown_once(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        stats_text = " ".join(text_of(app, "#history-stats").split())
        assert stats_text.lower().count("streak") == 2, stats_text  # "Streak, every target" and "any session"
        assert "Today:" in stats_text and "targets met" not in stats_text


async def test_enter_opens_the_details_once_and_escape_closes_them(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("down")  # the older, stopped session
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.session["id"] == OLDER
        shown = screen_text(app)
        assert "2026-11-23 08:00 · 30 s · stopped" in shown
        assert "Squeeze (left foot)" in shown and "3 / 3 sets" in shown
        assert "Squeeze (right foot)" in shown and "1 / 3 sets" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_the_detail_shows_the_note_literally(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert "Note: easy [b]one[/b]" in screen_text(app)
        assert "Pain before - · after 2" in screen_text(app)


async def test_d_then_y_deletes_the_session_from_disk_and_the_table(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the session of 2026-11-24 06:00?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert [s["id"] for s in saved_sessions(tmp_path)] == [OLDER]
        assert [r[0] for r in rows(app)] == ["2026-11-23 08:00"]
        await pilot.press("d", "y")
        await pilot.pause()
        assert saved_sessions(tmp_path) == []
        assert rows(app)[0][:2] == ["No sessions yet", "press r, then enter"]
        await pilot.press("d")  # nothing left to delete: no question
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_d_then_n_keeps_the_session(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("d", "n")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert len(saved_sessions(tmp_path)) == 2
        assert len(rows(app)) == 2


async def test_r_goes_back_to_the_routines_and_h_again_shows_the_history(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen) and app.current_mode == "routines"
        await open_history(pilot)
        assert len(rows(app)) == 2


async def test_h_does_nothing_during_a_session(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen and app.current_mode == "routines"
        assert "History" not in screen_text(app).splitlines()[-1]  # not offered in the footer either
        await advance(pilot, clock, 20)
        await pilot.press("escape")  # leave the summary
        await pilot.pause()
        await open_history(pilot)
        assert rows(app)[0][1:5] == ["Quick", "20 s", "7/7", "completed"]


async def test_a_session_done_while_history_was_open_before_appears_on_return(tmp_path: Path) -> None:
    seed(tmp_path)
    app, clock = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await advance(pilot, clock, 20)
        await pilot.press("escape")
        await pilot.pause()
        await open_history(pilot)
        assert [r[0] for r in rows(app)] == ["2026-11-24 08:00", "2026-11-24 06:00", "2026-11-23 08:00"]
        assert "Sessions in all: 3" in text_of(app, "#history-stats")


async def test_e_exports_the_same_csv_as_the_command_to_the_confirmed_path(tmp_path: Path) -> None:
    from footui.cli.history import write_csv_file
    from footui.ui.screens.dialogs import PathScreen

    seed(tmp_path)
    target = tmp_path / "export" / "mine.csv"
    target.parent.mkdir()
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        path_input = app.screen.query_one("#path")
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    expected = write_csv_file(HistoryStore(tmp_path / "data").load(), tmp_path / "expected.csv")
    assert target.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8").startswith("id,started_at")


async def test_escape_cancels_the_export(tmp_path: Path) -> None:
    seed(tmp_path)
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("e", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert not list(tmp_path.rglob("*.csv"))


async def test_the_theme_choice_persists_in_the_config_dir(tmp_path: Path, footui_dirs) -> None:
    import json

    from footui.config.settings import load_settings

    app, _ = make_app(tmp_path)
    app.persist_settings = True
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    saved = json.loads((footui_dirs[0] / "settings.json").read_text())
    assert saved["theme"] == "nord"
    assert load_settings().theme == "nord"
