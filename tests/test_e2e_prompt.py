"""End to end: the README's recipes for `footui today` in a real bash prompt and a real tmux status line."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
from e2e_helpers import Dirs, Tmux, dirs_fixture, footui_fixture, tmux_fixture  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e


def _exports(dirs: Dirs) -> str:
    return " ".join(f"{k}={shlex.quote(v)}" for k, v in dirs.env.items())


def test_bash_prompt_and_login_nudge(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(f"env {_exports(dirs)} PATH={shlex.quote(footui.rsplit('/', 1)[0])}:/usr/bin:/bin bash --norc -i")
    tmux.send("footui today --due --quiet || footui today", "Enter")  # the login nudge: due, so it speaks
    tmux.wait_for("quick press 0/2")
    tmux.send("clear; footui rest --note 'day off'", "Enter")
    tmux.wait_for("is a rest day (day off)")
    tmux.send("clear; footui today --due --quiet || echo nudged; echo quiet-$?", "Enter")
    screen = tmux.wait_for("quiet-0")
    assert "nudged" not in screen.replace("echo nudged", "")  # a rest day: nothing is due
    tmux.send("clear", "Enter")
    tmux.send("PS1='$(footui today --format short 2>/dev/null) \\$ '", "Enter")
    tmux.wait_for(
        "feet 0/10 rest "
    )  # the built-ins' 8 and quick press's 2  # the prompt itself, recomputed for each prompt


def test_tmux_status_right_segment(tmux: Tmux, dirs: Dirs, footui: str, tmp_path: Path) -> None:
    """A tmux inside the test's tmux, configured as the README says; its status line is read from the outer pane."""
    conf = tmp_path / "inner.conf"
    segment = f"#({_exports(dirs)} {shlex.quote(footui)} today --format short)"
    conf.write_text(f"set -g status-interval 1\nset -g status-right '{segment} |'\n")
    inner = ["tmux", "-u", "-L", f"{tmux.socket}-inner", "-f", str(conf)]
    tmux.start(shlex.join([*inner, "new-session", "sh"]))
    try:
        screen = tmux.wait_for("feet 0/10 |")
        assert screen.splitlines()[-1].rstrip().endswith("feet 0/10 |")  # the status line, bottom right
    finally:
        subprocess.run([*inner, "kill-server"], capture_output=True, timeout=15, check=False)
