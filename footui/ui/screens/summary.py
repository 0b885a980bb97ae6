"""After the last set or a stop: what was done (already saved), then an optional pain score and note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from footui.history import stats
from footui.session.runner import SessionRunner
from footui.text import formatting
from footui.text.cleaning import clean
from footui.ui.app_access import foot_app

HIGH_PAIN = 7
HIGH_PAIN_ADVICE = (
    "A pain score of 7 or more: please stop these exercises for today, and if the pain stays "
    "or is new, ask a doctor or physiotherapist."
)


def summary_lines(runner: SessionRunner) -> list[str]:
    plan = runner.plan
    lines = []
    for entry, item in zip(plan.entries, runner.record["exercises"], strict=True):
        side = f" ({entry.side} foot)" if entry.side else ""
        lines.append(f"{clean(entry.exercise.name) + side:<34} {item['sets_done']:>3} / {item['sets_planned']} sets")
    return lines


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("escape", "done", "Done")]

    def __init__(self, runner: SessionRunner) -> None:
        super().__init__()
        self.runner = runner

    def compose(self) -> ComposeResult:
        runner = self.runner
        record = runner.record
        done, planned = runner.sets_done, runner.plan.planned_sets
        status = {"completed": "Session complete", "stopped": "Session stopped"}.get(record["status"], "Session")
        with Vertical(id="summary"):
            yield Static(Content(f"{status}: {clean(runner.plan.routine.name)}"), id="summary-title")
            yield Static(
                Content(
                    f"{done} of {planned} sets ({round(100 * done / planned)}%) · "
                    f"time {formatting.duration(stats.duration_s(runner.record) or 0)}"
                ),
                id="summary-figures",
            )
            yield Static(Content("\n".join(summary_lines(runner))), id="summary-sets")
            yield Static(id="saved")
            yield Static(Content("Pain now, 0 (none) to 10 (worst), then enter; escape skips:"), classes="prompt")
            yield Input(placeholder="0-10", restrict=r"\d{0,2}", max_length=2, id="pain", type="integer")
            yield Static(id="advice")
            yield Static(Content("A short note (optional), then enter:"), classes="prompt")
            yield Input(placeholder="how did it go?", max_length=200, id="note")
        yield Footer()

    def on_mount(self) -> None:
        foot_app(self).active_runner = None
        self._show_saved()
        self.query_one("#pain", Input).focus()

    def _show_saved(self) -> None:
        error = self.runner.save_error
        text = f"Not saved yet: {error}" if error else "Saved to your history."
        if self.runner.sets_done == 0:
            text = "Nothing saved: no set was completed."
        self.query_one("#saved", Static).update(Content(text))
        self.query_one("#saved", Static).set_class(bool(error), "-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "pain":
            value = event.value.strip()
            if value and (not value.isdigit() or int(value) > 10):
                self.query_one("#advice", Static).update(Content("Enter a whole number from 0 to 10."))
                return
            if value:
                pain = int(value)
                self.runner.annotate(pain_after=pain)
                advice = HIGH_PAIN_ADVICE if pain >= HIGH_PAIN else f"Pain {pain}/10 saved."
                self.query_one("#advice", Static).update(Content(advice))
                self.query_one("#advice", Static).set_class(pain >= HIGH_PAIN, "-warning")
            self.query_one("#note", Input).focus()
        else:
            if event.value.strip():
                self.runner.annotate(note=event.value.strip())
            self.action_done()
        self._show_saved()

    def action_done(self) -> None:
        self.runner.retry_save()
        if self.runner.save_error:
            self.app.notify(self.runner.save_error, severity="error", timeout=10)
        # The session screen was switched for this one, so its result callback (which reloads the history
        # for the today line and the history view) never runs: reload here, before the list resumes.
        foot_app(self).load_history()
        self.dismiss(None)
