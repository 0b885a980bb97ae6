"""The history view's charts: the fixed pain scale, sets against the target, foot balance, the heatmap's marks;
and the pilot flows that use them (charts, editing a session's pain and note, a rest day from the palette)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from ui_helpers import START, history_record, make_app, saved_sessions, screen_text

from footui.history import progress, stats
from footui.history.progress import DayPain
from footui.history.store import HistoryStore
from footui.ui.screens.edit_session import EditSessionScreen
from footui.ui.screens.history import HistoryScreen
from footui.ui.widgets.charts import balance_chart, bar_rows, heatmap_text, pain_chart, sets_chart

SIZE = (100, 40)


def test_pain_is_drawn_on_the_fixed_0_to_10_scale():
    # 3 and 4 are a small step near the bottom, never stretched to the full height
    rows = bar_rows([3, 4, 10, 0, None], 10, 5, "·")
    assert rows == [
        "  █  ",
        "  █  ",
        "  █  ",
        "▄██  ",
        "███▁·",
    ]
    assert [r[:2] for r in bar_rows([3, 4, 10], 10, 5)] == [r[:2] for r in bar_rows([3, 4], 10, 5)]


def test_pain_chart_text():
    days = [DayPain(date(2026, 11, 1) + timedelta(days=n), None, None) for n in range(30)]
    days[-1] = DayPain(date(2026, 11, 30), 6, 3)
    lines = pain_chart(days, "7-day average 3.0").splitlines()
    assert lines[0] == "Pain, last 30 days, on the 0-10 scale: 7-day average 3.0"
    assert lines[2] == "10┤" + " " * 30 + " 10┤" + " " * 30
    # the last day: 6 before fills the 4..6 row exactly; 3 after fills 0..2 and half of 2..4
    assert lines[3] == " " * 2 + "┤" + " " * 30 + "   ┤" + " " * 30
    assert lines[4] == " 5┤" + " " * 29 + "█  5┤" + " " * 30
    assert lines[5] == "  ┤" + " " * 29 + "█   ┤" + " " * 29 + "▄"
    assert lines[6] == " 0┤" + "·" * 29 + "█  0┤" + "·" * 29 + "█"
    assert lines[7].strip().startswith("Nov 1") and lines[7].rstrip().endswith("Nov 30")
    assert max(len(line) for line in lines) <= 78


def test_sets_against_the_target_and_foot_balance():
    lines = sets_chart([0, 31, 62, 100], date(2026, 11, 1), date(2026, 11, 4), 62).splitlines()
    assert lines[1:5] == ["62┤  ██", "  ┤  ██", "  ┤ ███", " 0┤▁███"]  # over the target: a full bar, no more
    text = balance_chart({"toe-pencil-pickups": (50, 25)}, {"toe-pencil-pickups": "Toe pencil pickups"}, 30)
    assert text.splitlines()[1] == "  Toe pencil pickups   left   50 ██████████│█████      25   right"


def test_summary_line_and_balance_figures():
    today = date(2026, 11, 24)
    sessions = [
        history_record(f"s{n}", START - timedelta(days=n), pain_after=score, done=(3, 1, 1), status="stopped")
        for n, score in [(0, 3), (3, 3), (6, 4), (8, 4), (10, 5), (20, 9)]
    ]
    assert progress.pain_summary(sessions, today) == "7-day average 3.3, down 1.2"  # (3+3+4)/3 vs (4+5)/2
    assert progress.pain_summary([], today) == "no pain scores in the last 7 days"
    assert progress.foot_balance(sessions, today, 10) == {"squeeze": (12, 4)}  # the 10th day ago is out


def test_heatmap_month_labels_today_and_rest_marks():
    today = date(2026, 11, 24)  # a Tuesday
    grid = stats.heatmap([], {}, 13, today, rest={date(2026, 11, 19)})
    lines = heatmap_text(grid).splitlines()
    assert lines[0] == "  Sep Oct Nov"  # Oct 1 falls in the 5th week, Nov 1 in the 9th
    assert lines[2] == "T ············◆" and lines[4] == "T ···········○ "
    assert lines[-1] == "○ rest ◆ today"


async def test_c_shows_the_charts_and_back(tmp_path: Path) -> None:
    HistoryStore(tmp_path / "data").merge([history_record("a", START - timedelta(hours=2), pain_after=3)])
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "Pain, last 30 days" not in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        assert "Pain, last 30 days, on the 0-10 scale: 7-day average 3.0" in text
        assert "Left and right foot" in text and "When" not in text
        await pilot.press("c")
        await pilot.pause()
        assert "When" in screen_text(app)


async def test_edit_a_past_sessions_pain_and_note(tmp_path: Path) -> None:
    HistoryStore(tmp_path / "data").merge(
        [history_record("a", START - timedelta(days=1), pain_after=3, note="old \x1b note")]
    )
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, EditSessionScreen)
        await pilot.press("enter")  # nothing changed: the note keeps its original characters
        await pilot.pause()
        assert saved_sessions(tmp_path)[0]["note"] == "old \x1b note"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("1", "1", "enter")  # 11 before: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, EditSessionScreen) and "0 to 10" in screen_text(app)
        app.screen.query_one("#edit-before").value = "6"
        app.screen.query_one("#edit-after").value = ""
        app.screen.query_one("#edit-note").value = "better [b]now"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        saved = saved_sessions(tmp_path)[0]
        assert (saved["pain_before"], saved["pain_after"], saved["note"]) == (6, None, "better [b]now")
        assert "6→-" in screen_text(app)
        await pilot.press("p", "escape")  # escape changes nothing
        await pilot.pause()
        assert saved_sessions(tmp_path)[0] == saved


async def test_rest_day_from_the_palette_command(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Rest day: mark today" in titles
        app.toggle_rest_today()
        await pilot.pause()
        assert HistoryStore(tmp_path / "data").load() == []
        doc = (tmp_path / "data" / "history.json").read_text()
        assert '"date":"2026-11-24"' in doc
        assert "rest day" in screen_text(app) and "◆" in screen_text(app)
        assert "Rest day: unmark today" in [c.title for c in app.get_system_commands(app.screen)]
        app.toggle_rest_today()
        assert '"date"' not in (tmp_path / "data" / "history.json").read_text()


def typed_text(app, selector: str) -> str:
    """What the terminal shows inside an input's region (its frame included)."""
    region = app.screen.query_one(selector).region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(row[region.x : region.right] for row in rows)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_pain_fields_show_what_is_typed(tmp_path: Path, size: tuple[int, int]) -> None:
    HistoryStore(tmp_path / "data").merge([history_record("a", START - timedelta(days=1), pain_after=3)])
    app, _ = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, EditSessionScreen)
        app.screen.query_one("#edit-before").focus()
        await pilot.press("1", "0")
        app.screen.query_one("#edit-after").focus()
        await pilot.press("backspace", "3", "2")
        await pilot.pause()
        assert app.screen.query_one("#edit-before").value == "10"
        assert "10" in typed_text(app, "#edit-before")
        assert "32" in typed_text(app, "#edit-after")
        assert app.screen.query_one("#edit-before").region.width >= 6
