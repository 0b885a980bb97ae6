"""Quitting without losing anything: a session, what the summary holds, an editor's unsaved changes.

ctrl+q and the palette's Quit come here (Textual's `action_quit`); every way out that would lose a set or
something the user typed asks first.
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footui.ui.app import FootApp


async def ask_before_quitting(app: FootApp) -> None:
    """ctrl+q and the palette's Quit: during a session, ask (like escape) and save it as stopped."""
    from footui.ui.screens.dialogs import ConfirmScreen

    if any(isinstance(screen, ConfirmScreen) for screen in app.screen_stack):
        return  # a question is already open
    runner = app.active_runner
    if runner is not None and runner.engine.active:
        from footui.ui.screens.session import stop_detail

        app.push_screen(
            ConfirmScreen("Stop the session and quit?", stop_detail(runner.sets_done)),
            functools.partial(quit_session, app),
        )
        return
    if unsaved_editor(app):
        app.push_screen(
            ConfirmScreen(
                "Quit and lose your changes?",
                "The routine or exercise you are editing is not saved (ctrl+s saves it).",
                default=False,
            ),
            lambda sure: app.exit() if sure else None,
        )
        return
    summary = app.open_summary  # in any mode: `h` may have left it under the routine list's mode
    if summary is not None:
        summary.keep_typed()
        if summary.unsaved():
            app.push_screen(
                ConfirmScreen(
                    "Quit and lose this session?",
                    f"It is not saved: {summary.runner.save_error}. Answer n, then retry or save it to a file.",
                    default=False,
                ),
                lambda sure: app.exit() if sure else back_to_summary(app),
            )
            return
    app.exit()


def back_to_summary(app: FootApp) -> None:
    """After "don't quit": show the unsaved summary, where its retry and "save to a file" are."""
    summary = app.open_summary
    if summary is not None and summary.mode and summary.mode != app.current_mode:
        app.call_later(app.switch_mode, summary.mode)


def unsaved_editor(app: FootApp) -> bool:
    """An open editor holds changes that are not in routines.toml yet (what the user typed)."""
    if "footui.ui.editor.form" not in sys.modules:
        return False  # never opened: nothing typed
    from footui.ui.editor.form import EditorForm

    return any(isinstance(screen, EditorForm) and screen.unsaved() for screen in app.screen_stack)


def quit_session(app: FootApp, confirmed: bool | None) -> None:
    runner = app.active_runner
    if not confirmed or runner is None:
        return
    runner.stop()
    app.coach.stopped()
    if runner.sets_done and not runner.saved:
        # Not saved (read-only dir, full disk): stay, so the summary can offer a retry or another file.
        from footui.ui.screens.session import SessionScreen

        if isinstance(app.screen, SessionScreen):
            app.screen.show_summary()
        return
    app.exit()


def explain_ctrl_c(app: FootApp) -> None:
    """ctrl+c: Textual suggests ctrl+q; say what each way out does instead, as plain text."""
    if app.in_session():
        message = "escape stops the session and keeps its sets; ctrl+q does the same, then quits (both ask)"
    else:
        message = "ctrl+q quits footui"
    app.notify(message, title="ctrl+c does not quit")
