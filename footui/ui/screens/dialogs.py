"""Small modal screens: a yes/no question, the key help, the health note, a path prompt."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from footui.content.catalogue import HEALTH_NOTE
from footui.text.cleaning import clean


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question. `enter` gives the default answer: no, where yes would lose or delete something."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("enter", "default", "Default", show=False),
    ]

    def __init__(self, question: str, detail: str = "", *, default: bool = True) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(self.question), classes="dialog-title")
            if self.detail:
                yield Static(Content(self.detail))
            keys = "y / enter: yes     n / escape: no" if self.default else "y: yes     n / escape / enter: no"
            yield Static(Content(keys), classes="dialog-keys")
        yield Footer()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_default(self) -> None:
        self.dismiss(self.default)


KEYS = """\
Everywhere
  ? F1       this help            ctrl+p   command palette
  r h        routines / history   ctrl+q   quit

Routine list
  up down    choose a routine     enter    start it
  i          the health note      e        edit it
  n          new routine          c        copy it
  d          delete it (asks)     u        resume (when offered)

Editor (footui edit)
  tab        next field           ctrl+s   save
  escape     leave (asks when something is unsaved)
  On the exercises: a add, x remove, u / j move up / down,
  e edit the exercise itself

Session (phases advance on their own: no key is needed)
  space      pause / resume       n        next phase (a skipped
                                           hold is not counted)
  b          restart this phase   escape   stop (asks; completed
                                           sets are kept)
  m          mute every cue: voice, bell, cue command

Summary
  0-10 enter pain score now       enter    save the note
  escape     done (what is typed is saved)
  tab        retry / save to a file, after a failed save

History
  up down    choose a session     enter    its sets, per foot
  d          delete (asks)        e        export CSV (asks where)
  p          edit pain and note   c        charts / the table
  escape     back to the routines
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,f1", "close", "Close")]

    def __init__(self, in_session: bool = False) -> None:
        super().__init__(classes="dialog")
        self.in_session = in_session

    def compose(self) -> ComposeResult:
        # Only the key list scrolls: the title, the pause note and how to close stay in view at 80x24.
        with Vertical(classes="dialog-box help-box"):
            yield Static(Content("Keys"), classes="dialog-title")
            if self.in_session:
                yield Static(Content("The session is paused while this is open."), classes="dialog-note")
            with VerticalScroll(id="help-keys"):
                yield Static(Content(KEYS))
            yield Static(Content("escape closes · up/down scroll"), classes="dialog-keys")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


class HealthNoteScreen(ModalScreen[None]):
    BINDINGS = [Binding("enter,escape,i,q", "close", "Close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content("Before you start"), classes="dialog-title")
            yield Static(Content(HEALTH_NOTE))
            yield Static(Content("enter closes · i shows this again from the routine list"), classes="dialog-keys")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


class PathScreen(ModalScreen[str | None]):
    """Ask for a file path, with a suggestion filled in; enter confirms, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, suggestion: str, problem: str = "") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.suggestion = suggestion
        self.problem = problem  # why the last path typed did not work; it is shown again to correct

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(self.question), classes="dialog-title")
            if self.problem:
                yield Static(Content(clean(self.problem)), id="path-problem", classes="dialog-error")
            yield Input(self.suggestion, id="path")
            yield Static(Content("enter: save here     escape: cancel"), classes="dialog-keys")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PainBeforeScreen(ModalScreen[int | None]):
    """Pain before the session (a setting, off by default): digits then enter; escape skips."""

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content("Pain now, before you start?"), classes="dialog-title")
            yield Static(Content("0 (none) to 10 (worst), then enter. escape starts without a score."))
            yield Input(placeholder="0-10", restrict=r"\d{0,2}", max_length=2, id="pain-before")
            yield Static(id="pain-before-error")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.dismiss(None)
        elif int(value) <= 10:
            self.dismiss(int(value))
        else:
            self.query_one("#pain-before-error", Static).update(Content("A whole number from 0 to 10, please."))

    def action_skip(self) -> None:
        self.dismiss(None)
