"""End to end: `footui edit` in a real terminal (tmux) changes routines.toml, keeping the user's comments."""

from __future__ import annotations

import time

import pytest
from e2e_helpers import QUICK_TOML, Dirs, Tmux, dirs_fixture, footui_fixture, tmux_fixture  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e

COMMENTED = (
    "# my routines, by hand\n\n"
    + QUICK_TOML.replace("prepare_s = 1\n", "prepare_s = 1  # a short get-ready\n")
    + "\n# the end\n"
)


def _tab(tmux: Tmux, times: int) -> None:
    """Move the focus: one key at a time, as a person types (a burst of keys can outrun the focus change)."""
    for _ in range(times):
        tmux.send("Tab")
        time.sleep(0.3)


def test_footui_edit_saves_a_dosage_change_and_keeps_comments(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    path = dirs.config / "routines.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    path.chmod(0o600)
    tmux.start(dirs.command("edit", "quick", footui=footui), width=100, height=30)
    tmux.wait_for("Edit routine quick", "Planned time: 12 s", "No problems.", timeout=15)
    tmux.send("-l", " twice")
    tmux.wait_for("Quick check twice")
    _tab(tmux, 5)  # id, get ready, about, the list of exercises, then the first one's dosage: sets
    tmux.send("-l", "2")
    tmux.wait_for("2 x hold 1 s", "(this routine)", "Planned time: 8 s")
    _tab(tmux, 1)  # hold
    tmux.send("-l", "x")
    tmux.wait_for("hold_s must be a number", "Planned time: -")
    tmux.send("BSpace")
    tmux.wait_for("No problems.")
    tmux.send("C-s")
    tmux.wait_until(lambda _: path.read_text(encoding="utf-8") != COMMENTED, "routines.toml saved", timeout=10)
    tmux.send("Escape")
    tmux.wait_for("Quick check twice", "Back-pain relief", timeout=10)  # the routine list, up to date

    written = path.read_text(encoding="utf-8")
    assert written.startswith("# my routines, by hand\n\n")
    assert written.endswith("\n# the end\n")
    assert "prepare_s = 1  # a short get-ready\n" in written
    assert 'name = "Quick check twice"' in written
    assert 'exercises = [{id = "quick-press", sets = 2}]' in written
    assert (path.with_name("routines.toml.bak")).read_text(encoding="utf-8") == COMMENTED
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    out = dirs.run("routines", footui=footui)
    assert out.returncode == 0, out.stderr
    assert "Quick press: 2 x hold 1 s, rest 1 s, each foot" in out.stdout


def test_footui_edit_with_no_id_makes_a_new_routine(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("edit", footui=footui), width=100, height=30)
    tmux.wait_for("New routine", timeout=15)
    tmux.send("-l", "Lunch break")
    tmux.wait_for("lunch-break", "must be a non-empty list")
    _tab(tmux, 4)
    tmux.send("a")
    tmux.wait_for("Add an exercise")
    tmux.send("Enter")
    tmux.wait_for("1. Toe press", "No problems.")
    tmux.send("C-s")
    tmux.send("Escape")
    tmux.wait_for("Lunch break", "Back-pain relief", timeout=10)
    out = dirs.run("routines", "--format", "json", footui=footui)
    assert '"id": "lunch-break"' in out.stdout
