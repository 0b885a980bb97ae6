"""The routine list offers a session that ended early; `u` continues it to the end under the same id."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from ui_helpers import START, advance, history_record, make_app, saved_sessions, screen_text, text_of

from footui.ui.screens.session import SessionScreen
from footui.ui.screens.summary import SummaryScreen
from footui.ui.widgets.meter import Meters

SIZE = (80, 24)


def dropped_session(tmp_path: Path, *, stop_reason: str = "signal") -> dict:
    """A Quick session whose connection dropped 10 minutes before the app opens: the left foot done, one set of
    the right."""
    record = history_record(
        "0d5e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
        START - timedelta(minutes=12),
        done=(3, 1, 0),
        status="stopped",
        minutes=2,
    )
    record["stop_reason"] = stop_reason
    data = tmp_path / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "history.json").write_text(json.dumps({"schema": 1, "sessions": [record]}), encoding="utf-8")
    return record


async def test_u_resumes_at_the_first_unfinished_set_and_completes_the_same_record(tmp_path: Path) -> None:
    before = dropped_session(tmp_path)
    app, clock = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#resume") == "Resume Quick: exercise 1 of 2, 4 of 7 sets done, stopped 07:50 (u)"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert text_of(app, "#phase").strip() == "GET READY"
        assert (text_of(app, "#side"), text_of(app, "#set")) == ("RIGHT FOOT", "set 2 of 3")
        assert "sets done 4/7" in text_of(app, "#status")
        # the exercise meter counts the left foot and the right foot's first set, done before the drop
        meters = app.screen.query_one("#meters", Meters)
        assert meters.fraction("Exercise") >= 0.5, meters.text("Exercise")
        assert saved_sessions(tmp_path) == []  # in progress again (its checkpoint has every set)
        for _ in range(20):
            await advance(pilot, clock, 1)
            if not isinstance(app.screen, SessionScreen):
                break
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("#resume") and "Resume Quick" not in screen_text(app)  # nothing left to resume
    [after] = saved_sessions(tmp_path)
    assert after["id"] == before["id"]
    assert after["status"] == "completed"
    assert after["started_at"] == before["started_at"]
    assert after["resumed_at"] == ["2026-11-24T08:00:00+01:00"]
    assert [e["sets_done"] for e in after["exercises"]] == [3, 3, 1]


async def test_a_session_cut_short_elsewhere_is_offered_when_the_list_comes_back(tmp_path: Path) -> None:
    """The resume line is added above the list when an offer turns up while the app runs (it is composed only
    when there is one)."""
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Resume Quick" not in screen_text(app)
        dropped_session(tmp_path)  # another footui's session, cut by a dropped connection
        app.load_history()
        app.screen.on_screen_resume()  # as when a session or the history view hands back the list
        await pilot.pause()
        rows = screen_text(app).splitlines()
        (line,) = [n for n, row in enumerate(rows) if "Resume Quick: exercise 1 of 2" in row]
        assert rows[line + 1].startswith("╭")  # right above the list's top border
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_a_deliberate_stop_is_not_offered(tmp_path: Path) -> None:
    dropped_session(tmp_path, stop_reason="user")
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query("#resume") and "Resume Quick" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)


async def test_the_palette_offers_the_resume_with_the_name_as_typed(tmp_path: Path) -> None:
    from test_ui_markup import palette_text
    from textual.command import CommandPalette

    before = dropped_session(tmp_path)
    history = tmp_path / "data" / "history.json"
    document = json.loads(history.read_text(encoding="utf-8"))
    document["sessions"][0]["routine_name"] = "Quick [/] [b]morning"  # the name it had, as the record keeps it
    history.write_text(json.dumps(document), encoding="utf-8")
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        title = "Resume Quick [/] [b]morning: exercise 1 of 2, 4 of 7 sets done, stopped 07:50"
        assert title in palette_text(app)
        await pilot.press(*"resume")  # the search highlights matches: the name goes through markup there too
        await pilot.pause(0.3)
        assert title in palette_text(app)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SessionScreen)
        assert text_of(app, "#phase").strip() == "GET READY"
    assert saved_sessions(tmp_path) == []  # the same record, in progress again
    assert (tmp_path / "data" / "active" / f"{before['id']}.json").exists()
