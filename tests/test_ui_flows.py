"""Pilot tests of a session from the user's side: what the screen says and what history.json holds."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList
from ui_helpers import (
    advance,
    countdown,
    make_app,
    saved_sessions,
    screen_text,
    session_screen,
    text_of,
    write_routines,
)

from footui.config.settings import Settings
from footui.content.routines import builtin_library, load_library
from footui.history.store import HistoryStore
from footui.session.engine import PAUSED, RUNNING
from footui.ui.app import FootApp
from footui.ui.screens.dialogs import ConfirmScreen, HealthNoteScreen, HelpScreen
from footui.ui.screens.routines import RoutinesScreen
from footui.ui.screens.session import SessionScreen
from footui.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


def seen(app) -> tuple[str, str, str, str]:
    """(phase label, side, set line, countdown) as the session screen shows them."""
    return (text_of(app, "#phase").strip(), text_of(app, "#side"), text_of(app, "#set"), countdown(app))


async def start_quick(pilot) -> None:
    """Highlight the user's routine (after the three built-ins) and press enter."""
    await pilot.press("down", "down", "down")
    assert pilot.app.screen.query_one("#routine-list", OptionList).highlighted_option.id == "quick"
    await pilot.press("enter")
    await pilot.pause()


async def test_enter_on_the_list_runs_every_phase_to_the_summary_and_saves(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start_quick(pilot)
        assert text_of(app, "#where") == "Quick · exercise 1 of 2: Squeeze"
        views = [seen(app)]
        for _ in range(25):
            await advance(pilot, clock, 1)
            if not isinstance(app.screen, SessionScreen):
                break
            views.append(seen(app))
        assert views == [
            ("GET READY", "LEFT FOOT", "set 1 of 3", "1"),
            ("SQUEEZE", "LEFT FOOT", "set 1 of 3", "2"),
            ("SQUEEZE", "LEFT FOOT", "set 1 of 3", "1"),
            ("REST", "LEFT FOOT", "next: set 2 of 3", "1"),
            ("SQUEEZE", "LEFT FOOT", "set 2 of 3", "2"),
            ("SQUEEZE", "LEFT FOOT", "set 2 of 3", "1"),
            ("REST", "LEFT FOOT", "next: set 3 of 3", "1"),
            ("SQUEEZE", "LEFT FOOT", "set 3 of 3", "2"),
            ("SQUEEZE", "LEFT FOOT", "set 3 of 3", "1"),
            ("GET READY", "RIGHT FOOT", "set 1 of 3", "1"),
            ("SQUEEZE", "RIGHT FOOT", "set 1 of 3", "2"),
            ("SQUEEZE", "RIGHT FOOT", "set 1 of 3", "1"),
            ("REST", "RIGHT FOOT", "next: set 2 of 3", "1"),
            ("SQUEEZE", "RIGHT FOOT", "set 2 of 3", "2"),
            ("SQUEEZE", "RIGHT FOOT", "set 2 of 3", "1"),
            ("REST", "RIGHT FOOT", "next: set 3 of 3", "1"),
            ("SQUEEZE", "RIGHT FOOT", "set 3 of 3", "2"),
            ("SQUEEZE", "RIGHT FOOT", "set 3 of 3", "1"),
            ("GET READY", "", "set 1 of 1", "1"),
            ("HOLD", "", "set 1 of 1", "1"),
        ]
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-title") == "Session complete: Quick"
        assert text_of(app, "#summary-figures") == "7 of 7 sets (100%) · time 20 s"
        assert text_of(app, "#saved") == "Saved to your history."
        assert "Squeeze (left foot)" in text_of(app, "#summary-sets")
    (session,) = saved_sessions(tmp_path)
    assert session["status"] == "completed"
    assert session["routine_id"] == "quick"
    assert [(e["exercise_id"], e["side"], e["sets_done"]) for e in session["exercises"]] == [
        ("squeeze", "left", 3),
        ("squeeze", "right", 3),
        ("lift", None, 1),
    ]
    assert session["started_at"] == "2026-11-24T08:00:00+01:00"
    assert session["ended_at"] == "2026-11-24T08:00:20+01:00"


async def test_start_routine_opens_the_session_at_once_and_saves_sets_as_they_complete(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_screen(app)
        assert seen(app) == ("GET READY", "LEFT FOOT", "set 1 of 3", "1")
        await advance(pilot, clock, 3)  # get ready + the first hold
        assert text_of(app, "#status") == "sets done 1/7"
        # the completed set is on disk already (a checkpoint), before the session ends
        checkpoints = list((tmp_path / "data" / "active").glob("*.json"))
        assert len(checkpoints) == 1


async def test_a_session_from_the_command_line_builds_the_routine_list_only_after_it(tmp_path: Path) -> None:
    """`footui start ID`: the routine list is not built under the session (it only took memory there); the
    user meets it, whole, when the session is over."""
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_screen(app)
        assert not app.screen.query("#routine-list") and len(app.screen_stack) == 2
        assert not any(isinstance(screen, RoutinesScreen) for screen in app.screen_stack)
        await advance(pilot, clock, 20)
        await pilot.press("escape")  # the summary's way out
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        assert "Quick" in screen_text(app) and "Not medical advice" in screen_text(app)


async def test_a_resume_that_is_no_longer_possible_shows_the_routine_list(tmp_path: Path) -> None:
    """`footui resume ID` for a session that is gone: the routine list, not the empty place it would be in."""
    app = FootApp(
        load_library(write_routines(tmp_path / "lib")),
        HistoryStore(tmp_path / "data"),
        Settings(seen_health_note=True),
        resume_session="no-such-session",
        persist_settings=False,
        environ={},
        find_voice=lambda: None,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, RoutinesScreen)
        assert "Quick" in screen_text(app)


async def test_the_window_title_names_the_phase_and_changes_with_it_not_every_second(tmp_path: Path) -> None:
    """Over SSH a title is bytes: the phase and the exercise, written when the phase changes."""
    app, clock = make_app(tmp_path, start_routine="quick")
    written: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app._write = written.append  # type: ignore[method-assign]  # headless: record what would reach the terminal
        await pilot.pause()
        await advance(pilot, clock, 1)  # the first hold (2 s), then its second second
        await advance(pilot, clock, 1)
        await advance(pilot, clock, 1)  # the rest
    titles = [w for w in written if w.startswith("\x1b]2;")]
    assert titles == ["\x1b]2;footui · SQUEEZE · Squeeze\x07", "\x1b]2;footui · REST · Squeeze\x07"]


async def test_pause_freezes_the_countdown_and_resume_continues(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 1.5)  # half a second into the first 2 s hold
        screen = session_screen(app)
        assert seen(app)[0] == "SQUEEZE" and countdown(app) == "2"
        await pilot.press("space")
        assert text_of(app, "#phase").strip() == "PAUSED · SQUEEZE"
        assert screen.has_class("-paused")
        assert text_of(app, "#status").startswith("paused · space resumes")
        await advance(pilot, clock, 30)
        assert text_of(app, "#phase").strip() == "PAUSED · SQUEEZE"
        assert countdown(app) == "2"
        assert screen.engine.remaining() == 1.5
        await pilot.press("space")
        assert seen(app)[0] == "SQUEEZE" and not screen.has_class("-paused")
        await advance(pilot, clock, 1)
        assert countdown(app) == "1"
        await advance(pilot, clock, 0.5)
        assert seen(app)[:3] == ("REST", "LEFT FOOT", "next: set 2 of 3")
        assert text_of(app, "#status") == "sets done 1/7"


async def test_next_skips_a_hold_without_counting_it_and_back_restarts_the_phase(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        await advance(pilot, clock, 1.5)
        assert seen(app)[:3] == ("SQUEEZE", "LEFT FOOT", "set 1 of 3")
        await pilot.press("b")
        assert countdown(app) == "2" and screen.engine.remaining() == 2.0
        await advance(pilot, clock, 1.5)
        assert countdown(app) == "1"
        await pilot.press("n")
        assert seen(app)[:3] == ("REST", "LEFT FOOT", "next: set 2 of 3")
        assert text_of(app, "#status") == "sets done 0/7"
        assert screen.runner.sets_done == 0
        await advance(pilot, clock, 0.5)
        await pilot.press("b")  # back during a rest restarts the rest
        assert seen(app)[0] == "REST" and screen.engine.remaining() == 1.0
        await advance(pilot, clock, 3)  # rest, then the second hold completes
        assert text_of(app, "#status") == "sets done 1/7"


async def test_escape_then_yes_stops_and_saves_the_completed_sets(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 3)  # one set done
        await advance(pilot, clock, 0.5)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Stop the session?" in screen_text(app)
        assert "The session is saved as stopped, with 1 completed set." in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-title") == "Session stopped: Quick"
        assert text_of(app, "#summary-figures") == "1 of 7 sets (14%) · time 3 s"
    (session,) = saved_sessions(tmp_path)
    assert session["status"] == "stopped"
    assert [e["sets_done"] for e in session["exercises"]] == [1, 0, 0]


async def test_escape_then_no_continues_and_the_dialog_paused_the_session(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        await advance(pilot, clock, 1.5)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert screen.engine.status == PAUSED
        clock.advance(60)  # a minute with the question open
        screen.tick()  # even a late timer must not move the covered session
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.engine.status == RUNNING
        assert screen.engine.remaining() == 1.5
        assert seen(app)[:3] == ("SQUEEZE", "LEFT FOOT", "set 1 of 3")
        await advance(pilot, clock, 1.5)
        assert seen(app)[0] == "REST"
        assert text_of(app, "#status") == "sets done 1/7"
    assert saved_sessions(tmp_path) == []


async def test_help_over_a_session_pauses_it_and_closing_resumes(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        await advance(pilot, clock, 1.25)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "The session is paused while this is open." in screen_text(app)
        assert screen.engine.status == PAUSED
        clock.advance(45)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.engine.status == RUNNING
        assert screen.engine.remaining() == 1.75
        assert seen(app)[0] == "SQUEEZE"


async def test_a_user_pause_stays_paused_after_help_closes(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        await pilot.press("space")
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.engine.status == PAUSED
        assert text_of(app, "#phase").strip() == "PAUSED · GET READY"


async def test_skipping_through_back_relief_saves_nothing_and_says_so(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, builtin_library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the first routine: back-relief
        await pilot.pause()
        screen = session_screen(app)
        assert text_of(app, "#where") == "Back-pain relief · exercise 1 of 5: Toe press"
        assert seen(app) == ("GET READY", "", "set 1 of 10", "5")
        await pilot.press("n")  # the key once; then the action itself, 80-odd times (a keypress costs ~40 ms)
        assert seen(app)[0] == "HOLD"
        sides = set()
        while screen.engine.active:
            sides.add(text_of(app, "#side"))
            screen.action_next_phase()
        await pilot.pause()
        await pilot.pause()
        assert screen.runner.sets_done == 0
        assert {"LEFT FOOT", "RIGHT FOOT"} <= sides
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#saved") == "Nothing saved: no set was completed."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
    assert saved_sessions(tmp_path) == []


# --- the summary ------------------------------------------------------------------------------------------


async def finish_quick(pilot, clock) -> None:
    await advance(pilot, clock, 20)  # one late tick runs every phase whose deadline passed
    assert isinstance(pilot.app.screen, SummaryScreen)


async def test_pain_ten_is_saved_with_the_seven_or_more_advice(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await finish_quick(pilot, clock)
        await pilot.press("1", "0", "enter")
        assert "7 or more" in text_of(app, "#advice")
        assert saved_sessions(tmp_path)[0]["pain_after"] == 10


async def test_pain_then_note_saves_both_and_returns_to_the_list(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await finish_quick(pilot, clock)
        await pilot.press("3", "enter")
        assert text_of(app, "#advice") == "Pain 3/10 saved."
        await pilot.press(*"calm", "space", *"today", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
    (session,) = saved_sessions(tmp_path)
    assert (session["pain_after"], session["note"]) == (3, "calm today")


async def test_pain_above_ten_is_refused(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await finish_quick(pilot, clock)
        await pilot.press("4", "2", "enter")
        assert text_of(app, "#advice") == "Enter a whole number from 0 to 10."
    assert saved_sessions(tmp_path)[0]["pain_after"] is None


async def test_escape_on_the_summary_skips_the_questions(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await finish_quick(pilot, clock)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        assert "squeeze 1/" not in text_of(app, "#today")  # the user routine has no daily target
    (session,) = saved_sessions(tmp_path)
    assert (session["status"], session["pain_after"], session["note"]) == ("completed", None, "")


async def test_after_a_session_the_list_and_history_count_it(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, builtin_library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "toe press 0/3" in text_of(app, "#today")
        await pilot.press("down", "down", "enter")  # toe-press-only: 10 sets, 62 s
        await pilot.pause()
        await advance(pilot, clock, 62)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        assert "toe press 1/3" in text_of(app, "#today")
        await pilot.press("h")
        await pilot.pause()
        assert "Sessions in all: 1" in text_of(app, "#history-stats")


# --- what the routine files put on screen -------------------------------------------------------------------

HOSTILE = r"""
[[exercise]]
id = "markup"
name = "[b]bold[/b] toes"
sets = 1
hold_s = 1
steps = ["[/]", "[red]red", "[link=https://x]click[/link]"]
why = "[/] [on red]x"

[[routine]]
id = "hostile"
name = "[bold red]x[/]"
prepare_s = 1
exercises = ["markup"]
description = "[/]"
"""


async def test_markup_and_escapes_in_routines_show_literally(tmp_path: Path) -> None:
    library = load_library(write_routines(tmp_path / "lib", HOSTILE))
    assert library.problems == []
    app, clock = make_app(tmp_path, library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down")
        await pilot.pause()
        shown = screen_text(app)
        assert "[bold red]x[/]" in shown
        assert "[b]bold[/b] toes" in shown
        assert "[red]red" in shown  # (an escape in a step is refused with its line: tests/test_routines.py)
        assert "\x1b" not in shown and "\x07" not in shown
        await pilot.press("enter")
        await pilot.pause()
        session_screen(app)
        assert text_of(app, "#where") == "[bold red]x[/] · exercise 1 of 1: [b]bold[/b] toes"
        shown = screen_text(app)
        assert "1. [/]" in shown and "2. [red]red" in shown and "[link=https://x]click[/link]" in shown
        assert "\x1b" not in shown
        await advance(pilot, clock, 2)
        assert isinstance(app.screen, SummaryScreen)
        assert "[bold red]x[/]" in text_of(app, "#summary-title")
        await pilot.press("escape", "h")
        await pilot.pause()
        assert "[bold red]x[/]" in screen_text(app)


async def test_a_broken_routines_file_is_reported_and_the_builtins_still_work(tmp_path: Path) -> None:
    broken = '[[exercise]]\nid = "bad"\nname = "Bad"\nsets = 0\nhold_s = 5\n\n[[routine]]\nid = "mine"\n'
    library = load_library(write_routines(tmp_path / "lib", broken))
    assert library.problems
    app, clock = make_app(tmp_path, library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        problems = app.screen.query_one("#problems")
        assert problems.display
        notice = text_of(app, "#problems-text")
        assert notice.startswith("routines.toml has ")
        assert "problem; the built-in routines still work" in notice or "problems; the built-in" in notice
        assert "routines.toml:4:" in notice
        assert "routines.toml has " in screen_text(app)
        assert [o.id for o in app.screen.query_one("#routine-list", OptionList).options] == [
            "back-relief",
            "no-equipment",
            "toe-press-only",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, "#where").startswith("Back-pain relief · exercise 1 of 5")
        await advance(pilot, clock, 5 + 3)
        assert text_of(app, "#status") == "sets done 1/37"


async def test_a_good_routines_file_shows_no_notice(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#problems") and "routines.toml" not in screen_text(app)


# --- the health note and help ------------------------------------------------------------------------------


async def test_the_health_note_shows_on_first_run_and_again_on_i(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, settings=Settings(seen_health_note=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HealthNoteScreen)
        assert "not medical advice" in screen_text(app)
        assert app.settings.seen_health_note
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, HealthNoteScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)


async def test_the_health_note_is_not_shown_once_seen(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)


async def test_first_run_with_a_start_routine_starts_it_after_the_note(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, settings=Settings(seen_health_note=False), start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HealthNoteScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert seen(app) == ("GET READY", "LEFT FOOT", "set 1 of 3", "1")


async def test_help_on_the_list_lists_the_keys(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "paused" not in text_of(app, ".dialog-title")
        assert not app.screen.query(".dialog-note")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
