"""FootApp: modes (routines, history), the session on top, cues to the terminal, settings that persist."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from footui.config import locations
from footui.config.settings import Settings, save_settings
from footui.content.routines import Library, load_library
from footui.history import stats
from footui.history.rest_days import rest_dates
from footui.history.resumable import claim
from footui.history.store import HistoryStore, StoreError, local_now
from footui.session.resume import offers, resumed_runner
from footui.text.cleaning import clean
from footui.ui import quitting
from footui.ui.palette import footui_commands
from footui.ui.screens.routines import RoutinesScreen
from footui.ui.stylesheet import STYLESHEET_PATH as STYLESHEET_PATH  # where the wheel's test looks for it
from footui.ui.stylesheet import StagedStylesheet

if TYPE_CHECKING:
    from footui.cues.coach import Coach
    from footui.session.plan import Plan
    from footui.session.runner import SessionRunner
    from footui.ui.screens.summary import SummaryScreen

# The session, the coach and the dialogs are imported where first used (start-up: benchmarks/README.md).


# xterm's title stack (also tmux, VTE, kitty, WezTerm): save the window title at start, put it back at exit.
SAVE_TITLE = "\x1b[22;0t"
RESTORE_TITLE = "\x1b[23;0t"


def _history_screen() -> Screen:
    # Imported on first use: the history's table widget is not needed to show the routine list quickly.
    from footui.ui.screens.history import HistoryScreen

    return HistoryScreen()


class FootApp(StagedStylesheet[int]):  # footui.tcss (STYLESHEET_PATH), in two parts: see footui.ui.stylesheet
    TITLE = "footui"
    MODES = {"history": lambda: _history_screen()}
    DEFAULT_MODE = "routines"  # the default screen's (see on_mount): a screen from MODES costs a second CSS parse
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("h", "switch_mode('history')", "History"),
        Binding("r", "switch_mode('routines')", "Routines"),
    ]

    def __init__(
        self,
        library: Library,
        store: HistoryStore | None,
        settings: Settings | None = None,
        *,
        start_routine: str | None = None,
        resume_session: str | None = None,
        start_editor: tuple[str, str | None] | None = None,
        routines_path: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        now: Callable[[], datetime] = local_now,
        persist_settings: bool = True,
        handle_signals: bool = False,
        environ: Mapping[str, str] | None = None,
        find_voice: Callable[[], list[str] | None] | None = None,
        voice: str | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.settings = settings or Settings()
        self.start_with = start_routine
        self.resume_with = resume_session
        self.resume_offers: list[tuple[dict, Plan]] = []  # sessions that can be resumed, newest first
        self.start_editor = start_editor  # ("routine" | "exercise", id or None): `footui edit`
        self.routines_path = routines_path or locations.routines_file()
        self.library_version = 0  # bumped when the editor saves, so the routine list rebuilds
        self.clock, self.wall, self.now = clock, wall, now
        self.persist_settings = persist_settings
        self.handle_signals = handle_signals
        self.active_runner: SessionRunner | None = None
        self.open_summary: SummaryScreen | None = None  # a session's summary until it is dismissed, in any mode
        self.sessions: list[dict] = []
        self.days: dict[date, stats.DayStats] = {}
        self.rest: frozenset[date] = frozenset()  # the rest days' dates
        self.store_notices: list[str] = []
        self._last_title = ""
        self._title_restored = False  # set on exit: from then on the terminal keeps the title it had before
        self._coach: Coach | None = None  # the voice, the cue command and the bells
        self._coach_options = (voice, os.environ if environ is None else environ, find_voice)
        self.load_history()

    # --- data -------------------------------------------------------------------------------------------------
    def load_history(self) -> list[dict]:
        if self.store is None:
            return self.sessions
        try:
            self.sessions = self.store.load()
        except StoreError as exc:
            self.store_notices.append(str(exc))
        self.store_notices.extend(self.store.notices)
        self.store.notices.clear()
        self.days = stats.daily(self.sessions)  # once per load: every screen's figures come from it
        self.resume_offers = offers(self.library, self.sessions, self.now())
        self.rest = rest_dates(self.store.rest_days)
        return self.sessions

    def today(self) -> date:
        return self.now().date()

    def today_line(self, *, with_streaks: bool = True) -> str:
        # "rest day" up front: the line is long enough to wrap, and two words split over two lines read badly
        heading = "Today (rest day): " if self.today() in self.rest else "Today: "
        return heading + stats.today_line(
            (),
            self.library.targets(),
            self.library.names(),
            today=self.today(),
            days=self.days,
            rest=self.rest,
            with_streaks=with_streaks,
        )

    @property
    def coach(self) -> Coach:
        if self._coach is None:  # made on first use: see footui.ui.coaching
            from footui.ui.coaching import make_coach

            self._coach = make_coach(self, *self._coach_options)
        return self._coach

    @property
    def muted(self) -> bool:
        return self.settings.muted

    # --- lifecycle --------------------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        if self.start_with or self.resume_with:  # the routine list is built after the session, not under it
            from footui.ui.screens.session import ListAfterSession

            return ListAfterSession()
        return RoutinesScreen()

    def on_mount(self) -> None:
        self.add_mode("routines", RoutinesScreen)  # its stack exists (the default screen): switch_mode finds it
        self._write(SAVE_TITLE)
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self.end_on_signal, signum)
        self.theme = self.settings.theme if self.settings.theme in self.available_themes else "textual-dark"
        for notice in self.store_notices:
            self.notify(notice, severity="warning", timeout=12)
        if not self.settings.seen_health_note:
            self.settings.seen_health_note = True
            self._save_settings()
            from footui.ui.screens.dialogs import HealthNoteScreen

            self.push_screen(HealthNoteScreen(), lambda _: self._open_start_routine())
        else:
            self._open_start_routine()

    def _open_start_routine(self) -> None:
        if self.start_editor:
            (kind, item_id), self.start_editor = self.start_editor, None
            self.open_editor(kind, item_id)
        if self.resume_with:
            session_id, self.resume_with = self.resume_with, None
            self.resume(session_id)
        elif self.start_with:
            routine, self.start_with = self.start_with, None
            self.start_routine(routine)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: paths, names and error messages are never markup. `markup` is
        ignored on purpose: a screen's or widget's notify() passes True by default."""
        super().notify(clean(str(message)), title=clean(title), severity=severity, timeout=timeout, markup=False)

    def watch_theme(self, theme: str) -> None:
        if self.settings.theme != theme:
            self.settings.theme = theme
            self._save_settings()

    def _save_settings(self) -> None:
        if self.persist_settings:
            problem = save_settings(self.settings)
            if problem:
                self.notify(problem, severity="warning")

    def exit(self, result: int | None = None, return_code: int = 0, message: object = None) -> None:
        self._write(RESTORE_TITLE)  # the window title the terminal had before footui
        # Screens still redraw while the app shuts down (the session resumes under the answered quit question):
        # none of them may put footui's title back after this.
        self._title_restored = True
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def end_on_signal(self, signum: int) -> None:
        """SIGHUP (the connection dropped) or SIGTERM: keep what was done, then leave."""
        runner = self.active_runner
        if runner is not None:
            runner.stop(reason="signal")
        if signum == signal.SIGHUP:  # the terminal is gone: Textual's shutdown would block writing to it
            os._exit(128 + signum)
        self.exit(return_code=128 + signum)

    # --- the editor (imported on first use: the routine list starts as fast without it) -------------------------
    def reload_library(self) -> None:
        self.library = load_library(self.routines_path)
        self.library_version += 1

    def open_editor(self, kind: str, item_id: str | None, *, copy: bool = False) -> None:
        from footui.ui.editor import opening as editor

        if kind == "exercise" and item_id:
            editor.edit_exercise(self, item_id)
        elif item_id:
            editor.edit_routine(self, item_id, copy=copy)
        else:
            editor.new_routine(self)

    # --- sessions ---------------------------------------------------------------------------------------------
    def start_routine(self, routine_id: str) -> None:
        if self.settings.ask_pain_before:
            from footui.ui.screens.dialogs import PainBeforeScreen

            self.push_screen(PainBeforeScreen(), lambda pain: self._start(routine_id, pain))
        else:
            self._start(routine_id, None)

    def _start(self, routine_id: str, pain_before: int | None) -> None:
        routine = self.library.routines[routine_id]
        from footui.session.plan import build_plan
        from footui.session.runner import SessionRunner

        plan = build_plan(routine, self.library.routine_exercises(routine))
        from footui.ui.screens.session import SessionScreen

        runner = SessionRunner(
            plan, self.store, clock=self.clock, wall=self.wall, now=self.now, pain_before=pain_before
        )
        self.push_screen(SessionScreen(runner), self._session_over)

    def resume(self, session_id: str) -> None:
        """Continue a session that ended early (see footui.history.resumable), if no other footui has it."""
        plan = next((plan for s, plan in self.resume_offers if s["id"] == session_id), None)
        if plan is None or self.store is None:
            self.notify("That session can no longer be resumed.", severity="warning")
            return
        try:
            record = claim(self.store, session_id, self.now())
        except StoreError as exc:
            self.notify(clean(str(exc)), severity="warning")
            self.load_history()
            return
        from footui.ui.screens.session import SessionScreen

        runner = resumed_runner(plan, record, self.store, clock=self.clock, wall=self.wall, now=self.now)
        self.push_screen(SessionScreen(runner), self._session_over)

    def _session_over(self, _result: object = None) -> None:
        self.active_runner = None
        self.load_history()

    # --- cues to the (possibly remote) terminal ------------------------------------------------------------------
    def _write(self, sequence: str) -> None:
        if not self.is_headless and self._driver is not None:
            self._driver.write(sequence)

    def set_terminal_title(self, title: str) -> None:
        title = clean(title)[:80]
        if title != self._last_title and not self._title_restored:
            self._last_title = title
            self._write(f"\x1b]2;{title}\x07")

    def _toggle_setting(self, name: str, label: str) -> None:
        value = not getattr(self.settings, name)
        setattr(self.settings, name, value)
        self.coach.muted, self.coach.count_in = self.settings.muted, self.settings.count_in
        self._save_settings()
        self.notify(f"{label}: {'on' if value else 'off'}", timeout=3)

    def toggle_rest_today(self) -> None:
        if self.store is None:
            return
        today = self.today()
        try:
            if today in self.rest:
                self.store.unmark_rest_day(today)
            else:
                self.store.mark_rest_day(today)
        except StoreError as exc:
            self.notify(clean(str(exc)), severity="error", timeout=10)
            return
        self.load_history()
        self.notify(f"{today} is {'a rest day' if today in self.rest else 'no longer a rest day'}", timeout=4)
        refresh = getattr(self.screen, "populate", None)  # the history view shows the change at once
        if callable(refresh):
            refresh()

    def toggle_mute(self) -> None:
        self._toggle_setting("muted", "Mute every cue (voice, bell, cue command)")

    def toggle_voice(self) -> None:
        """Voice on when it speaks now, else off; saved as the `voice` setting."""
        self.settings.voice = "off" if self.coach.speaking else "on"
        self.coach.set_voice(self.settings.voice)
        self._save_settings()
        self.notify(self.coach.voice_state().capitalize(), timeout=3)
        redraw = getattr(self.screen, "refresh_view", None)  # the session shows "voice on" in its status line
        if redraw is not None:
            redraw()

    # --- actions and the palette ------------------------------------------------------------------------------
    def in_session(self) -> bool:
        return self.active_runner is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No leaving an active session for another mode: stop it (escape) first. A dialog answers first too.
        if action == "switch_mode":  # nor a key for the mode already shown (the footer has no room to spare)
            here = bool(parameters) and parameters[0] == self.current_mode
            return not (here or self.in_session() or isinstance(self.screen, ModalScreen))
        return True

    async def action_switch_mode(self, mode: str) -> None:
        if not self.in_session() and self.current_mode != mode:
            await self.switch_mode(mode)

    async def action_quit(self) -> None:
        await quitting.ask_before_quitting(self)

    def action_help_quit(self) -> None:
        quitting.explain_ctrl_c(self)

    def action_help(self) -> None:
        from footui.ui.screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(in_session=self.in_session()))

    def show_health_note(self) -> None:
        from footui.ui.screens.dialogs import HealthNoteScreen

        self.push_screen(HealthNoteScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from footui_commands(self)
