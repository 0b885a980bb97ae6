"""Pilot flows of the routine editor: what the user sees, and what lands in routines.toml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ui_helpers import QUICK_TOML, make_app, screen_text

from footui.content.routines import load_library
from footui.ui.app import FootApp

SIZE = (100, 34)


def _setup(footui_dirs: tuple[Path, Path], tmp_path: Path, text: str = QUICK_TOML) -> tuple[FootApp, Path]:
    path = footui_dirs[0] / "routines.toml"
    path.write_text(text, encoding="utf-8")
    app, _ = make_app(tmp_path, load_library())
    return app, path


def _notes(app: FootApp) -> list[str]:
    """The notifications shown (as toasts) so far."""
    return [notification.message for notification in app._notifications]


async def _type(pilot, text: str) -> None:  # noqa: ANN001
    for char in text:
        await pilot.press("space" if char == " " else char)
    await pilot.pause()


async def test_new_routine_from_the_list(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "New routine" in screen_text(app)
        assert app.screen.focused.id == "name"
        await _type(pilot, "Desk break")
        assert app.screen.query_one("#item-id").value == "desk-break"
        assert "routine exercises must be a non-empty list" in screen_text(app)
        app.screen.query_one("#entries").focus()
        await pilot.press("a")
        await pilot.pause()
        assert "Add an exercise" in screen_text(app)
        await pilot.press("down", "enter")  # the second exercise footui knows: toe pencil pickups
        await pilot.pause()
        text = screen_text(app)
        assert "1. Toe pencil pickups" in text
        assert "No problems." in text
        assert "Planned time: 2 min 30 s" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Desk break" in screen_text(app)  # back on the routine list, which shows it
    assert 'id = "desk-break"' in path.read_text()
    assert path.read_text().startswith(QUICK_TOML)
    assert load_library(path).routines["desk-break"].exercises == ("toe-pencil-pickups",)


async def test_the_first_save_names_no_backup(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    """With no routines.toml yet there is no previous version: the message must not name a .bak."""
    path = footui_dirs[0] / "routines.toml"
    app, _ = make_app(tmp_path, load_library())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await _type(pilot, "Desk break")
        app.screen.query_one("#entries").focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = [note for note in _notes(app) if note.startswith("Saved")]
        assert saved == ["Saved routine desk-break to routines.toml"], _notes(app)
    assert path.exists() and not path.with_name("routines.toml.bak").exists()


async def _open_editor_on(pilot, app: FootApp, routine_name: str) -> None:  # noqa: ANN001
    """Highlight a routine on the list by name, press e, and put the cursor at the end of the name."""
    routine_list = app.screen.query_one("#routine-list")
    ids = list(app.library.routines)
    routine_list.highlighted = ids.index(next(r.id for r in app.library.routines.values() if r.name == routine_name))
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("end")


async def test_edit_reorder_remove_and_change_the_dosage(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path, "# my file\n" + QUICK_TOML + "# the end\n")
    async with app.run_test(size=SIZE) as pilot:
        await _open_editor_on(pilot, app, "Quick")
        assert "Edit routine quick" in screen_text(app)
        entries = app.screen.query_one("#entries")
        entries.focus()
        await pilot.press("down", "u")  # lift moves above squeeze
        await pilot.pause()
        text = screen_text(app)
        assert text.index("1. Lift") < text.index("2. Squeeze")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # toe press, the first exercise footui knows
        await pilot.pause()
        assert "3. Toe press" in screen_text(app)
        await pilot.press("up", "up")
        await pilot.pause()
        await pilot.press("x")  # remove lift
        await pilot.pause()
        text = screen_text(app)
        assert "Lift" not in text and "1. Squeeze" in text
        await pilot.press("down")  # toe press: give it this routine's own dosage
        await pilot.pause()
        app.screen.query_one("#dose-hold").focus()
        await _type(pilot, "5")
        app.screen.query_one("#dose-sets").focus()
        await _type(pilot, "12")
        text = screen_text(app)
        assert "2. Toe press  12 x hold 5 s, rest 3 s, 3x a day  (this routine)" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Saved routine quick" in note for note in _notes(app))
    written = path.read_text()
    assert written.startswith("# my file\n") and written.endswith("# the end\n")
    assert 'exercises = ["squeeze", {id = "toe-press", sets = 12, hold_s = 5}]' in written
    assert (path.with_name("routines.toml.bak")).read_text() == "# my file\n" + QUICK_TOML + "# the end\n"
    library = load_library(path)
    toe_press = library.routine_exercises(library.routines["quick"])[1]
    assert (toe_press.id, toe_press.sets, toe_press.hold_s) == ("toe-press", 12, 5)


async def test_problems_show_as_you_type_and_block_saving(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_editor_on(pilot, app, "Quick")
        app.screen.query_one("#prepare").value = ""
        app.screen.query_one("#prepare").focus()
        await _type(pilot, "abc")
        assert "routine prepare_s must be a number from 0 to 600 (got 'abc')" in screen_text(app)
        assert "Planned time: - (fix the problems below)" in screen_text(app)
        app.screen.query_one("#item-id").value = ""
        app.screen.query_one("#item-id").focus()
        await _type(pilot, "back-relief")
        assert "routine id 'back-relief' is a built-in routine; choose another id" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not saved: fix the problems listed first." in _notes(app)
        for _ in range(11):
            await pilot.press("backspace")
        await _type(pilot, "quick")
        app.screen.query_one("#prepare").value = "2"
        await pilot.pause()
        assert "No problems." in screen_text(app)
    assert path.read_text() == QUICK_TOML


async def test_escape_asks_about_unsaved_changes(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_editor_on(pilot, app, "Quick")
        await pilot.press("escape")  # nothing changed: leaves at once
        await pilot.pause()
        assert "Edit routine" not in screen_text(app)
        await _open_editor_on(pilot, app, "Quick")
        await _type(pilot, "er")
        await pilot.press("escape")
        await pilot.pause()
        assert "Save your changes before leaving?" in screen_text(app)
        await pilot.press("enter")  # the default keeps editing
        await pilot.pause()
        assert "Edit routine quick" in screen_text(app)
        assert app.screen.query_one("#name").value == "Quicker"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")  # leave without saving
        await pilot.pause()
        assert "Edit routine" not in screen_text(app)
        assert path.read_text() == QUICK_TOML
        await _open_editor_on(pilot, app, "Quick")
        await _type(pilot, "est")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # save and leave
        await pilot.pause()
        await pilot.pause()
        assert "Quickest" in screen_text(app)  # the list shows the new name
    assert 'name = "Quickest"' in path.read_text()


async def test_a_builtin_is_edited_as_a_copy_and_copy_makes_one(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_editor_on(pilot, app, "No equipment")
        assert "No equipment is built in and is never changed" in screen_text(app)
        await pilot.press("enter")  # no is the default
        await pilot.pause()
        assert "New routine" not in screen_text(app)
        await pilot.press("e", "y")
        await pilot.pause()
        await pilot.pause()
        assert "New routine" in screen_text(app)
        assert app.screen.query_one("#name").value == "No equipment (copy)"
        assert app.screen.query_one("#item-id").value == "no-equipment-copy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await _open_editor_on(pilot, app, "Quick")  # any routine: c on the list copies it
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#item-id").value == "quick-copy"
    library = load_library(path)
    assert library.routines["no-equipment-copy"].exercises == library.routines["no-equipment"].exercises
    assert library.routines["no-equipment"].builtin


async def test_delete_asks_and_no_is_the_default(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        routine_list = app.screen.query_one("#routine-list")
        routine_list.highlighted = list(app.library.routines).index("quick")
        await pilot.press("d")
        await pilot.pause()
        assert "Delete the routine Quick from routines.toml?" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "quick" in load_library(path).routines
        await pilot.press("d", "y")
        await pilot.pause()
        await pilot.pause()
        assert any("Deleted routine quick" in note for note in _notes(app))
        routine_list = app.screen.query_one("#routine-list")
        assert "quick" not in [routine_list.get_option_at_index(i).id for i in range(routine_list.option_count)]
        routine_list.highlighted = 0  # a built-in
        await pilot.press("d")
        await pilot.pause()
        assert any("Built-in routines cannot be deleted" in note for note in _notes(app))
    assert "quick" not in load_library(path).routines
    assert "squeeze" in load_library(path).exercises  # its exercises stay


async def test_a_file_changed_on_disk_is_not_overwritten(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_editor_on(pilot, app, "Quick")
        await _type(pilot, " mine")
        path.write_text(QUICK_TOML + "# someone else's line\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.question == "routines.toml changed on disk since the editor read it. Nothing was saved."
        assert "routines.toml changed on disk" in screen_text(app)
        assert path.read_text() == QUICK_TOML + "# someone else's line\n"
        await pilot.press("n")  # save as a new routine under a new id
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#item-id").value == "quick-2"
    written = path.read_text()
    assert written.startswith(QUICK_TOML + "# someone else's line\n")
    library = load_library(path)
    assert library.routines["quick-2"].name == "Quick mine" and library.routines["quick"].name == "Quick"


@pytest.mark.parametrize("answer", ["r"])
async def test_changed_on_disk_then_reload(footui_dirs: tuple[Path, Path], tmp_path: Path, answer: str) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_editor_on(pilot, app, "Quick")
        await _type(pilot, " mine")
        path.write_text(QUICK_TOML.replace('name = "Quick"', 'name = "Quick, from elsewhere"'))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(answer)
        await pilot.pause()
        assert app.screen.query_one("#name").value == "Quick, from elsewhere"
    assert 'name = "Quick, from elsewhere"' in path.read_text()


async def test_a_file_that_does_not_parse_is_shown_and_never_saved(
    footui_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    broken = QUICK_TOML + '\n[[routine]]\nid = "half\n'
    app, path = _setup(footui_dirs, tmp_path, broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await _type(pilot, "New one")
        app.screen.query_one("#entries").focus()
        await pilot.press("a", "enter")
        await pilot.pause()
        assert re.search(
            r"routines.toml does not parse, so it cannot be saved: routines.toml:\d+: TOML", screen_text(app)
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not saved: fix the problems listed first." in _notes(app)
    assert path.read_text() == broken
    assert not path.with_name("routines.toml.bak").exists()


async def test_a_routine_gone_from_the_file_reloads_the_list(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        path.write_text(QUICK_TOML.replace('id = "quick"', 'id = "renamed"'))
        await _open_editor_on(pilot, app, "Quick")
        await pilot.pause()
        assert "Edit routine" not in screen_text(app)
        assert any("changed on disk" in note for note in _notes(app))
        routine_list = app.screen.query_one("#routine-list")
        assert "renamed" in [routine_list.get_option_at_index(i).id for i in range(routine_list.option_count)]


def test_the_editor_is_not_imported_until_it_is_used() -> None:
    """The routine list's start-up must not pay for the editor, tomlkit or the file writer."""
    import subprocess
    import sys

    code = (
        "import sys, footui.cli.main, footui.ui.app, footui.ui.screens.routines; "
        "late = ('tomlkit', 'footui.ui.editor', 'footui.content.editing'); "
        "print(sorted(m for m in sys.modules if m.startswith(late)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


async def test_ctrl_q_asks_before_losing_unsaved_changes(footui_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    app, path = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open_editor_on(pilot, app, "Quick")
        await _type(pilot, "er")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Quit and lose your changes?" in screen_text(app)
        await pilot.press("enter")  # the default is no: still editing, nothing lost
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#name").value == "Quicker"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert not app.is_running
    assert path.read_text() == QUICK_TOML


async def test_the_id_keeps_following_a_name_typed_faster_than_the_screen(
    footui_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    """A paste (or a fast typist over SSH) changes the name several times before the id's own change events
    arrive; those ids were derived by the editor, not typed in, so the id must go on following the name."""
    app, _ = _setup(footui_dirs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        name = app.screen.query_one("#name")
        for text in ("L", "Lu", "Lun", "Lunch"):  # no pause between: the events queue up
            name.value = text
        await pilot.pause()
        name.value = "Lunch break"
        await pilot.pause()
        assert app.screen.query_one("#item-id").value == "lunch-break"
