"""The session screen's cues from the user's side: what the cue command receives, mute, the voice toggle, the
`--voice`/`--no-voice` flags, a failing cue command shown once, and a status line that never wraps."""

from __future__ import annotations

import stat
from pathlib import Path

from ui_helpers import advance, make_app, quick_library, session_screen, text_of

from footui.cli.main import build_parser
from footui.config.settings import Settings, load_settings, save_settings
from footui.history.store import HistoryStore
from footui.text.formatting import fit_line
from footui.ui.app import FootApp

SIZE = (80, 24)


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def cue_app(tmp_path: Path, *, command: str = "", environ: dict | None = None, voice: Path | None = None, **kw):
    app, clock = make_app(tmp_path, settings=Settings(seen_health_note=True, cue_command=command), **kw)
    if environ is not None or voice is not None:  # rebuild the app with this environment and voice engine
        app = FootApp(
            quick_library(tmp_path),
            HistoryStore(tmp_path / "data"),
            Settings(seen_health_note=True, cue_command=command),
            start_routine=kw.get("start_routine"),
            clock=clock.monotonic,
            wall=clock.wall,
            now=clock.now,
            persist_settings=False,
            environ=environ or {},
            find_voice=(lambda: [str(voice)]) if voice else (lambda: None),
        )
    return app, clock


async def test_the_cue_command_hears_the_session_and_mute_silences_it(tmp_path: Path) -> None:
    log = tmp_path / "events.log"
    command = script(tmp_path / "cue", f'printf "%s|%s\\n" "$1" "$2" >> "{log}"')
    app, clock = cue_app(tmp_path, command=str(command), start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 1.0)  # GET READY (1 s) is over: the first squeeze
        await pilot.press("space")
        await pilot.press("space")
        app.coach.settle()
        assert lines(log) == [
            "prepare|Squeeze, left foot. Get ready.",
            "work|Squeeze.",
            "pause|Paused.",
            "resume|Resume.",
        ]
        await pilot.press("m")
        await advance(pilot, clock, 2.0)  # the rest starts: muted, so nothing is sent
        app.coach.settle()
        assert len(lines(log)) == 4
        assert "cues muted (m)" in text_of(app, "#status")


async def test_a_failing_cue_command_is_shown_once(tmp_path: Path) -> None:
    command = script(tmp_path / "broken", "exit 3")
    app, clock = cue_app(tmp_path, command=str(command), start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.coach.settle()
        await advance(pilot, clock, 1.0)
        app.coach.settle()
        await advance(pilot, clock, 1.0)
        messages = [n.message for n in app._notifications]
        assert messages.count("cue command 'broken' failed (exit 3) at 'prepare'") == 1
        assert session_screen(app).engine.status == "running"  # the session went on


async def test_no_voice_over_ssh_under_auto_and_the_palette_toggle(tmp_path: Path) -> None:
    spoken = tmp_path / "spoken.log"
    voice = script(tmp_path / "espeak-ng", f'printf "%s\\n" "$*" >> "{spoken}"')
    app, clock = cue_app(
        tmp_path, environ={"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}, voice=voice, start_routine="quick"
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 1.0)
        app.coach.settle()
        assert lines(spoken) == [] and not app.coach.speaking
        assert "voice" not in text_of(app, "#status")
        app.toggle_voice()  # the palette's "Voice on / off": on, even over SSH, because you asked
        await pilot.pause()
        assert app.settings.voice == "on" and app.coach.speaking
        assert text_of(app, "#status").endswith("voice on")
        await advance(pilot, clock, 2.0)
        app.coach.settle()
        assert lines(spoken) == ["Rest."]
        app.toggle_voice()
        assert app.settings.voice == "off" and not app.coach.speaking


def test_voice_flags_on_start() -> None:
    parser = build_parser()
    assert parser.parse_args(["start", "quick", "--voice"]).voice == "on"
    assert parser.parse_args(["start", "quick", "--no-voice"]).voice == "off"
    assert parser.parse_args(["start", "quick"]).voice is None
    assert parser.parse_args([]).voice is None


def test_voice_and_cue_command_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(voice="off", cue_command="notify-send -a footui"), path)
    assert load_settings(path) == Settings(voice="off", cue_command="notify-send -a footui")
    path.write_text('{"voice": "loud"}')
    assert load_settings(path).voice == "auto"


def test_fit_line_never_exceeds_the_width() -> None:
    parts = ["paused · space resumes", "cannot save: disk full", "sets done 3/37", "cues muted (m)"]
    assert fit_line(parts, 200) == " · ".join(parts)
    assert fit_line(parts, 50) == "paused · space resumes · cannot save: disk full"
    assert fit_line(["x" * 30], 10) == "x" * 9 + "…"


async def test_the_status_line_stays_one_line_at_80_columns(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, start_routine="quick")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        screen.runner.save_error = "cannot save to /a/very/long/path/" + "deep/" * 12 + "history.json: disk full"
        await pilot.press("m")
        await pilot.press("space")
        await pilot.pause()
        status = text_of(app, "#status")
        assert "\n" not in status and len(status) <= 76
        assert status.startswith("paused · space resumes")
        assert screen.query_one("#status").size.height == 1
