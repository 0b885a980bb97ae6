"""Pilot tests of the editor's questions and copies: each dialog's footer shows its own keys, an unsaved copy asks
before it is dropped, a copied exercise has no daily target, and the list and heading follow what was done."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_ui_editor import SIZE, _open_editor_on, _setup, _type
from test_ui_exercise_editor import _app, routines_file  # noqa: F401 - fixture
from textual.widgets import Footer, OptionList
from ui_helpers import QUICK_TOML, screen_text

from footui.cli.main import main
from footui.content.routines import load_library


def footer_text(app) -> str:  # noqa: ANN001
    return " ".join(str(key.render()) for key in app.screen.query_one(Footer).query("FooterKey"))


async def test_the_editors_dialogs_show_their_own_keys(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        routine_list = app.screen.query_one("#routine-list", OptionList)
        routine_list.highlighted = list(app.library.routines).index("quick")
        await pilot.press("d")  # "Delete the routine ...?": enter answers no, so the footer must not say Start
        await pilot.pause()
        keys = footer_text(app)
        assert "Start" not in keys and "yes" in keys.lower() and "no" in keys.lower(), keys
        await pilot.press("n")
        await pilot.pause()
        routine_list.highlighted = 0  # a built-in: "Edit a copy?"
        await pilot.press("e")
        await pilot.pause()
        keys = footer_text(app)
        assert "Start" not in keys and "yes" in keys.lower(), keys
        await pilot.press("n")
        await pilot.pause()
        await _open_editor_on(pilot, app, "Quick")
        app.screen.query_one("#entries").focus()
        await pilot.press("a")  # the exercise picker
        await pilot.pause()
        keys = footer_text(app)
        assert "Cancel" in keys and "Save" not in keys and "Leave" not in keys, keys
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#name").focus()
        await _type(pilot, "er")
        await pilot.press("escape")  # "Save your changes before leaving?"
        await pilot.pause()
        keys = footer_text(app)
        assert "save and leave" in keys and "Save " not in keys, keys
        await pilot.press("k")
        await pilot.pause()
        path.write_text(QUICK_TOML + "# elsewhere\n")
        await pilot.press("ctrl+s")  # the changed-on-disk question
        await pilot.pause()
        keys = footer_text(app)
        assert "keep editing" in keys and "Leave" not in keys, keys
        await pilot.press("k")
        await pilot.pause()
        assert app.screen.query_one("#name").value == "Quicker"


async def test_escape_on_an_unsaved_copy_asks_first(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, _ = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        routine_list = app.screen.query_one("#routine-list", OptionList)
        routine_list.highlighted = list(app.library.routines).index("quick")
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#item-id").value == "quick-copy"
        await pilot.press("escape")
        await pilot.pause()
        assert "Save your changes before leaving?" in screen_text(app)


async def test_a_copied_exercise_has_no_daily_target(routines_file: Path, tmp_path: Path) -> None:  # noqa: F811
    app = _app(tmp_path, ("exercise", "toe-press"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#ex-per_day").value in ("", "0")
        assert "no daily target" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    library = load_library(routines_file)
    assert library.exercises["toe-press-copy"].per_day == 0
    assert "toe-press-copy" not in library.targets()


async def test_delete_keeps_the_cursor_in_place_and_a_saved_new_routine_is_headed_as_edited(
    footui_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    app, _ = _setup(footui_dirs, tmp_path, QUICK_TOML + QUICK_TOML.split("[[routine]]")[1].join(["[[routine]]", ""]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await _type(pilot, "Desk")
        app.screen.query_one("#entries").focus()
        await pilot.press("a", "enter", "ctrl+s")
        await pilot.pause()
        assert "New routine" not in screen_text(app) and "Edit routine desk" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        ids = list(app.library.routines)
        routine_list = app.screen.query_one("#routine-list", OptionList)
        routine_list.highlighted = ids.index("desk")
        await pilot.press("d", "y")
        await pilot.pause()
        await pilot.pause()
        assert "desk" not in app.library.routines
        assert routine_list.highlighted == ids.index("desk") - 1 or routine_list.highlighted == ids.index("desk")
        assert routine_list.highlighted != 0


async def test_ctrl_q_and_escape_word_a_session_with_no_set_the_same(tmp_path: Path) -> None:
    from ui_helpers import make_app

    app, _ = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        escape_text = screen_text(app)
        await pilot.press("n", "ctrl+q")
        await pilot.pause()
        quit_text = screen_text(app)
    detail = "No set is completed yet, so nothing is saved."
    assert detail in escape_text and detail in quit_text


def test_footui_edit_on_a_file_that_does_not_parse_says_why(
    footui_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (footui_dirs[0] / "routines.toml").write_text(QUICK_TOML + '\n[[routine]]\nid = "half\n', encoding="utf-8")
    assert main(["edit", "quick"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"routines\.toml:\d+: TOML syntax error", err), err
    assert "no routine" not in err
