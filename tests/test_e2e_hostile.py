"""End to end: an imported backup carrying terminal escapes, printed in every format inside tmux, sets no
clipboard (OSC 52) and shows its control characters as symbols."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from e2e_helpers import Dirs, Tmux, dirs_fixture, footui_fixture, tmux_fixture  # noqa: F401 - fixtures

from footui.history.store import new_record

pytestmark = pytest.mark.e2e
OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # "echo pwned" into the clipboard / tmux paste buffer


def test_printing_a_hostile_backup_in_tmux_sets_no_paste_buffer(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    r = new_record("r" + OSC52, "R" + OSC52, [("toe-press", None, 3, 3, 3)], datetime(2025, 5, 1, tzinfo=timezone.utc))
    r.update(status="completed", ended_at=r["started_at"], note="=" + OSC52 + "\r\n\u202e", id="@" + OSC52)
    backup = dirs.data.parent / "backup.json"
    backup.write_text(json.dumps({"schema": 1, "sessions": [r]}))
    assert dirs.run("import", str(backup), footui=footui).returncode == 0
    with tmux.conf.open("a") as conf:  # let applications set tmux buffers (OSC 52), as the attack needs
        conf.write("set -s set-clipboard on\n")
    script = dirs.data.parent / "show.sh"
    lines = [dirs.command("history", "--format", fmt, footui=footui).removeprefix("exec ") for fmt in
             ("table", "csv", "json")]  # fmt: skip
    script.write_text("\n".join([*lines, 'echo "all printed"', "sleep 30"]) + "\n")
    tmux.start(f"sh {script}", width=200, height=50)
    screen = tmux.wait_for("all printed", timeout=30)
    assert tmux.tmux("list-buffers").stdout == ""
    assert "\u241b]52;c;ZWNobyBwd25lZA==\u2407" in screen  # shown as symbols in the table and the CSV
    assert "\x1b" not in screen


def test_footui_with_a_closed_stdin_and_a_full_stdout_in_a_real_shell(dirs: Dirs, footui: str) -> None:
    import subprocess

    from e2e_helpers import clean_env

    env = clean_env(**dirs.env)
    closed = subprocess.run(f"{footui} <&-", shell=True, env=env, capture_output=True, text=True, timeout=30)
    assert closed.returncode == 2 and "Traceback" not in closed.stderr and len(closed.stderr.splitlines()) == 1
    if Path("/dev/full").exists():
        full = subprocess.run(f"{footui} today > /dev/full", shell=True, env=env, capture_output=True, text=True)
        assert full.returncode == 1 and full.stderr == "footui: cannot write the output: disk full\n"
