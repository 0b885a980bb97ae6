"""End to end, when things go wrong: a dropped terminal, a killed process, two at once, a damaged history."""

from __future__ import annotations

import json
import os
import re
import signal

import pytest
from e2e_helpers import (  # noqa: F401 - fixtures
    QUICK_PLANNED_S,
    QUICK_SETS,
    Dirs,
    Tmux,
    dirs_fixture,
    footui_fixture,
    footui_pids,
    sets_done,
    tmux_fixture,
    wait_gone,
)

pytestmark = pytest.mark.e2e


def _footui_pid(tmux: Tmux, target: str = "main") -> int:
    pids = footui_pids(tmux.pane_pid(target))
    assert len(pids) == 1, f"expected one footui under the pane, found {pids}"
    return pids[0]


def _shown_sets(screen: str) -> int:
    return int(re.search(r"sets done (\d+)/6", screen).group(1))


def test_dropped_terminal_saves_a_stopped_session(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    """`tmux kill-session` hangs up the pane (SIGHUP to its process group), as a dropped connection does."""
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.start("sleep 600", name="keep")  # keeps the server up after the session goes
    tmux.wait_for("sets done 1/6", timeout=10)
    pid = _footui_pid(tmux)
    shown = _shown_sets(tmux.capture())
    tmux.tmux("kill-session", "-t", "main")
    assert wait_gone(pid, timeout=10), "footui kept running after SIGHUP"

    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "stopped"
    assert shown <= sets_done(session) <= shown + 1  # a set may complete between the capture and the hang-up
    assert sets_done(session) < QUICK_SETS
    assert not list(dirs.data.glob("active/*")), "the checkpoint of a stopped session should be gone"


def test_hangup_to_the_process_group_saves_a_stopped_session(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    screen = tmux.wait_for("sets done 2/6", timeout=10)
    pid = _footui_pid(tmux)
    os.killpg(os.getpgid(pid), signal.SIGHUP)
    assert wait_gone(pid, timeout=10), "footui kept running after SIGHUP"
    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "stopped"
    assert _shown_sets(screen) <= sets_done(session) <= _shown_sets(screen) + 1


def test_sigterm_saves_a_stopped_session_and_restores_the_terminal(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui, status=True) + "; sleep 30")
    screen = tmux.wait_for("sets done 1/6", timeout=10)
    pid = _footui_pid(tmux)
    os.kill(pid, signal.SIGTERM)
    assert wait_gone(pid, timeout=10), "footui kept running after SIGTERM"
    after = tmux.wait_for("footui exit status 143", timeout=5)  # 128 + SIGTERM, back at the shell
    assert "sets done" not in after  # the app's screen was taken down: the terminal is usable again
    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "stopped"
    assert _shown_sets(screen) <= sets_done(session) <= _shown_sets(screen) + 1


def test_sigkill_leaves_an_interrupted_session(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.wait_for("sets done 1/6", timeout=10)
    pid = _footui_pid(tmux)
    os.kill(pid, signal.SIGKILL)
    tmux.wait_dead(timeout=10)
    shown = _shown_sets(tmux.capture())  # the last frame footui drew stays on the dead pane
    assert dirs.sessions() == [], "a killed session must not look finished"

    out = dirs.run("history", "--format", "json", footui=footui)
    assert out.returncode == 0, out.stderr
    [session] = json.loads(out.stdout)["sessions"]
    assert session["status"] == "interrupted"
    # each set is saved before it is drawn, so the file may hold one more than the last frame showed
    assert 1 <= shown <= sets_done(session) <= shown + 1
    assert "interrupted" in out.stderr or "recovered" in out.stderr  # footui says what it did
    # the recovery is in history.json now, not only in that one listing
    [stored] = dirs.sessions()
    assert stored["status"] == "interrupted" and stored["id"] == session["id"]


def test_two_sessions_at_once_both_reach_the_history(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui), name="one")
    tmux.start(dirs.command("start", "quick", footui=footui), name="two")
    for target in ("one", "two"):
        tmux.wait_for("Session complete", "Saved to your history.", target=target, timeout=QUICK_PLANNED_S + 15)
    sessions = dirs.wait_sessions(lambda s: len(s) == 2, timeout=5)
    assert len({s["id"] for s in sessions}) == 2
    assert [s["status"] for s in sessions] == ["completed", "completed"]
    assert [sets_done(s) for s in sessions] == [QUICK_SETS, QUICK_SETS]


def test_a_damaged_history_is_moved_aside_byte_for_byte(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    damaged = b'{"schema": 1, "sess\x00'
    dirs.history.write_bytes(damaged)
    tmux.start(dirs.command(footui=footui), width=120, height=40)
    tmux.wait_for("Quick check", "Back-pain relief", timeout=10)
    assert tmux.alive()
    [aside] = dirs.data.glob("history.json.corrupt-*")
    assert aside.read_bytes() == damaged
    if dirs.history.exists():  # a fresh file, if footui wrote one, must be readable
        json.loads(dirs.history.read_text(encoding="utf-8"))
    out = dirs.run("history", "--format", "json", footui=footui)
    assert out.returncode == 0 and json.loads(out.stdout)["sessions"] == [], out.stderr


def test_a_hang_up_outside_a_session_still_exits(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    """At the routine list there is nothing to save, but a dropped terminal must not leave footui behind."""
    tmux.start(dirs.command(footui=footui))
    tmux.start("sleep 600", name="keep")
    tmux.wait_for("Quick check", timeout=10)
    pid = _footui_pid(tmux)
    tmux.tmux("kill-session", "-t", "main")
    assert wait_gone(pid, timeout=10), "footui kept running after its terminal hung up"
    assert dirs.sessions() == []
