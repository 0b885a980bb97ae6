"""The session's picture from the user's side: the starting pose, the working frames in turn, the left foot's
picture mirrored, one caption per phase, and user pictures with wide characters."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import advance, make_app, screen_text, text_of, write_routines

from footui.content.routines import load_library

TOML = """
[[exercise]]
id = "tap"
name = "Tap"
sets = 1
hold_s = 4
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
        await advance(pilot, clock, 1.0)  # the hold: the work frames take turns, one a second
        assert "<pat)" in screen_text(app)
        await advance(pilot, clock, 1.0)
        assert "<pat  )" in screen_text(app)
        await advance(pilot, clock, 3.0)  # the right foot's get-ready: drawn as given
        assert "RIGHT FOOT" in screen_text(app) and "(ready" in screen_text(app)
        await advance(pilot, clock, 5.0)  # the wide characters' exercise: no crash, drawn whole
        assert text_of(app, "#where").endswith("Wide")
        assert "足足 ok" in screen_text(app)
        await advance(pilot, clock, 1.0)
        assert "ok 足足足" in screen_text(app)
