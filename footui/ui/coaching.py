"""The app's coach (the voice, the cue command, the bells), made when first needed: a session, a voice or mute
toggle. Its modules (the cues, and the session engine and plan they speak of) are not imported for the routine
list's first frame (start-up is measured: benchmarks/README.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from footui.cues.coach import Coach
from footui.cues.voice import find_engine

if TYPE_CHECKING:
    from footui.ui.app import FootApp


def make_coach(
    app: FootApp,
    voice: str | None,
    env: Mapping[str, str],
    find_voice: Callable[[], list[str] | None] | None,
) -> Coach:
    """`voice` (from --voice/--no-voice) holds for this run only; else the setting."""
    return Coach(
        write=app._write,
        later=lambda delay, action: app.set_timer(delay, action),
        voice=voice or app.settings.voice,
        cue_command=app.settings.cue_command,
        env=env,
        muted=app.settings.muted,
        count_in=app.settings.count_in,
        engine_finder=find_voice or find_engine,
    )
