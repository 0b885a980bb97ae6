"""FootApp: modes (routines, history), the session on top, cues to the terminal, settings that persist."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from footui.config import locations
from footui.config.settings import Settings, load_settings, save_settings
from footui.content.routines import Library
from footui.cues.coach import Coach
from footui.cues.voice import find_engine
from footui.history import stats
from footui.history.store import HistoryStore, StoreError, local_now
from footui.session.plan import build_plan
from footui.session.runner import SessionRunner
from footui.text.cleaning import clean
from footui.ui.screens.dialogs import HealthNoteScreen, HelpScreen, PainBeforeScreen
from footui.ui.screens.routines import RoutinesScreen


def _stylesheet() -> Path:
    """Installed: the copy inside the package; from a checkout: the one at the top of the repo."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "footui.tcss"
    return packaged if packaged.exists() else package.parent / "footui.tcss"


STYLESHEET_PATH = _stylesheet()


def _history_screen() -> Screen:
    # Imported on first use: the history's table widget is not needed to show the routine list quickly.
    from footui.ui.screens.history import HistoryScreen

    return HistoryScreen()


class FootApp(App[int]):
    CSS_PATH = STYLESHEET_PATH
    TITLE = "footui"
    MODES = {"routines": RoutinesScreen, "history": lambda: _history_screen()}
    DEFAULT_MODE = "routines"
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
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        now: Callable[[], datetime] = local_now,
        persist_settings: bool = True,
        handle_signals: bool = False,
        environ: Mapping[str, str] | None = None,
        find_voice: Callable[[], list[str] | None] = find_engine,
        voice: str | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.settings = settings or Settings()
        self.start_with = start_routine
        self.clock, self.wall, self.now = clock, wall, now
        self.persist_settings = persist_settings
        self.handle_signals = handle_signals
        self.active_runner: SessionRunner | None = None
        self.sessions: list[dict] = []
        self.days: dict[date, stats.DayStats] = {}
        self.store_notices: list[str] = []
        self._last_title = ""
        # The voice, the cue command and the bells; `voice` (from --voice/--no-voice) holds for this run only.
        self.coach = Coach(
            write=self._write,
            later=lambda delay, action: self.set_timer(delay, action),
            voice=voice or self.settings.voice,
            cue_command=self.settings.cue_command,
            env=os.environ if environ is None else environ,
            muted=self.settings.muted,
            count_in=self.settings.count_in,
            engine_finder=find_voice,
        )
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
        return self.sessions

    def today(self) -> date:
        return self.now().date()

    def today_line(self) -> str:
        return "Today: " + stats.today_line(
            (), self.library.targets(), self.library.names(), today=self.today(), days=self.days
        )

    @property
    def muted(self) -> bool:
        return self.settings.muted

    # --- lifecycle --------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self.end_on_signal, signum)
        self.theme = self.settings.theme if self.settings.theme in self.available_themes else "textual-dark"
        for notice in self.store_notices:
            self.notify(clean(notice), severity="warning", timeout=12)
        if not self.settings.seen_health_note:
            self.settings.seen_health_note = True
            self._save_settings()
            self.push_screen(HealthNoteScreen(), lambda _: self._open_start_routine())
        else:
            self._open_start_routine()

    def _open_start_routine(self) -> None:
        if self.start_with:
            routine, self.start_with = self.start_with, None
            self.start_routine(routine)

    def watch_theme(self, theme: str) -> None:
        if self.settings.theme != theme:
            self.settings.theme = theme
            self._save_settings()

    def _save_settings(self) -> None:
        if self.persist_settings:
            problem = save_settings(self.settings)
            if problem:
                self.notify(problem, severity="warning")

    def end_on_signal(self, signum: int) -> None:
        """SIGHUP (the connection dropped) or SIGTERM: keep what was done, then leave."""
        runner = self.active_runner
        if runner is not None:
            runner.stop()
        if signum == signal.SIGHUP:  # the terminal is gone: Textual's shutdown would block writing to it
            os._exit(128 + signum)
        self.exit(return_code=128 + signum)

    # --- sessions ---------------------------------------------------------------------------------------------
    def start_routine(self, routine_id: str) -> None:
        if self.settings.ask_pain_before:
            self.push_screen(PainBeforeScreen(), lambda pain: self._start(routine_id, pain))
        else:
            self._start(routine_id, None)

    def _start(self, routine_id: str, pain_before: int | None) -> None:
        routine = self.library.routines[routine_id]
        plan = build_plan(routine, self.library.routine_exercises(routine))
        from footui.ui.screens.session import SessionScreen

        runner = SessionRunner(
            plan, self.store, clock=self.clock, wall=self.wall, now=self.now, pain_before=pain_before
        )
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
        if title != self._last_title:
            self._last_title = title
            self._write(f"\x1b]2;{title}\x07")

    def _toggle_setting(self, name: str, label: str) -> None:
        value = not getattr(self.settings, name)
        setattr(self.settings, name, value)
        self.coach.muted, self.coach.count_in = self.settings.muted, self.settings.count_in
        self._save_settings()
        self.notify(f"{label}: {'on' if value else 'off'}", timeout=3)

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
        # No leaving an active session for another mode: stop it (escape) first.
        return not (action == "switch_mode" and self.in_session())

    async def action_switch_mode(self, mode: str) -> None:
        if not self.in_session() and self.current_mode != mode:
            await self.switch_mode(mode)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(in_session=self.in_session()))

    def show_health_note(self) -> None:
        self.push_screen(HealthNoteScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys", "Show every key", self.action_help)
        yield SystemCommand("Health note", "Not medical advice; when to stop", self.show_health_note)
        yield SystemCommand("Mute / unmute cues", "The voice, the bell and the cue command", self.toggle_mute)
        yield SystemCommand(
            "Voice on / off", "Say each change aloud (espeak-ng, espeak, spd-say or say)", self.toggle_voice
        )
        yield SystemCommand(
            "Count-in bell on / off",
            "A bell on each of the last 3 s of a hold longer than 3 s",
            lambda: self._toggle_setting("count_in", "Count-in bell"),
        )
        yield SystemCommand(
            "Ask pain before sessions on / off",
            "A 0-10 score before each session starts",
            lambda: self._toggle_setting("ask_pain_before", "Pain score before sessions"),
        )
        if not self.in_session():
            yield SystemCommand("History", "Past sessions, streaks, heatmap", lambda: self.switch_mode("history"))
            yield SystemCommand("Routines", "The routine list", lambda: self.switch_mode("routines"))
            for routine in self.library.routines.values():
                yield SystemCommand(
                    f"Start: {clean(routine.name)}",
                    f"Start the routine {routine.id}",
                    lambda rid=routine.id: self.start_routine(rid),
                )


def run_app(library: Library, start_routine: str | None = None, voice: str | None = None) -> int:
    store = HistoryStore(locations.data_dir())
    app = FootApp(library, store, load_settings(), start_routine=start_routine, handle_signals=True, voice=voice)
    try:
        app.run()
    finally:
        app.coach.close(wait=2.0)  # the last cue ("session complete", "session stopped") still reaches the command
    return app.return_code or 0  # 128 + the signal after SIGTERM
