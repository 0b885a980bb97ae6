"""Pilot tests: a session whose save failed is never lost by leaving its mode, by quitting, or by a stale checkpoint."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from textual.widgets import Button, Input
from ui_helpers import FakeClock, advance, make_app, quick_library, screen_text, session_screen

from footui.config.settings import Settings
from footui.history.files import AtomicWriter, decode_document
from footui.history.store import HistoryStore
from footui.session.resume import offers
from footui.ui.app import RESTORE_TITLE, FootApp
from footui.ui.screens.dialogs import ConfirmScreen, PathScreen
from footui.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


class FullDisk(AtomicWriter):
    """Nothing fits once `everything` is set; before that only history.json fails (the checkpoints still fit)."""

    def __init__(self) -> None:
        self.full = True
        self.everything = False

    def write_all(self, fd: int, data: bytes) -> None:
        if self.everything or (self.full and data.startswith(b'{"schema"')):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        super().write_all(fd, data)


def full_disk_app(tmp_path: Path) -> tuple[FootApp, FakeClock, FullDisk]:
    clock = FakeClock()
    writer = FullDisk()
    app = FootApp(
        quick_library(tmp_path),
        HistoryStore(tmp_path / "data", writer=writer),
        Settings(seen_health_note=True),
        start_routine="quick",
        clock=clock.monotonic,
        wall=clock.wall,
        now=clock.now,
        persist_settings=False,
        environ={},
        find_voice=lambda: None,
    )
    return app, clock, writer


def checkpoints(tmp_path: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in (tmp_path / "data" / "active").glob("*.json")]


async def _stopped_with_two_sets(pilot, clock) -> None:  # noqa: ANN001
    await pilot.pause()
    await advance(pilot, clock, 6.01)
    assert session_screen(pilot.app).runner.sets_done == 2
    await pilot.press("escape", "y")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)


async def test_quitting_from_the_history_asks_about_an_unsaved_summary_and_keeps_what_was_typed(
    tmp_path: Path,
) -> None:
    app, clock, _ = full_disk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _stopped_with_two_sets(pilot, clock)
        await pilot.press("5", "tab", *"stiff", "tab")  # typed, never confirmed; tab leaves the note
        await pilot.press("h")
        await pilot.pause()
        assert app.current_mode == "history"
        (checkpoint,) = checkpoints(tmp_path)  # leaving the summary's mode kept what was typed
        assert (checkpoint["pain_after"], checkpoint["note"]) == (5, "stiff")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and not app._exit
        assert "Quit and lose this session?" in screen_text(app)
        await pilot.press("n")  # no: back to the summary, where retry and "save to a file" are
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and not app._exit
        assert app.screen.query_one("#note", Input).value == "stiff"
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app._exit
    (checkpoint,) = checkpoints(tmp_path)
    assert (checkpoint["pain_after"], checkpoint["note"], checkpoint["status"]) == (5, "stiff", "stopped")


async def test_switching_modes_away_from_a_saved_summary_saves_what_was_typed(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 20)
        await pilot.press("3", "tab", *"fine")
        await pilot.press("shift+tab", "shift+tab")  # off the fields (h would be typed there)
        await pilot.press("h")
        await pilot.pause()
        assert app.current_mode == "history"
        history = json.loads((tmp_path / "data" / "history.json").read_text())["sessions"]
        assert (history[0]["pain_after"], history[0]["note"]) == (3, "fine")


async def test_ctrl_q_mid_session_leaves_the_window_title_restored_last(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    written: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app._write = written.append  # type: ignore[method-assign]  # headless: record what would reach the terminal
        await pilot.pause()
        await advance(pilot, clock, 6.01)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        await pilot.pause()
        assert app._exit
    titles = [w for w in written if w.startswith("\x1b]2;") or w == RESTORE_TITLE]
    assert titles and titles[-1] == RESTORE_TITLE, titles[-3:]


async def test_saving_to_a_file_retires_the_checkpoint_so_import_adds_it_and_resume_never_offers_it(
    tmp_path: Path,
) -> None:
    app, clock, writer = full_disk_app(tmp_path)
    target = tmp_path / "session.json"
    async with app.run_test(size=SIZE) as pilot:
        await _stopped_with_two_sets(pilot, clock)
        writer.everything = True  # now not even the small checkpoint fits: it holds the last set, in progress
        await pilot.press("4", "tab", *"sore")
        writer.everything = False  # the file the user names is on another disk
        app.screen.query_one("#save-file", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one("#path", Input).value = str(target)
        writer.full = writer.everything = True  # the data dir's disk stays full
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
    assert checkpoints(tmp_path) == []
    store = HistoryStore(tmp_path / "data")
    sessions = store.load()
    assert sessions == []
    assert offers(quick_library(tmp_path), sessions, clock.now()) == []
    (saved,) = decode_document(target.read_bytes())["sessions"]
    assert (saved["status"], saved["pain_after"], saved["note"]) == ("stopped", 4, "sore")
    assert store.merge([saved]) == 1
