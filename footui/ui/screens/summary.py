"""After the last set or a stop: what was done (already saved), then an optional pain score and note.

What is typed is what is saved, however the user leaves (enter, escape, ctrl+q). When the save failed, the
screen offers a retry and a file of the user's choosing, and asks before any way out that would lose it.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import ScreenSuspend
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from footui.history import stats
from footui.history.files import AtomicWriter, describe, encode_history
from footui.session.runner import SessionRunner
from footui.text import formatting
from footui.text.cleaning import clean
from footui.text.columns import pad, truncate
from footui.text.plurals import plural
from footui.ui.app_access import foot_app
from footui.ui.screens.dialogs import ConfirmScreen, PathScreen

HIGH_PAIN = 7
HIGH_PAIN_ADVICE = (
    "A pain score of 7 or more: please stop these exercises for today, and if the pain stays "
    "or is new, ask a doctor or physiotherapist."
)
BAD_PAIN = "Enter a whole number from 0 to 10."


def summary_lines(runner: SessionRunner) -> list[str]:
    plan = runner.plan
    lines = []
    for entry, item in zip(plan.entries, runner.record["exercises"], strict=True):
        side = f" ({entry.side} foot)" if entry.side else ""
        planned = plural(item["sets_planned"], "set")
        lines.append(f"{pad(truncate(clean(entry.exercise.name) + side, 34), 34)} {item['sets_done']:>3} / {planned}")
    return lines


def save_to_file(record: dict, path: Path) -> None:
    """One session as a history document, the format `footui import` reads. Raises OSError."""
    AtomicWriter().write(path, encode_history([record]))


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("escape", "done", "Done")]

    def __init__(self, runner: SessionRunner) -> None:
        super().__init__()
        self.runner = runner
        self._kept: dict[str, object] = {}  # what was typed and already handed to the runner
        self.mode = ""  # the app mode this screen is in (ctrl+q from another mode comes back here)

    @property
    def has_sets(self) -> bool:
        return self.runner.sets_done > 0

    def compose(self) -> ComposeResult:
        runner = self.runner
        record = runner.record
        done, planned = runner.sets_done, runner.plan.planned_sets
        status = {"completed": "Session complete", "stopped": "Session stopped"}.get(record["status"], "Session")
        # Scrolls when the terminal is short (60x20): the focused field is always brought into view.
        with VerticalScroll(id="summary"):
            yield Static(Content(f"{status}: {clean(runner.plan.routine.name)}"), id="summary-title")
            yield Static(
                Content(
                    f"{done} of {plural(planned, 'set')} ({round(100 * done / planned)}%) · "
                    f"time {formatting.duration(stats.duration_s(runner.record) or 0)}"
                ),
                id="summary-figures",
            )
            yield Static(Content("\n".join(summary_lines(runner))), id="summary-sets")
            yield Static(id="saved")
            with Horizontal(id="save-actions"):
                yield Button(Content("Retry the save"), id="retry", compact=True)
                yield Button(Content("Save to a file you name"), id="save-file", compact=True)
            if self.has_sets:  # with no set there is no session to put a score or a note on
                with Horizontal(classes="summary-field"):
                    yield Static(Content("Pain now, 0 (none) to 10 (worst):"), classes="prompt")
                    yield Input(placeholder="0-10", restrict=r"\d{0,2}", max_length=2, id="pain", type="integer")
                yield Static(id="advice")
                with Horizontal(classes="summary-field"):
                    yield Static(Content("A note (optional):"), classes="prompt")
                    yield Input(placeholder="how did it go?", max_length=200, id="note")
                yield Static(Content("enter moves on; escape keeps what is typed and goes back"), id="summary-keys")
        yield Footer()

    def on_mount(self) -> None:
        app = foot_app(self)
        app.active_runner = None
        app.open_summary, self.mode = self, app.current_mode
        self._show_saved()
        if self.has_sets:
            self.query_one("#pain", Input).focus()

    # --- what is saved ------------------------------------------------------------------------------------------
    def unsaved(self) -> bool:
        """Completed sets that are in memory only: leaving now would lose them."""
        return self.has_sets and not self.runner.saved and self.runner.store is not None

    def _show_saved(self) -> None:
        error = self.runner.save_error if self.has_sets else ""
        if not self.has_sets:
            text = "Nothing saved: no set was completed."
        elif error:
            text = f"Not saved yet: {clean(error)}"
        else:
            text = "Saved to your history."
        saved = self.query_one("#saved", Static)
        saved.update(Content(text))
        saved.set_class(bool(error), "-error")
        self.query_one("#save-actions").display = self.unsaved()
        foot_app(self).set_terminal_title(f"footui · {self._title_state()}")

    def _title_state(self) -> str:
        if not self.has_sets:
            return "session over, nothing saved"
        if self.unsaved():
            return "session NOT SAVED"
        return "session complete" if self.runner.record["status"] == "completed" else "session stopped"

    def _pain_typed(self) -> int | None | str:
        """The pain field as a score, None when blank, or BAD_PAIN when it is not 0 to 10."""
        value = self.query_one("#pain", Input).value.strip()
        if not value:
            return None
        if not value.isdigit() or int(value) > 10:
            return BAD_PAIN
        return int(value)

    def keep_typed(self) -> bool:
        """Hand what is typed to the runner (it saves it). False if the pain score is not 0 to 10 (not saved)."""
        if not self.has_sets:
            return True
        pain = self._pain_typed()
        fields: dict[str, object] = {"note": self.query_one("#note", Input).value.strip()}
        if pain != BAD_PAIN:
            fields["pain_after"] = pain
        changed = {k: v for k, v in fields.items() if self._kept.get(k, self.runner.record.get(k)) != v}
        if changed:
            self.runner.annotate(**changed)
            self._kept.update(changed)
        self._show_saved()
        if pain == BAD_PAIN:  # the note is kept all the same
            self._advise(BAD_PAIN, warning=True)
            return False
        return True

    def _advise(self, text: str, *, warning: bool = False) -> None:
        advice = self.query_one("#advice", Static)
        advice.update(Content(text))
        advice.set_class(warning, "-warning")

    @on(ScreenSuspend)
    def _covered(self) -> None:
        """`h` (another mode), a question or the palette: what is typed reaches the runner's record now."""
        if self.is_mounted:
            self.keep_typed()

    # --- the user's moves ---------------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.keep_typed():
            return
        if event.input.id == "pain":
            pain = self._pain_typed()
            if isinstance(pain, int):
                saved = "saved" if not self.unsaved() else "kept (not saved yet)"
                self._advise(HIGH_PAIN_ADVICE if pain >= HIGH_PAIN else f"Pain {pain}/10 {saved}.", warning=pain >= 7)
            self.query_one("#note", Input).focus()
        else:
            self.action_done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "retry":
            self.keep_typed()
            self.runner.retry_save()
            self._show_saved()
        elif event.button.id == "save-file":
            self.keep_typed()
            suggestion = str(Path.home() / f"footui-session-{self.runner.record['started_at'][:10]}.json")
            self.app.push_screen(PathScreen("Save this session (for `footui import`) to:", suggestion), self._save_to)

    def _save_to(self, path: str | None) -> None:
        if not path:
            return
        target = Path(path).expanduser()
        try:
            save_to_file(self.runner.record, target)
        except OSError as exc:
            self.app.notify(f"cannot save to {target}: {describe(exc)}", severity="error")
            return
        self.runner.saved_elsewhere()
        self.app.notify(f"Saved to {target}; `footui import` adds it to the history")
        self.dismiss_summary()

    def action_done(self) -> None:
        if not self.keep_typed():
            return
        self.runner.retry_save()
        self._show_saved()
        if self.unsaved():
            question = ConfirmScreen(
                "Leave without saving this session?",
                f"{clean(self.runner.save_error)}. Answer n, then retry or save it to a file.",
                default=False,
            )
            self.app.push_screen(question, lambda sure: self.dismiss_summary() if sure else None)
            return
        self.dismiss_summary()

    def dismiss_summary(self) -> None:
        # The session screen was switched for this one, so its result callback (which reloads the history
        # for the today line and the history view) never runs: reload here, before the list resumes.
        app = foot_app(self)
        if app.open_summary is self:
            app.open_summary = None
        app.load_history()
        app.set_terminal_title("footui")
        self.dismiss(None)
