"""The command palette's footui entries (ctrl+p): settings to toggle, modes, resume and start.

The palette reads titles and help as markup: every user text is cleaned and escaped, so "[/]" shows as typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.markup import escape

from footui.history.resumable import describe
from footui.text.cleaning import clean

if TYPE_CHECKING:
    from footui.ui.app import FootApp


def footui_commands(app: FootApp) -> Iterator[SystemCommand]:
    yield SystemCommand("Help: keys", "Show every key", app.action_help)
    yield SystemCommand("Health note", "Not medical advice; when to stop", app.show_health_note)
    yield SystemCommand("Mute / unmute cues", "The voice, the bell and the cue command", app.toggle_mute)
    yield SystemCommand("Voice on / off", "Say each change aloud (espeak-ng, espeak, spd-say or say)", app.toggle_voice)
    yield SystemCommand(
        "Count-in bell on / off",
        "A bell on each of the last 3 s of a hold longer than 3 s",
        lambda: app._toggle_setting("count_in", "Count-in bell"),
    )
    yield SystemCommand(
        "Ask pain before sessions on / off",
        "A 0-10 score before each session starts",
        lambda: app._toggle_setting("ask_pain_before", "Pain score before sessions"),
    )
    if not app.in_session():
        rest = app.today() in app.rest
        yield SystemCommand(
            "Rest day: unmark today" if rest else "Rest day: mark today",
            "A day off keeps both streaks without counting in them",
            app.toggle_rest_today,
        )
        yield SystemCommand("History", "Past sessions, streaks, heatmap", lambda: app.switch_mode("history"))
        yield SystemCommand("Routines", "The routine list", lambda: app.switch_mode("routines"))
        for session, _plan in app.resume_offers:
            yield SystemCommand(
                f"Resume {escape(clean(describe(session)))}",  # the recorded routine name: markup escaped
                "Continue the session that ended early, from its first unfinished set",
                lambda sid=session["id"]: app.resume(sid),
            )
        for routine in app.library.routines.values():
            # The palette reads titles and help as markup: escape them, so "[/]" or "[easy]" shows as typed.
            yield SystemCommand(
                f"Start: {escape(clean(routine.name))}",
                f"Start the routine {escape(clean(routine.id))}",
                lambda rid=routine.id: app.start_routine(rid),
            )
