"""Edit a past session's pain scores and note (from the history view); the caller saves under the store's lock."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from footui.text.cleaning import clean

NOTE_LENGTH = 200  # as on the summary screen; a longer note (imported) keeps its length


def _score(text: str) -> int | None | str:
    """A pain score from an input: None when blank, the int when 0..10, else the text (not valid)."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() and int(text) <= 10 else text


class EditSessionScreen(ModalScreen[dict[str, Any] | None]):
    """Dismissed with {"pain_before", "pain_after", "note"} on enter, None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: dict[str, Any], when: str) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.when = when

    def compose(self) -> ComposeResult:
        s = self.session

        def value(key: str) -> str:
            return "" if s.get(key) is None else str(s[key])

        with Vertical(classes="dialog-box wide"):
            yield Static(Content(f"Pain and note of the session of {self.when}"), classes="dialog-title")
            with Horizontal(id="edit-pain"):
                yield Static(Content("Pain before"), classes="edit-label")
                yield Input(value("pain_before"), restrict=r"\d{0,2}", max_length=2, id="edit-before")
                yield Static(Content("after"), classes="edit-label")
                yield Input(value("pain_after"), restrict=r"\d{0,2}", max_length=2, id="edit-after")
            yield Static(Content("Note"), classes="edit-label")
            note = clean(s.get("note", ""))
            yield Input(note, placeholder="note", max_length=max(NOTE_LENGTH, len(note)), id="edit-note")
            yield Static(id="edit-error")
            yield Static(Content("0-10 or blank · enter: save · escape: cancel"), classes="dialog-keys")

    @on(Input.Submitted)
    def save(self) -> None:
        before = _score(self.query_one("#edit-before", Input).value)
        after = _score(self.query_one("#edit-after", Input).value)
        if isinstance(before, str) or isinstance(after, str):
            self.query_one("#edit-error", Static).update(Content("Pain is a whole number from 0 to 10, or blank."))
            return
        note = self.query_one("#edit-note", Input).value.strip()
        if note == clean(self.session.get("note", "")).strip():
            note = self.session.get("note", "")  # unchanged: keep it as typed, not as shown
        self.dismiss({"pain_before": before, "pain_after": after, "note": note})

    def action_cancel(self) -> None:
        self.dismiss(None)
