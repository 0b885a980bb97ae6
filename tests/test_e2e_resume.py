"""End to end: a session cut short by a dropped connection or kill -9 is resumed to `completed` under the same
id; a deliberate stop is not offered; two footuis racing to resume: one wins. And plain mode with no terminal."""

from __future__ import annotations

import json
import os
import signal
import subprocess

import pytest
from e2e_helpers import (  # noqa: F401 - fixtures
    QUICK_PLANNED_S,
    QUICK_SETS,
    Dirs,
    Tmux,
    clean_env,
    dirs_fixture,
    footui_fixture,
    footui_pids,
    sets_done,
    tmux_fixture,
    wait_gone,
)

pytestmark = pytest.mark.e2e


def _footui_pid(tmux: Tmux, target: str = "main") -> int:
    [pid] = footui_pids(tmux.pane_pid(target))
    return pid


def _finished_resumed(dirs: Dirs, before: dict) -> None:
    [after] = dirs.wait_sessions(lambda s: len(s) == 1 and s[0]["status"] == "completed", timeout=10)
    assert after["id"] == before["id"]  # the same record, no second session
    assert after["started_at"] == before["started_at"]  # its real start
    assert len(after["resumed_at"]) == 1
    assert sets_done(after) == QUICK_SETS


def test_resume_after_a_dropped_connection(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.start("sleep 600", name="keep")  # keeps the server up after the session goes
    tmux.wait_for("sets done 2/6", timeout=10)
    pid = _footui_pid(tmux)
    tmux.tmux("kill-session", "-t", "main")  # SIGHUP, as a dropped SSH connection
    assert wait_gone(pid, timeout=10)
    [before] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert before["status"] == "stopped" and before["stop_reason"] == "signal"
    done = sets_done(before)

    tmux.start(dirs.command(footui=footui), name="again")
    tmux.wait_for(f"Resume Quick check: exercise 1 of 1, {done} of 6 sets done", target="again", timeout=10)
    tmux.send("u", target="again")
    tmux.wait_for("GET READY", f"sets done {done}/6", target="again", timeout=5)
    tmux.wait_for("Session complete", target="again", timeout=QUICK_PLANNED_S + 10)
    _finished_resumed(dirs, before)


def test_resume_after_kill_9_from_the_shell(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.wait_for("sets done 1/6", timeout=10)
    [checkpoint] = dirs.data.glob("active/*.json")
    before = json.loads(checkpoint.read_text(encoding="utf-8"))
    os.kill(_footui_pid(tmux), signal.SIGKILL)
    tmux.wait_dead(timeout=10)

    tmux.start(dirs.command("resume", footui=footui), name="again")  # recovers it as interrupted, then resumes
    tmux.wait_for("GET READY", target="again", timeout=10)
    tmux.wait_for("Session complete", target="again", timeout=QUICK_PLANNED_S + 10)
    _finished_resumed(dirs, before)


def test_a_deliberate_stop_is_not_offered(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.wait_for("sets done 1/6", timeout=10)
    tmux.send("Escape")
    tmux.wait_for("Stop the session?", timeout=5)
    tmux.send("y")
    [stopped] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert stopped["stop_reason"] == "user"
    out = dirs.run("resume", footui=footui)
    assert out.returncode == 2
    assert out.stderr.startswith("footui: nothing to resume")


def test_two_footuis_racing_to_resume_only_one_wins(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.wait_for("sets done 1/6", timeout=10)
    os.kill(_footui_pid(tmux), signal.SIGTERM)
    [before] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=10)
    racers = [
        subprocess.Popen(
            [footui, "resume", "--plain"],
            env=clean_env(**dirs.env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=QUICK_PLANNED_S + 20), *p.communicate()) for p in racers]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    [loser_err] = [err for code, _, err in results if code == 2]
    assert "another footui is resuming this session" in loser_err
    _finished_resumed(dirs, before)


def test_plain_mode_with_stdin_at_dev_null(dirs: Dirs, footui: str) -> None:
    out = dirs.run("start", "quick", "--plain", footui=footui, timeout=QUICK_PLANNED_S + 20)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and "\x1b" not in out.stderr
    lines = out.stdout.splitlines()
    foot = ["Set 1 of 3: hold 1 second.", "Rest 1 second.", "Set 2 of 3: hold 1 second.", "Rest 1 second."]
    assert lines == [
        "Quick check: 1 exercise, 6 sets, about 12 s.",
        "Quick press, left foot. Get ready, 1 second.",
        *foot,
        "Set 3 of 3: hold 1 second.",
        "Switch to the right foot. Get ready, 1 second.",
        *foot,
        "Set 3 of 3: hold 1 second.",
        "Session complete: 6 of 6 sets.",
    ]
    [session] = dirs.sessions()
    assert session["status"] == "completed" and sets_done(session) == QUICK_SETS


def test_plain_mode_at_a_terminal_enter_pauses_q_stops(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", "--plain", footui=footui, status=True) + "; sleep 30")
    tmux.wait_for("Enter pauses, q then enter stops.", "Set 1 of 3", timeout=10)
    tmux.send("Enter")
    tmux.wait_for("Paused.", timeout=5)
    tmux.send("Enter")
    tmux.wait_for("Resumed,", timeout=5)
    tmux.wait_for("Set 2 of 3", timeout=10)
    tmux.send("q", "Enter")
    screen = tmux.wait_for("footui exit status 1", timeout=10)
    assert "Session stopped:" in screen
    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "stopped" and session["stop_reason"] == "user"
    assert sets_done(session) >= 1
