"""End to end in a real terminal: the installed `footui` in a private tmux server, watched with capture-pane.

The routine has one-second holds (12 s planned), so a whole session runs hands-free in a test.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from e2e_helpers import (  # noqa: F401 - fixtures
    QUICK_PLANNED_S,
    QUICK_SETS,
    Dirs,
    Tmux,
    dirs_fixture,
    duration_s,
    footui_fixture,
    sets_done,
    tmux_fixture,
)

pytestmark = pytest.mark.e2e


def _seen_all(screens: list[str], text: str) -> bool:
    return any(text in s for s in screens)


@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 40)])
def test_list_then_a_whole_session_with_no_key_pressed(
    tmux: Tmux, dirs: Dirs, footui: str, width: int, height: int
) -> None:
    tmux.start(dirs.command(footui=footui), name="list", width=width, height=height)
    screen = tmux.wait_for("Quick check", target="list")
    assert "Back-pain relief" in screen  # the built-in routines are listed beside the user's

    seen: list[str] = []
    started = time.monotonic()
    tmux.start(dirs.command("start", "quick", footui=footui), width=width, height=height)
    tmux.wait_for("Session complete", "Saved to your history.", timeout=QUICK_PLANNED_S + 15, seen=seen)
    elapsed = time.monotonic() - started
    for text in (
        "GET READY",
        "HOLD",
        "REST",
        "LEFT FOOT",
        "RIGHT FOOT",
        "set 1 of 3",
        "set 3 of 3",
        "next: set 2 of 3",
        "sets done 5/6",
    ):
        assert _seen_all(seen, text), f"{text!r} never appeared on screen"
    assert elapsed >= QUICK_PLANNED_S - 0.5, "the session ended before its planned time"
    assert f"{QUICK_SETS} of {QUICK_SETS} sets" in seen[-1]

    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "completed"
    assert session["routine_id"] == "quick"
    assert [(e["side"], e["sets_done"], e["sets_planned"]) for e in session["exercises"]] == [
        ("left", 3, 3),
        ("right", 3, 3),
    ]
    assert abs(duration_s(session) - QUICK_PLANNED_S) <= 1.5

    tmux.send("Escape")  # leave the summary: back to the list
    tmux.wait_for("Quick check", "Back-pain relief", timeout=5)
    out = dirs.run("history", footui=footui)
    assert out.returncode == 0, out.stderr
    assert re.search(r"Quick check .*6/6 +completed", out.stdout), out.stdout


def test_pause_freezes_the_screen_and_moves_the_end(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.wait_for("HOLD", "LEFT FOOT", timeout=10)
    tmux.send("Space")
    paused_at = time.monotonic()
    tmux.wait_for("PAUSED", timeout=3)
    time.sleep(0.3)  # let the pause frame settle
    before = tmux.capture()
    time.sleep(1.5)
    after = tmux.capture()
    assert before == after, f"the screen changed while paused:\n{before}\n---\n{after}"
    assert "PAUSED" in after and "space resumes" in after
    tmux.send("Space")
    paused_for = time.monotonic() - paused_at
    tmux.wait_until(lambda screen: "PAUSED" not in screen, "the session running again", timeout=3)
    tmux.wait_for("Session complete", timeout=QUICK_PLANNED_S + 15)

    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "completed"
    assert sets_done(session) == QUICK_SETS
    # whole seconds in the JSON: allow the rounding plus a little
    assert abs(duration_s(session) - (QUICK_PLANNED_S + paused_for)) <= 1.5, (duration_s(session), paused_for)


def test_escape_then_y_saves_a_stopped_session(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui))
    tmux.wait_for("sets done 1/6", timeout=10)
    tmux.send("Escape")
    tmux.wait_for("Stop the session?", timeout=3)
    tmux.send("y")
    screen = tmux.wait_for("Session stopped", "Saved to your history.", timeout=5)
    shown = int(re.search(r"(\d+) of 6 sets", screen).group(1))
    assert 1 <= shown < QUICK_SETS

    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "stopped"
    assert sets_done(session) == shown
    tmux.send("Escape")
    tmux.wait_for("Quick check", "Back-pain relief", timeout=5)


def test_first_run_shows_the_health_note(tmux: Tmux, tmp_path: Path, footui: str) -> None:
    dirs = Dirs(tmp_path / "fresh", seen_health_note=False)
    tmux.start(dirs.command(footui=footui))
    tmux.wait_for("Before you start", timeout=10)
    tmux.send("Enter")
    screen = tmux.wait_for("Quick check", timeout=5)
    assert "Before you start" not in screen


HOSTILE_TOML = """\
[[exercise]]
id = "evil-press"
name = "Ex [/] [bold red]loud"
steps = ["Step [/] [bold red]one[/bold red] end", "[link=x]two[/link] [on red]t"]
sets = 1
hold_s = 1
rest_s = 1

[[routine]]
id = "evil"
name = "R [/] [bold red]x [b]"
prepare_s = 1
exercises = ["evil-press"]

[[exercise]]
id = "escaped"
name = "Esc \\u001b[31m red"
steps = ["x"]
sets = 1
hold_s = 1

[[routine]]
id = "escaped-routine"
name = "Bad \\u001b[31m name"
exercises = ["evil-press"]

[[exercise]]
id = "escaped-step"
name = "Escaped step"
steps = ["a\\u001b[2Jb"]
sets = 1
hold_s = 1
"""


def test_hostile_names_and_steps_show_literally(tmux: Tmux, tmp_path: Path, footui: str) -> None:
    """Markup in names and steps is text; escape sequences never reach the terminal: footui refuses a name or a
    step with control characters, and its problem line shows them as control pictures (␛)."""
    dirs = Dirs(tmp_path / "hostile", toml=HOSTILE_TOML)
    tmux.start(dirs.command(footui=footui), name="list", width=120, height=40)
    tmux.wait_for(
        "R [/] [bold red]x [b]",
        "Esc ␛[31m red",
        "Bad ␛[31m name",
        "steps item 1 must not contain control",
        target="list",
        timeout=10,
    )
    assert tmux.alive("list")

    tmux.start(dirs.command("start", "evil", footui=footui), width=120, height=40)
    screen = tmux.wait_for("GET READY", timeout=10)
    assert "R [/] [bold red]x [b]" in screen
    assert "Ex [/] [bold red]loud" in screen
    assert "Step [/] [bold red]one[/bold red] end" in screen
    assert "[link=x]two[/link] [on red]t" in screen
    tmux.wait_for("Session complete", timeout=15)
    assert tmux.alive()


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1"}, {"TERM": "xterm"}, {"TERM": "screen-256color"}],
    ids=["NO_COLOR", "xterm", "screen-256color"],
)
def test_other_terminals_still_show_the_session(tmux: Tmux, dirs: Dirs, footui: str, env: dict) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui, **env))
    tmux.wait_for("HOLD", "set 1 of 3", "LEFT FOOT", timeout=10)
    tmux.wait_for("REST", "next: set 2 of 3", timeout=5)
    tmux.send("Escape")
    tmux.wait_for("Stop the session?", timeout=3)
    tmux.send("y")
    tmux.wait_for("Session stopped", timeout=5)


def _printed(tmux: Tmux) -> list[str]:
    """What the command printed, wrapped lines joined again (capture-pane -J)."""
    tmux.wait_for("footui exit status", timeout=10)
    return [
        line
        for line in tmux.capture(scrollback=True).splitlines()
        if line.strip() and not line.startswith("Pane is dead")
    ]


def test_term_dumb_gives_one_line_and_exit_2(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    tmux.start(dirs.command("start", "quick", footui=footui, TERM="dumb", status=True))
    *message, status = _printed(tmux)
    assert status == "footui exit status 2"
    assert len(message) == 1, message  # one line, whatever the terminal's width made of it
    assert message[0].startswith("footui: ") and "TERM=dumb" in message[0]


def test_no_tty_exits_2_at_once(tmux: Tmux, dirs: Dirs, footui: str) -> None:
    started = time.monotonic()
    tmux.start(dirs.command(footui=footui, stdin="/dev/null", status=True))
    *message, status = _printed(tmux)
    assert time.monotonic() - started < 5
    assert status == "footui exit status 2"
    assert len(message) == 1 and "needs a terminal" in message[0], message
