"""The exercise editor: from `footui edit --exercise ID` and from the routine editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ui_editor import SIZE, _type
from ui_helpers import QUICK_TOML, FakeClock, screen_text

from footui.cli.main import main
from footui.config.settings import Settings
from footui.content.routines import load_library
from footui.history.store import HistoryStore
from footui.ui.app import FootApp


def _app(tmp_path: Path, start_editor: tuple[str, str | None] | None) -> FootApp:
    clock = FakeClock()
    return FootApp(
        load_library(),
        HistoryStore(tmp_path / "data"),
        Settings(seen_health_note=True),
        start_editor=start_editor,
        clock=clock.monotonic,
        wall=clock.wall,
        now=clock.now,
        persist_settings=False,
    )


@pytest.fixture
def routines_file(footui_dirs: tuple[Path, Path]) -> Path:
    path = footui_dirs[0] / "routines.toml"
    path.write_text(QUICK_TOML + "\n# keep me\n", encoding="utf-8")
    return path


async def test_edit_a_user_exercise_on_start(routines_file: Path, tmp_path: Path) -> None:
    app = _app(tmp_path, ("exercise", "lift"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Edit exercise lift" in screen_text(app)
        assert app.screen.focused.id == "name"
        app.screen.query_one("#ex-hold_s").value = "0"
        await pilot.pause()
        assert "exercise hold_s is out of range (a number above 0 and at most 3600) (got 0)" in screen_text(app)
        app.screen.query_one("#ex-hold_s").value = "4"
        app.screen.query_one("#ex-per_day").value = "2"
        app.screen.query_one("#ex-equipment").value = "a towel, a chair"
        app.screen.query_one("#ex-steps").text = "Lift the toes.\nHold."
        await pilot.pause()
        assert "Dosage: 1 x hold 4 s, 2x a day" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Edit exercise" not in screen_text(app)
    lift = load_library(routines_file).exercises["lift"]
    assert (lift.hold_s, lift.per_day, lift.equipment, lift.steps) == (
        4,
        2,
        ("a towel", "a chair"),
        ("Lift the toes.", "Hold."),
    )
    text = routines_file.read_text()
    assert text.endswith("\n# keep me\n") and text.startswith(QUICK_TOML.split('[[exercise]]\nid = "lift"')[0])


async def test_a_builtin_exercise_is_copied(routines_file: Path, tmp_path: Path) -> None:
    app = _app(tmp_path, ("exercise", "toe-press"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Toe press is built in and is never changed" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#item-id").value == "toe-press-copy"
        await pilot.press("ctrl+s")
        await pilot.pause()
    library = load_library(routines_file)
    assert library.exercises["toe-press-copy"].name == "Toe press (copy)"
    assert library.exercises["toe-press-copy"].steps == library.exercises["toe-press"].steps


async def test_a_new_exercise_from_the_routine_editor_joins_the_routine(routines_file: Path, tmp_path: Path) -> None:
    app = _app(tmp_path, ("routine", None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "New routine" in screen_text(app)
        await _type(pilot, "Evening")
        app.screen.query_one("#entries").focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n")  # a new exercise
        await pilot.pause()
        assert "New exercise" in screen_text(app)
        await _type(pilot, "Marble pickups")
        assert app.screen.query_one("#item-id").value == "marble-pickups"
        assert "[[exercise]] is missing 'sets'" in screen_text(app)
        app.screen.query_one("#ex-sets").value = "5"
        app.screen.query_one("#ex-hold_s").value = "3"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        text = screen_text(app)
        assert "New routine" in text and "1. Marble pickups  5 x hold 3 s" in text
        await pilot.press("ctrl+s")  # the routine editor saves into the file the exercise editor just wrote
        await pilot.pause()
    library = load_library(routines_file)
    assert library.problems == []
    assert library.routines["evening"].exercises == ("marble-pickups",)


def test_footui_edit_refuses_unknown_ids_and_no_terminal(
    routines_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["edit", "nope"]) == 2
    assert "no routine 'nope'" in capsys.readouterr().err
    assert main(["edit", "--exercise", "nope"]) == 2
    assert "no exercise 'nope'" in capsys.readouterr().err
    assert main(["edit", "quick", "--exercise", "lift"]) == 2
    assert main(["edit", "quick"]) == 2  # pytest's stdin is no terminal
    assert "needs a terminal" in capsys.readouterr().err
