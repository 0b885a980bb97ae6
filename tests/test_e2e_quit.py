"""End to end in tmux: quitting in the middle of a session keeps it, and the window title comes back at exit."""

from __future__ import annotations

import pytest
from e2e_helpers import (  # noqa: F401 - fixtures
    QUICK_PLANNED_S,
    Dirs,
    Tmux,
    dirs_fixture,
    footui_fixture,
    sets_done,
    tmux_fixture,
)

pytestmark = pytest.mark.e2e


def pane_title(tmux: Tmux, target: str = "main") -> str:
    return tmux.tmux("display-message", "-p", "-t", target, "#{pane_title}").stdout.strip()


def test_ctrl_c_then_ctrl_q_mid_session_asks_and_saves_it_as_stopped(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.wait_for("sets done 1/6")
    tmux.send("C-c")  # a reflex: it neither quits nor points to a way out that loses the session
    screen = tmux.wait_for("ctrl+c does not quit")
    assert "escape stops the session" in screen
    assert tmux.alive()
    tmux.send("C-q")
    tmux.wait_for("Stop the session and quit?", "saved as stopped")
    tmux.send("y")
    tmux.wait_dead()
    [session] = dirs.sessions()
    assert session["status"] == "stopped"  # not "interrupted", the word for a process that died
    assert 1 <= sets_done(session) < 6


def test_the_window_title_follows_the_session_then_comes_back_at_exit(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start("sh")
    tmux.wait_until(lambda _: bool(pane_title(tmux)), "a pane title")
    tmux.send("printf '\\033]2;my shell title\\007'", "Enter")
    tmux.wait_until(lambda _: pane_title(tmux) == "my shell title", "the shell's own title")
    tmux.send(dirs.command("start", "quick", footui=footui).removeprefix("exec "), "Enter")
    tmux.wait_until(lambda _: pane_title(tmux).startswith("footui · "), "footui's title")
    tmux.wait_for("Session complete", timeout=QUICK_PLANNED_S + 15)
    tmux.wait_until(lambda _: pane_title(tmux) == "footui · session complete", "the summary's state in the title")
    tmux.send("C-q")
    tmux.wait_until(lambda _: pane_title(tmux) == "my shell title", "the title from before footui")


def test_ctrl_q_mid_session_puts_the_window_title_back_too(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start("sh")
    tmux.wait_until(lambda _: bool(pane_title(tmux)), "a pane title")
    tmux.send("printf '\\033]2;ORIG\\007'", "Enter")
    tmux.wait_until(lambda _: pane_title(tmux) == "ORIG", "the shell's own title")
    tmux.send(dirs.command("start", "quick", footui=footui).removeprefix("exec "), "Enter")
    tmux.wait_until(lambda _: pane_title(tmux).startswith("footui · "), "footui's title")
    tmux.send("C-q")
    tmux.wait_for("Stop the session and quit?")
    tmux.send("y")
    tmux.wait_until(lambda _: pane_title(tmux) == "ORIG", "the title from before footui")
