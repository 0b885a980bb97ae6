"""Export never clobbers: `footui export` (with --force rules, '-' for stdout) and `e` in the history view."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_ui_history import SIZE, open_history, seed
from ui_helpers import make_app, screen_text

from footui.history.store import HistoryStore
from footui.ui.screens.dialogs import ConfirmScreen, PathScreen
from footui.ui.screens.history import HistoryScreen

ROOT = Path(__file__).resolve().parent.parent


def footui(*argv: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOOTUI_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "footui", *argv], env=env, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    seed(tmp_path)
    return tmp_path / "data"


def test_export_refuses_an_existing_file_without_force_and_keeps_its_mode_with_it(data: Path, tmp_path: Path):
    target = tmp_path / "backup.json"
    target.write_text("precious")
    os.chmod(target, 0o640)
    proc = footui("export", str(target), data=data)
    assert proc.returncode == 2 and "already exists; use --force to replace it" in proc.stderr
    assert target.read_text() == "precious" and "Traceback" not in proc.stderr
    proc = footui("export", str(target), "--force", data=data)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(target.read_text())["sessions"]) == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_export_to_a_new_path_is_0600(data: Path, tmp_path: Path):
    target = tmp_path / "new.json"
    assert footui("export", str(target), data=data).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["symlink", "dangling-symlink", "directory", "fifo", "device"])
def test_export_refuses_anything_but_a_regular_file_even_with_force(data: Path, tmp_path: Path, kind: str):
    target = tmp_path / "target"
    if kind == "symlink":
        (tmp_path / "real.json").write_text("linked")
        target.symlink_to(tmp_path / "real.json")
    elif kind == "dangling-symlink":
        target.symlink_to(tmp_path / "nowhere.json")
    elif kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    before = os.lstat(target)
    proc = footui("export", str(target), "--force", data=data)
    assert proc.returncode == 2 and proc.stderr.startswith("footui: will not export to"), proc.stderr
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not (tmp_path / "nowhere.json").exists()
    if kind == "symlink":
        assert (tmp_path / "real.json").read_text() == "linked"


def test_export_dash_writes_the_backup_to_stdout(data: Path):
    proc = footui("export", "-", data=data)
    assert proc.returncode == 0 and len(json.loads(proc.stdout)["sessions"]) == 2


def problem(app) -> str:
    return str(app.screen.query_one("#path-problem").render())


async def _export(app, pilot, path: Path) -> None:
    await open_history(pilot)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, PathScreen)
    app.screen.query_one("#path").value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_history_view_asks_before_replacing_a_file(tmp_path: Path) -> None:
    seed(tmp_path)
    target = tmp_path / "mine.csv"
    target.write_text("precious")
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, target)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Replace" in screen_text(app) and "mine.csv" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)  # asked again, with what was typed
        assert app.screen.query_one("#path").value == str(target)
        assert target.read_text() == "precious"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert target.read_text().startswith("id,started_at")


async def test_the_history_view_keeps_the_typed_path_when_something_is_wrong(tmp_path: Path) -> None:
    seed(tmp_path)
    typed = tmp_path / "no such folder" / "[b]x[/b].csv"
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _export(app, pilot, typed)
        assert isinstance(app.screen, PathScreen)
        assert app.screen.query_one("#path").value == str(typed)
        assert "its folder does not exist" in problem(app)
        (tmp_path / "dir.csv").mkdir()
        app.screen.query_one("#path").value = str(tmp_path / "dir.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen) and "it is a folder" in problem(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert HistoryStore(tmp_path / "data").load()


async def test_the_history_view_names_the_side_file_of_a_repair_for_as_long_as_footui_runs(tmp_path: Path) -> None:
    seed(tmp_path)
    history = tmp_path / "data" / "history.json"
    lines = history.read_bytes().split(b"\n")
    lines.insert(2, b'{"id": "broken"},')
    history.write_bytes(b"\n".join(lines))
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        notice = str(app.screen.query_one("#history-notice").render())
        assert "1 session(s) in history.json could not be read" in notice
        assert "history.json.corrupt-" in notice
        await pilot.press("r", "h")
        await pilot.pause()
        assert "history.json.corrupt-" in str(app.screen.query_one("#history-notice").render())
    assert len(list((tmp_path / "data").glob("history.json.corrupt-*"))) == 1
