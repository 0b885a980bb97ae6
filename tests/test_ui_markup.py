"""No user text or path is ever markup: the palette, notifications, a data dir or an export path with "[/]"."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from ui_helpers import make_app, screen_text, write_routines

from footui.config.settings import Settings
from footui.content.routines import load_library
from footui.history.store import HistoryStore
from footui.ui.app import FootApp
from footui.ui.screens.dialogs import PathScreen
from footui.ui.screens.routines import RoutinesScreen

SIZE = (100, 30)

BRACKETS = """\
[[exercise]]
id = "press"
name = "Press"
sets = 1
hold_s = 1

[[routine]]
id = "easy"
name = "Toe press [easy]"
exercises = ["press"]

[[routine]]
id = "closing"
name = "Closing [/] tag"
exercises = ["press"]
"""


def palette_text(app) -> str:
    commands = app.screen.query_one(CommandList)
    return "\n".join(str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count))


async def test_the_palette_shows_routine_names_with_brackets_as_typed(tmp_path: Path) -> None:
    library = load_library(write_routines(tmp_path / "lib", BRACKETS))
    app, _ = make_app(tmp_path, library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        text = palette_text(app)
        assert "Start: Toe press [easy]" in text
        assert "Start: Closing [/] tag" in text
        await pilot.press(*"closing")  # the search highlights matches: the name goes through markup there too
        await pilot.pause(0.3)
        assert "Closing [/] tag" in palette_text(app)


async def test_a_data_dir_with_markup_in_its_path_starts_and_shows_its_notice(tmp_path: Path) -> None:
    data = tmp_path / "odd [" / "] data [b]"
    data.mkdir(parents=True)
    (data / "history.json").mkdir()  # unreadable: the notice names the path
    library = load_library(write_routines(tmp_path / "lib"))
    app = FootApp(library, HistoryStore(data), Settings(seen_health_note=True), persist_settings=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        messages = [n.message for n in app._notifications]
        assert messages and any("] data [b]" in m for m in messages), messages
        await pilot.pause(0.2)  # the toast is drawn: as markup, "[/]" in the path would crash it here
        assert isinstance(app.screen, RoutinesScreen)


async def test_an_export_to_a_path_with_markup_says_where_it_went(tmp_path: Path) -> None:
    (tmp_path / "out [").mkdir()
    target = tmp_path / "out [" / "] history [b].csv"
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one("#path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert target.exists()
        assert str(target) in screen_text(app).replace("\n", "") or any(
            str(target) in n.message for n in app._notifications
        )


async def test_many_routines_toml_problems_are_counted_and_all_reachable_by_scrolling(tmp_path: Path) -> None:
    broken = "".join(f'[[exercise]]\nid = "bad{n}"\nname = "Bad {n}"\nsets = 0\nhold_s = 5\n\n' for n in range(12))
    library = load_library(write_routines(tmp_path / "lib", broken))
    count = len(library.problems)
    assert count >= 12
    app, _ = make_app(tmp_path, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problems = app.screen.query_one("#problems")
        text = str(app.screen.query_one("#problems-text").render())
        assert text.startswith(f"routines.toml has {count} problems;")
        assert library.problems[-1] in text  # every one, not the first six
        assert "shift+tab, then up/down scrolls" in text
        await pilot.press("shift+tab")
        assert app.focused is problems
        await pilot.press("end")
        await pilot.pause()
        assert problems.scroll_y > 0 and problems.scroll_y == problems.max_scroll_y


async def test_a_notification_from_a_screen_is_plain_text_too(tmp_path: Path) -> None:
    """Textual's Screen.notify passes markup=True by default: the app's notify is plain text whatever it is told."""
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.notify("cannot write /tmp/x[/]y/routines.toml [b]now")
        await pilot.pause()
        [note] = app._notifications
        assert note.message == "cannot write /tmp/x[/]y/routines.toml [b]now" and not note.markup
