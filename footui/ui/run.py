"""`run_app`: the app in a real terminal, as the `footui` command opens it."""

from __future__ import annotations

from footui.config import locations
from footui.config.settings import load_settings
from footui.content.routines import Library
from footui.history.store import HistoryStore
from footui.ui.app import FootApp


def run_app(
    library: Library,
    start_routine: str | None = None,
    resume_session: str | None = None,
    start_editor: tuple[str, str | None] | None = None,
    voice: str | None = None,
) -> int:
    store = HistoryStore(locations.data_dir())
    app = FootApp(
        library,
        store,
        load_settings(),
        start_routine=start_routine,
        resume_session=resume_session,
        start_editor=start_editor,
        handle_signals=True,
        voice=voice,
    )
    from footui.ui.terminal_output import optimised

    app.driver_class = optimised(app.driver_class)  # a terminal's output: fewer bytes over SSH, the same screen
    try:
        app.run()
    finally:
        if app._coach is not None:  # the last cue ("session complete", "session stopped") reaches the command
            app._coach.close(wait=2.0)
    return app.return_code or 0  # 128 + the signal after SIGTERM
