"""End to end: the installed `footui` in tmux sends every cue of a whole session to the user's cue command, in
order; `footui show` prints a card without a terminal."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from e2e_helpers import (  # noqa: F401 - fixtures
    QUICK_PLANNED_S,
    Dirs,
    Tmux,
    dirs_fixture,
    footui_fixture,
    kill_quietly,
    tmux_fixture,
    wait_gone,
)

pytestmark = pytest.mark.e2e

EXPECTED = [
    "prepare|Quick press, left foot. Get ready.",
    "work|Hold.",
    "rest|Rest.",
    "work|Hold.",
    "rest|Rest.",
    "work|Hold.",
    "switch|Switch to the right foot. Get ready.",
    "work|Hold.",
    "rest|Rest.",
    "work|Hold.",
    "rest|Rest.",
    "work|Hold.",
    "finish|Session complete.",
]


def test_a_whole_session_reaches_the_cue_command(tmux: Tmux, dirs: Dirs, footui: str, tmp_path: Path) -> None:
    log = tmp_path / "cues.log"
    command = tmp_path / "my cue"  # a space in the path: the command is split like a shell would
    command.write_text(f'#!/bin/sh\nprintf "%s|%s\\n" "$1" "$2" >> "{log}"\n')
    command.chmod(command.stat().st_mode | stat.S_IXUSR)
    cue_cmd = f"'{command}'"
    tmux.start(dirs.command("start", "quick", "--no-voice", footui=footui, FOOTUI_CUE_CMD=cue_cmd))
    tmux.wait_for("Session complete", timeout=QUICK_PLANNED_S + 15)
    deadline = time.monotonic() + 10
    while (not log.exists() or len(log.read_text().splitlines()) < len(EXPECTED)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert log.read_text().splitlines() == EXPECTED


def test_a_hanging_cue_command_does_not_outlive_footui(tmux: Tmux, dirs: Dirs, footui: str, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    command = tmp_path / "hang"  # a command that never ends, with a child of its own
    command.write_text(f'#!/bin/sh\nsleep 60 &\necho "$$ $!" >> "{pids}"\nwait\n')
    command.chmod(command.stat().st_mode | stat.S_IXUSR)
    tmux.start(dirs.command("start", "quick", "--no-voice", footui=footui, FOOTUI_CUE_CMD=str(command)))
    tmux.wait_for("sets done")
    deadline = time.monotonic() + 10
    while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    started = [int(pid) for line in pids.read_text().splitlines() for pid in line.split()]
    tmux.send("C-q")
    tmux.wait_for("Stop the session and quit?")
    tmux.send("y")
    tmux.wait_dead(timeout=15)
    try:
        assert started and all(wait_gone(pid, 5) for pid in started)
    finally:
        for pid in started:
            kill_quietly(pid)


def test_show_prints_a_card_without_a_terminal(dirs: Dirs, footui: str) -> None:
    out = dirs.run("show", "toe-walking", footui=footui)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Toe walking  (toe-walking)\n")
    assert "  1. Stand up on the tiptoes (get ready, rest)" in out.stdout
    missing = dirs.run("show", "nope", footui=footui)
    assert missing.returncode == 2 and "known: toe-press" in missing.stderr
