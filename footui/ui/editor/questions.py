"""The editor's questions: a choice among a few keys (the safe answer is the default), and the exercise picker."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from footui.content.routines import Library
from footui.text import formatting
from footui.text.cleaning import clean

NEW_EXERCISE = "\x00new"  # the picker's answer for "make a new exercise" (never a valid id)


def label_of(choices: list[tuple[str, str, str]], answer: str) -> str:
    return next(label for _, label, choice in choices if choice == answer)


class ChoiceScreen(ModalScreen[str]):
    """A question answered by one key per choice; enter and escape give the default (the safe) answer."""

    def __init__(self, question: str, choices: list[tuple[str, str, str]], default: str, detail: str = "") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.choices = choices  # (key, label, answer)
        self.default = default
        # The footer lists this question's own keys (not the covered screen's); on_key answers them.
        for key, label, answer in choices:
            self._bindings.bind(key, f"answer({answer!r})", label)
        self._bindings.bind("enter", f"answer({default!r})", label_of(choices, default), key_display="⏎")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(self.question), classes="dialog-title")
            if self.detail:
                yield Static(Content(self.detail))
            keys = "     ".join(f"{key}: {label}" for key, label, _ in self.choices)
            default = label_of(self.choices, self.default)
            yield Static(Content(f"{keys}\nenter / escape: {default}"), classes="dialog-keys")
        yield Footer()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def on_key(self, event: Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key in ("enter", "escape"):
            self.dismiss(self.default)
            return
        for key, _, answer in self.choices:
            if event.key == key:
                self.dismiss(answer)
                return


def ask_yes_no(question: str, detail: str = "") -> ChoiceScreen:
    """y / n with no as the default: for deleting, and for anything that cannot be undone."""
    return ChoiceScreen(question, [("y", "yes", "yes"), ("n", "no", "no")], "no", detail)


class ExercisePickerScreen(ModalScreen[str | None]):
    """Every exercise footui knows; enter adds the highlighted one, n makes a new one, escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("n", "new", "New exercise"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__(classes="dialog")
        self.library = library

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content(f"{clean(ex.name)}  ({ex.id}{'' if ex.builtin else ', yours'})\n  {formatting.dosage(ex)}"),
                id=ex.id,
            )
            for ex in self.library.exercises.values()
        ]
        with Vertical(classes="dialog-box wide"):
            yield Static(Content("Add an exercise"), classes="dialog-title")
            yield OptionList(*options, id="exercise-picker")
            yield Static(Content("enter: add     n: new exercise     escape: cancel"), classes="dialog-keys")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_new(self) -> None:
        self.dismiss(NEW_EXERCISE)

    def action_cancel(self) -> None:
        self.dismiss(None)
