"""Pilot tests of the paths around a session: quitting in the middle, the summary, a save that failed."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from textual.widgets import Button, Footer, Input
from ui_helpers import FakeClock, advance, make_app, saved_sessions, screen_text, session_screen, text_of

from footui.config.settings import Settings
from footui.content.routines import builtin_library
from footui.history.files import AtomicWriter, decode_document
from footui.history.store import HistoryStore
from footui.session.engine import PAUSED
from footui.ui.app import FootApp
from footui.ui.screens.dialogs import ConfirmScreen, HelpScreen, PathScreen
from footui.ui.screens.routines import RoutinesScreen
from footui.ui.screens.session import SessionScreen
from footui.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


async def two_sets_in(pilot, clock) -> SessionScreen:
    """The quick routine, started and run until two sets are done (prepare 1, hold 2, rest 1, hold 2)."""
    await pilot.pause()
    await advance(pilot, clock, 6.01)
    screen = session_screen(pilot.app)
    assert screen.runner.sets_done == 2
    return screen


def footer_text(app) -> str:
    return " ".join(str(key.render()) for key in app.screen.query_one(Footer).query("FooterKey"))


# --- quitting during a session ------------------------------------------------------------------------------


async def test_ctrl_q_during_a_session_asks_then_saves_it_as_stopped_with_its_sets(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await two_sets_in(pilot, clock)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Stop the session and quit?" in screen_text(app)
        assert "saved as stopped, with 2 completed sets" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app._exit
    (session,) = saved_sessions(tmp_path)
    assert session["status"] == "stopped"
    assert [item["sets_done"] for item in session["exercises"]] == [2, 0, 0]


async def test_ctrl_q_then_no_goes_back_to_the_running_session(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        screen = await two_sets_in(pilot, clock)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert screen.engine.status == PAUSED  # the question covers the session: no hold passes unseen
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.engine.active and screen.engine.status != PAUSED
        assert not app._exit


async def test_the_palettes_quit_asks_too(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await two_sets_in(pilot, clock)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), type(app.screen).__name__
        await pilot.press("enter")  # the default here is yes: stopping keeps every set
        await pilot.pause()
        assert app._exit
    assert saved_sessions(tmp_path)[0]["status"] == "stopped"


async def test_ctrl_c_during_a_session_points_to_escape_not_to_a_bare_quit(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await two_sets_in(pilot, clock)
        await pilot.press("ctrl+c")
        await pilot.pause()
        (note,) = list(app._notifications)
        assert "escape stops the session and keeps its sets" in note.message
        assert not note.markup


# --- what the footer and the status say ---------------------------------------------------------------------


async def test_the_footer_says_resume_while_paused(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await two_sets_in(pilot, clock)
        assert "Pause" in footer_text(app) and "Resume" not in footer_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "Resume" in footer_text(app) and "Pause" not in footer_text(app)


async def test_modal_screens_show_their_own_keys_not_the_sessions(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await two_sets_in(pilot, clock)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        keys = footer_text(app)
        assert "Yes" in keys and "No" in keys
        assert "Pause" not in keys and "Resume" not in keys and "Next" not in keys
        await pilot.press("n", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Close" in footer_text(app) and "Next" not in footer_text(app)


async def test_a_covered_paused_session_does_not_offer_a_key_that_does_nothing(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await two_sets_in(pilot, clock)
        await pilot.press("space")  # the user's own pause
        await pilot.pause()
        assert "space resumes" in screen_text(app)
        for opener, closer in (("question_mark", "escape"), ("escape", "n")):
            await pilot.press(opener)
            await pilot.pause()
            assert "space resumes" not in screen_text(app), opener
            await pilot.press(closer)
            await pilot.pause()
            assert "space resumes" in screen_text(app)


# --- the summary --------------------------------------------------------------------------------------------


async def test_escape_on_the_summary_keeps_the_typed_pain_and_note(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 20)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("4", "tab", *"tight", "space", *"calf")  # typed, never confirmed with enter
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
    (session,) = saved_sessions(tmp_path)
    assert (session["pain_after"], session["note"]) == (4, "tight calf")


async def test_ctrl_q_on_the_summary_keeps_what_is_typed(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 20)
        await pilot.press("2", "tab", *"ok", "ctrl+q")
        await pilot.pause()
        assert app._exit
    (session,) = saved_sessions(tmp_path)
    assert (session["pain_after"], session["note"]) == (2, "ok")


async def test_a_session_stopped_with_no_set_says_one_true_thing(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Nothing saved: no set was completed." in text
        assert "saved." not in text.replace("Nothing saved", "") and "Pain" not in text
        await pilot.press(*"5", "enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
    assert saved_sessions(tmp_path) == []


async def test_the_summary_fits_60x20_with_seven_lines_and_the_focused_field_in_view(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, builtin_library(), start_routine="back-relief")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 10_000)
        assert isinstance(app.screen, SummaryScreen)
        assert len(app.screen.runner.plan.entries) == 7
        for field in ("#pain", "#note"):
            app.screen.query_one(field, Input).focus()
            await pilot.pause()
            await pilot.pause()
            region = app.screen.query_one(field, Input).region
            assert region.height == 3 and region.y >= 0 and region.bottom <= 19, (field, region)
        text = screen_text(app)
        assert "Session complete" in text or "sets" in text


# --- a save that failed -------------------------------------------------------------------------------------


class FullDisk(AtomicWriter):
    """history.json cannot be written (the disk is full); the small per-session checkpoints still fit."""

    def __init__(self) -> None:
        self.full = True

    def write_all(self, fd: int, data: bytes) -> None:
        if self.full and data.startswith(b'{"schema"'):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        super().write_all(fd, data)


def full_disk_app(tmp_path: Path) -> tuple[FootApp, FakeClock, FullDisk]:
    from ui_helpers import quick_library

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
    )
    return app, clock, writer


def checkpoints(tmp_path: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in (tmp_path / "data" / "active").glob("*.json")]


async def test_a_failed_save_keeps_the_score_in_the_checkpoint_and_can_be_retried(tmp_path: Path) -> None:
    app, clock, writer = full_disk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 20)
        assert isinstance(app.screen, SummaryScreen)
        assert "Not saved yet" in text_of(app, "#saved") and "disk full" in text_of(app, "#saved")
        assert app.screen.query_one("#save-actions").display
        await pilot.press("6", "enter", *"sore", "enter")
        await pilot.pause()
        (checkpoint,) = checkpoints(tmp_path)
        assert (checkpoint["pain_after"], checkpoint["note"], checkpoint["status"]) == (6, "sore", "completed")
        # enter on the note tried to leave: it asks first, and enter alone answers no
        assert isinstance(app.screen, ConfirmScreen)
        assert "Leave without saving" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        writer.full = False
        app.screen.query_one("#retry", Button).press()
        await pilot.pause()
        assert text_of(app, "#saved") == "Saved to your history."
        assert not app.screen.query_one("#save-actions").display
    (session,) = saved_sessions(tmp_path)
    assert (session["pain_after"], session["note"], session["status"]) == (6, "sore", "completed")
    assert checkpoints(tmp_path) == []


async def test_a_failed_save_can_go_to_a_file_that_footui_import_reads(tmp_path: Path) -> None:
    app, clock, _ = full_disk_app(tmp_path)
    (tmp_path / "elsewhere [").mkdir()
    target = tmp_path / "elsewhere [" / "] session.json"  # a path with "[/]" in it: never markup
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 20)
        await pilot.press("3")
        app.screen.query_one("#save-file", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        path_input = app.screen.query_one("#path", Input)
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        assert any(str(target) in n.message for n in app._notifications)
    doc = decode_document(target.read_bytes())
    (session,) = doc["sessions"]
    assert (session["pain_after"], session["status"]) == (3, "completed")


async def test_quitting_with_an_unsaved_session_warns_first(tmp_path: Path) -> None:
    app, clock, _ = full_disk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 20)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Quit and lose this session?" in screen_text(app)
        await pilot.press("enter")  # no
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and not app._exit
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app._exit


async def test_ctrl_q_mid_session_with_a_full_disk_shows_the_summary_instead_of_losing_it(tmp_path: Path) -> None:
    app, clock, _ = full_disk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await two_sets_in(pilot, clock)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and not app._exit
        assert "Not saved yet" in text_of(app, "#saved")
