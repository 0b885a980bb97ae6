"""The active session: the exercise's picture, a phase band you can read from the floor, big digits, bars, cues.

What it shows comes from the engine; what it says aloud or sends comes from the coach (footui.cues). Every
redraw touches only what changed: the digits' changed cells, the bars' new cells, a new picture frame.
"""

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

from footui.content.pictures import MAX_HEIGHT, MAX_WIDTH, Keyframe, caption_for, for_side, frame_for
from footui.session.engine import PAUSED, RUNNING, SLEEP_REASON, Finished
from footui.session.plan import WORK
from footui.session.runner import SessionRunner
from footui.text import formatting
from footui.text.cleaning import clean
from footui.text.plurals import plural
from footui.ui.app_access import foot_app
from footui.ui.screens.dialogs import ConfirmScreen
from footui.ui.widgets.big_digits import BigDigits
from footui.ui.widgets.cells import Cells
from footui.ui.widgets.meter import Meters

COVERED = "paused while another screen is open"
LARGE = (100, 36)  # columns, rows from which the countdown digits are drawn twice as large
EPSILON = 0.002  # aim a hair past the boundary so the new second is already showing when the timer lands
METERS = ("Phase", "Exercise", "Session")


def stop_detail(sets_done: int) -> str:
    """What stopping keeps: one wording for escape and for ctrl+q."""
    if sets_done == 0:
        return "No set is completed yet, so nothing is saved."
    return f"The session is saved as stopped, with {plural(sets_done, 'completed set')}."


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
            with Horizontal(id="band"):
                yield Static(id="phase")
                yield Static(id="side")
            with Horizontal(id="stage"):
                with Vertical(id="picture-box"):
                    # One block: a pose changes with the phase; a circle's dot moves a few cells a second.
                    yield Cells([""] * MAX_HEIGHT, width=MAX_WIDTH, id="picture")
                    yield Static(id="caption")
                with Vertical(id="clock"):
                    yield BigDigits("", id="countdown")
                    yield Static(id="set")
                    yield Meters(METERS, id="meters")
            yield Static(id="steps")
            yield Static(id="status")
        yield Footer()

    def on_resize(self) -> None:
        large = self.size.width >= LARGE[0] and self.size.height >= LARGE[1]
        self.query_one("#countdown", BigDigits).set_scale(2 if large else 1)

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
        foot_app(self).coach.session_events(self.engine, events)
        if any(isinstance(event, Finished) for event in events):
            self.call_after_refresh(self._show_summary)

    def show_summary(self) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        from footui.ui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.runner))

    # --- drawing ----------------------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        engine = self.engine
        app = foot_app(self)
        phase, entry = engine.phase, engine.entry
        plan = self.runner.plan
        paused = engine.status == PAUSED
        remaining = engine.remaining()
        word = phase.label(entry)
        label = f"PAUSED · {word}" if paused else word
        digits = formatting.countdown(remaining)
        frame = self._frame(remaining)
        key = (
            engine.index,
            engine.status,
            digits,
            engine.pause_reason,
            self.runner.save_error,
            app.muted,
            app.coach.speaking,
            frame,
            self._is_covered,
        )
        if key == self._shown:
            return  # nothing visible changed: write nothing to the terminal
        second_changed = self._shown[:3] != key[:3]
        self._shown = key
        ex = entry.exercise
        number = phase.exercise_index + 1
        of = len(plan.exercises)
        self._put("#where", f"{clean(plan.routine.name)} · exercise {number} of {of}: {clean(ex.name)}")
        self._put("#phase", f" {clean(label)} ")
        band = self.query_one("#band")
        for kind in ("prepare", "work", "rest"):
            band.set_class(phase.kind == kind and not paused, f"-{kind}")
        self.set_class(paused, "-paused")
        self._put("#side", formatting.side_label(entry.side))
        set_text = f"set {phase.set_no} of {ex.sets}"
        if phase.kind == "rest":
            set_text = f"next: set {phase.set_no} of {ex.sets}"
        self._put("#set", set_text)
        # Centred in the room of the phase's first number: 10 becomes 9 in place, not a re-centred block.
        self.query_one("#countdown", BigDigits).update(digits, room=formatting.countdown(phase.duration))
        fractions = (engine.phase_fraction(), engine.exercise_fraction(), engine.session_fraction())
        self.query_one("#meters", Meters).set_fractions(fractions)
        self._show_frame(frame)
        self._put("#steps", "\n".join(f"{i}. {clean(step)}" for i, step in enumerate(ex.steps, start=1)))
        self._put("#status", self._status_line())
        # The phase, not its seconds: a title that changes every second is bytes every second over SSH.
        app.set_terminal_title(f"footui · {label} · {clean(ex.name)}")
        problem = app.coach.take_problem()
        if problem:
            self.notify(problem, severity="warning", timeout=8)
        if second_changed and engine.status == RUNNING:
            app.coach.second(engine, math.ceil(remaining - 1e-9))

    def _frame(self, remaining: float) -> tuple[Keyframe | None, str]:
        """The keyframe for now (the ready pose; in the hold the set's pose, or a circle's frames in turn by whole
        seconds) and the caption to show: one per phase, so the text stays put while a circle's frames turn."""
        engine = self.engine
        frames = for_side(engine.entry.exercise.pictures, engine.entry.side)
        working = engine.phase.kind == WORK
        seconds_in = math.ceil(engine.phase.duration - 1e-9) - math.ceil(remaining - 1e-9)
        return frame_for(frames, working, engine.phase.set_no, seconds_in), caption_for(frames, working)

    def _show_frame(self, shown: tuple[Keyframe | None, str]) -> None:
        frame, caption = shown
        rows = frame.rows if frame is not None else []
        rows = [""] * (MAX_HEIGHT - len(rows)) + rows  # on the floor: the last row is the ground line
        self.query_one("#picture", Cells).show(rows)
        self._put("#caption", clean(caption))

    def _put(self, selector: str, text: str) -> None:
        """Update a line only when its text changed: an update repaints the whole row, and over SSH that is bytes."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(Content(text))

    def _status_line(self) -> str:
        """One line, never wrapped: the most important part first, the rest only while it fits."""
        engine = self.engine
        parts = []
        if engine.status == PAUSED:
            reason = engine.pause_reason or "paused"
            if reason == SLEEP_REASON:
                reason = "paused: the computer was asleep"
            # Covered, space belongs to the screen on top: name the key only when it works.
            parts.append(reason if self._is_covered else f"{reason} · space resumes")
        if self.runner.save_error:
            parts.append(self.runner.save_error)
        parts.append(f"sets done {self.runner.sets_done}/{self.runner.plan.planned_sets}")
        if foot_app(self).muted:
            parts.append("cues muted (m)")
        elif foot_app(self).coach.speaking:
            parts.append("voice on")
        return formatting.fit_line(parts, max(20, self.size.width - 4))

    # --- actions -----------------------------------------------------------------------------------------------
    def _after_command(self, events: list | None = None) -> None:
        self._handle(events or [])
        self.refresh_view()
        self._schedule()
        paused = self.engine.status == PAUSED
        # Pause or Resume in the footer: not on every tick (bytes over SSH), nor under a question or the help,
        # where the footer is not seen (Textual's Footer builds all its keys again: memory for nothing).
        if paused != self._footer_paused and not self._is_covered:
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
        if self.engine.status == PAUSED:
            foot_app(self).coach.paused()
        else:
            foot_app(self).coach.resumed()
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
                foot_app(self).coach.stopped()
                self.refresh_view()
                self._show_summary()

        self.app.push_screen(ConfirmScreen("Stop the session?", stop_detail(self.runner.sets_done)), stop)

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


class ListAfterSession(Screen[None]):
    """Under a session started from the command line (`footui start ID`, a resume), in the routine list's place:
    the list is built when it is first seen, after the session. Under the session it only took memory (about
    2 MB, benchmarks/README.md)."""

    def on_screen_resume(self) -> None:
        app = foot_app(self)
        if app.screen is not self:
            return  # the session (or the health note before it) is on top: back here when it is done
        if app.start_with or app.resume_with:
            self.set_timer(0.05, self.on_screen_resume)  # the app's start-up has not run yet: look again
            return
        from footui.ui.screens.routines import RoutinesScreen

        app.push_screen(RoutinesScreen())  # on top: Textual cannot switch a mode's first screen
