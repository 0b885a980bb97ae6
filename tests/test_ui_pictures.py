"""The session's picture from the user's side: the starting pose, a working pose per set, the left foot's
picture mirrored, one caption per phase, and user pictures with wide characters."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import advance, make_app, screen_text, text_of, write_routines

from footui.content.routines import load_library

TOML = """
[[exercise]]
id = "tap"
name = "Tap"
sets = 2
hold_s = 2
rest_s = 1
sides = "both"
pictures = ["(ready  ", "(tap>   ", "(  tap> "]

[[exercise]]
id = "wide"
name = "Wide"
sets = 1
hold_s = 2
pictures = ["足足 ok", "ok 足足足"]

[[routine]]
id = "taps"
name = "Taps"
prepare_s = 1
exercises = ["tap", "wide"]
"""


async def test_poses_frames_and_the_mirrored_left_foot(tmp_path: Path) -> None:
    library = load_library(write_routines(tmp_path / "lib", TOML))
    app, clock = make_app(tmp_path, library, start_routine="taps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "LEFT FOOT" in screen_text(app)
        assert "ydaer)" in screen_text(app) and "(ready" not in screen_text(app)  # the left foot: mirrored
        await advance(pilot, clock, 1.0)  # set 1's hold: the first working pose
        assert "<pat)" in screen_text(app)
        await advance(pilot, clock, 1.0)  # and the same pose all through the set: a new pose only with a new phase
        assert "<pat)" in screen_text(app) and "<pat  )" not in screen_text(app)
        await advance(pilot, clock, 1.0)  # the rest: the relaxed pose
        assert "ydaer)" in screen_text(app) and "<pat" not in screen_text(app)
        await advance(pilot, clock, 1.0)  # set 2: the next working pose
        assert "<pat  )" in screen_text(app)
        await advance(pilot, clock, 2.0)  # the right foot's get-ready: drawn as given
        assert "RIGHT FOOT" in screen_text(app) and "(ready" in screen_text(app)
        await advance(pilot, clock, 1.0)
        assert "(tap>" in screen_text(app)
        await advance(pilot, clock, 5.0)  # the wide characters' exercise: no crash, drawn whole
        assert text_of(app, "#where").endswith("Wide")
        assert "足足 ok" in screen_text(app)
        await advance(pilot, clock, 1.0)
        assert "ok 足足足" in screen_text(app)


def hangs_under_its_text(rows: list[str], step: str) -> bool:
    (at,) = [n for n, row in enumerate(rows) if step in row]
    text_column = rows[at].index(step) + 3  # after "N) "
    continued = rows[at + 1]
    return continued[text_column - 3 : text_column] == "   " and continued[text_column].isalpha()


async def test_the_detail_panes_wrapped_steps_hang_under_their_text(tmp_path: Path, footui_dirs) -> None:
    """A step too long for the pane goes on under its own first word, not under the number; also once the
    terminal is resized."""
    app, _ = make_app(tmp_path, load_library())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert hangs_under_its_text(screen_text(app).splitlines(), "2) Bend the knees")
        await pilot.resize_terminal(64, 24)
        await pilot.pause()
        await pilot.pause()
        assert hangs_under_its_text(screen_text(app).splitlines(), "1) Start in a")
