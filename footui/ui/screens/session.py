"""The active session: big countdown, phase in words, bars, and hands-free cues."""

from __future__ import annotations

import math

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import ScreenResume, ScreenSuspend
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from footui.session.engine import PAUSED, RUNNING, SLEEP_REASON, AutoPaused, Finished, PhaseStarted
from footui.session.plan import WORK
from footui.session.runner import SessionRunner
from footui.text import formatting
from footui.text.cleaning import clean
from footui.ui.app_access import foot_app
from footui.ui.screens.dialogs import ConfirmScreen
from footui.ui.widgets.big_digits import BigDigits
from footui.ui.widgets.meter import Meter

COVERED = "paused while another screen is open"
EPSILON = 0.002  # aim a hair past the boundary so the new second is already showing when the timer lands


class SessionScreen(Screen[SessionRunner]):
    BINDINGS = [
        # One key, two names: the footer says what space does now (check_action shows one of them).
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n", "next_phase", "Next"),
        Binding("b", "back", "Back"),
        Binding("escape", "stop", "Stop"),
        Binding("m", "mute", "Mute"),
    ]

    def __init__(self, runner: SessionRunner) -> None:
        super().__init__()
        self.runner = runner
        self._timer: Timer | None = None
        self._shown: tuple = ()
        self._paused_for_cover = False
        self._texts: dict[str, str] = {}
        self._is_covered = False  # help, the palette or a question is on top: this screen's keys do nothing
        self._footer_paused = False

    @property
    def engine(self):  # noqa: ANN201
        return self.runner.engine

    def compose(self) -> ComposeResult:
        with Vertical(id="session"):
            yield Static(id="where")
            with Horizontal(id="phase-row"):
                yield Static(id="phase")
                yield Static(id="side")
                yield Static(id="set")
            with Horizontal(id="countdown-row"):
                yield BigDigits("", id="countdown")
            with Vertical(id="meters"):
                yield Meter("Phase", id="phase-meter")
                yield Meter("Exercise", id="exercise-meter")
                yield Meter("Session", id="session-meter")
            yield Static(id="steps")
            yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        foot_app(self).active_runner = self.runner
        if self.engine.status == "ready":
            self._handle(self.runner.start())
        self.refresh_view()
        self._schedule()

    def on_unmount(self) -> None:
        self._cancel()  # the title is the summary's now (it follows this screen)

    # --- time --------------------------------------------------------------------------------------------------
    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _schedule(self) -> None:
        """One one-shot timer, aimed at the next moment something visible changes (a second, or the deadline)."""
        self._cancel()
        if self.engine.status != RUNNING:
            return
        remaining = self.engine.remaining()
        until_next_second = remaining - (math.ceil(remaining - 1e-9) - 1)
        self._timer = self.set_timer(max(0.0, until_next_second) + EPSILON, self.tick)

    def tick(self) -> None:
        self._after_command(self.runner.tick())

    def _handle(self, events: list) -> None:
        for event in events:
            if isinstance(event, (PhaseStarted, AutoPaused)):
                foot_app(self).cue()
            elif isinstance(event, Finished):
                foot_app(self).cue(notify="footui: session complete")
                self.call_after_refresh(self._show_summary)

    def show_summary(self) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        from footui.ui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.runner))

    # --- drawing ----------------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        engine = self.engine
        phase, entry = engine.phase, engine.entry
        plan = self.runner.plan
        paused = engine.status == PAUSED
        remaining = engine.remaining()
        label = "PAUSED" if paused else phase.label(entry)
        digits = formatting.countdown(remaining)
        key = (
            engine.index,
            engine.status,
            digits,
            engine.pause_reason,
            self.runner.save_error,
            foot_app(self).muted,
            self._is_covered,
        )
        if key == self._shown:
            return  # nothing visible changed: write nothing to the terminal
        self._shown = key
        ex = entry.exercise
        number = phase.exercise_index + 1
        of = len(plan.exercises)
        self._put("#where", f"{clean(plan.routine.name)} · exercise {number} of {of}: {clean(ex.name)}")
        self._put("#phase", f" {clean(label)} ")
        phase_widget = self.query_one("#phase", Static)
        for kind in ("prepare", "work", "rest"):
            phase_widget.set_class(phase.kind == kind and not paused, f"-{kind}")
        self.set_class(paused, "-paused")
        self._put("#side", formatting.side_label(entry.side))
        set_text = f"set {phase.set_no} of {ex.sets}"
        if phase.kind == "rest":
            set_text = f"next: set {phase.set_no} of {ex.sets}"
        self._put("#set", set_text)
        self.query_one("#countdown", BigDigits).update(digits)
        self.query_one("#phase-meter", Meter).set_fraction(engine.phase_fraction())
        self.query_one("#exercise-meter", Meter).set_fraction(engine.exercise_fraction())
        self.query_one("#session-meter", Meter).set_fraction(engine.session_fraction())
        self._put("#steps", "\n".join(f"{i}. {clean(step)}" for i, step in enumerate(ex.steps, start=1)))
        self._put("#status", self._status_line())
        foot_app(self).set_terminal_title(f"footui · {label} {digits} · {clean(ex.name)}")
        if phase.kind == WORK and engine.status == RUNNING and digits in ("1", "2", "3") and ex.hold_s > 3:
            foot_app(self).cue(count_in=True)

    def _put(self, selector: str, text: str) -> None:
        """Update a line only when its text changed: an update repaints the whole row, and over SSH that is bytes."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(Content(text))

    def _status_line(self) -> str:
        engine = self.engine
        parts = []
        if engine.status == PAUSED:
            reason = engine.pause_reason or "paused"
            if reason == SLEEP_REASON:
                reason = "paused: the computer was asleep"
            # Covered, space belongs to the screen on top: name the key only when it works.
            parts.append(reason if self._is_covered else f"{reason} · space resumes")
        parts.append(f"sets done {self.runner.sets_done}/{self.runner.plan.planned_sets}")
        if foot_app(self).muted:
            parts.append("cues muted (m)")
        if self.runner.save_error:
            parts.append(self.runner.save_error)
        return " · ".join(parts)

    # --- actions -----------------------------------------------------------------------------------------------
    def _after_command(self, events: list | None = None) -> None:
        self._handle(events or [])
        self.refresh_view()
        self._schedule()
        paused = self.engine.status == PAUSED
        if paused != self._footer_paused:  # Pause or Resume in the footer; not on every tick (bytes over SSH)
            self._footer_paused = paused
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pause", "resume"):
            return (self.engine.status == PAUSED) == (action == "resume")
        return True

    def action_pause(self) -> None:
        self.action_toggle_pause()

    def action_resume(self) -> None:
        self.action_toggle_pause()

    def action_toggle_pause(self) -> None:
        self.engine.toggle_pause()
        self._paused_for_cover = False
        self._after_command()

    def action_next_phase(self) -> None:
        self._after_command(self.runner.skip())

    def action_back(self) -> None:
        self.engine.back()
        self._after_command()

    def action_mute(self) -> None:
        foot_app(self).toggle_mute()
        self.refresh_view()

    def action_stop(self) -> None:
        def stop(confirmed: bool | None) -> None:
            if confirmed and self.engine.active:
                self.runner.stop()
                self.refresh_view()
                self._show_summary()

        self.app.push_screen(ConfirmScreen("Stop the session?", "Every completed set is kept."), stop)

    # Covering the session (help, the command palette, the stop question) pauses it: no hold passes unseen.
    @on(ScreenSuspend)
    def _covered(self) -> None:
        self._is_covered = True
        if self.engine.status == RUNNING:
            self.engine.pause(COVERED)
            self._paused_for_cover = True
        if self.engine.active:
            self._after_command()

    @on(ScreenResume)
    def _uncovered(self) -> None:
        self._is_covered = False
        if self._paused_for_cover and self.engine.status == PAUSED:
            self.engine.resume()
        self._paused_for_cover = False
        if self.is_mounted:
            self._after_command()
