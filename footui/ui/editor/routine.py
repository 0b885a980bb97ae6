"""The routine editor: name, id, get-ready time, and the exercises with each one's dosage for this routine."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from footui.content import editing
from footui.content.dosage import DOSAGE_KEYS
from footui.content.editing import ROUTINE, Draft, Snapshot
from footui.content.routines import planned_seconds
from footui.text import formatting
from footui.text.cleaning import clean
from footui.ui.app_access import foot_app
from footui.ui.editor.form import EditorForm, field_text
from footui.ui.editor.questions import NEW_EXERCISE, ExercisePickerScreen, ask_yes_no

DOSAGE_FIELDS = {"sets": "dose-sets", "hold_s": "dose-hold", "rest_s": "dose-rest", "sides": "dose-sides"}


class RoutineEditorScreen(EditorForm):
    KIND = ROUTINE
    BINDINGS = [
        Binding("a", "add", "Add exercise"),
        Binding("x,delete", "remove", "Remove"),
        Binding("u,shift+up", "move(-1)", "Move up", key_display="u"),
        Binding("j,shift+down", "move(1)", "Move down", key_display="j"),
        Binding("e", "edit_exercise", "Edit exercise"),
    ]

    def __init__(self, snapshot: Snapshot, draft: Draft, original_id: str | None) -> None:
        super().__init__(snapshot, draft, original_id)
        self.entries: list[Any] = list(draft.get("exercises", []))  # ids and {id, sets, ...} tables

    def compose(self) -> ComposeResult:
        draft = self.base
        yield from self.compose_name_and_id()
        with Horizontal(classes="editor-row"):
            yield Label("Get ready (s)")
            yield Input(field_text(draft.get("prepare_s")), id="prepare", compact=True, placeholder="5", classes="num")
            yield Label("About")
            yield Input(str(draft.get("description", "")), id="description", compact=True, classes="wide-field")
        yield Static(Content("Exercises: a add · x remove · u/j move · e edit the exercise"), classes="editor-hint")
        yield OptionList(id="entries")
        with Horizontal(classes="editor-row", id="dosage-row"):
            yield Static(id="dosage-of")
            for key, widget_id in DOSAGE_FIELDS.items():
                yield Label(key.replace("_s", " s"))
                yield Input(id=widget_id, compact=True, classes="num")
        yield Static(id="editor-planned")
        yield Static(id="editor-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.show_entries(0)
        super().on_mount()
        self.query_one("#name", Input).focus()

    # --- the draft --------------------------------------------------------------------------------------------
    def collect(self) -> Draft:
        draft = dict(self.base)
        draft["id"] = self.query_one("#item-id", Input).value.strip()
        draft["name"] = self.query_one("#name", Input).value
        self.put(draft, "prepare_s", self.query_one("#prepare", Input).value, number=True)
        self.put(draft, "description", self.query_one("#description", Input).value)
        draft["exercises"] = [dict(e) if isinstance(e, dict) else e for e in self.entries]
        return draft

    def fill(self, draft: Draft) -> None:
        self.query_one("#name", Input).value = str(draft.get("name", ""))
        self.query_one("#item-id", Input).value = str(draft.get("id", ""))
        self.query_one("#prepare", Input).value = field_text(draft.get("prepare_s"))
        self.query_one("#description", Input).value = str(draft.get("description", ""))
        self.entries = list(draft.get("exercises", []))
        self.show_entries(0)
        self.check()

    def set_id(self, new_id: str) -> None:
        self.id_follows_name = False
        self.query_one("#item-id", Input).value = new_id

    def show_checked(self) -> None:
        planned = self.query_one("#editor-planned", Static)
        if self.checked is None:
            planned.update(Content("Planned time: - (fix the problems below)"))
            return
        library = foot_app(self).library
        seconds = planned_seconds(self.checked, library.routine_exercises(self.checked))
        planned.update(Content(f"Planned time: {formatting.duration(seconds)}"))

    @on(Input.Changed, "#name")
    def name_changed(self, event: Input.Changed) -> None:
        if self.id_follows_name:
            self.follow_name(event.value, ROUTINE)

    @on(Input.Changed, "#item-id")
    def id_changed(self, event: Input.Changed) -> None:
        self.id_typed(event.value)

    # --- the list of exercises ----------------------------------------------------------------------------------
    def entry_line(self, number: int, entry: Any) -> Content:
        library = foot_app(self).library
        ex_id = entry.get("id") if isinstance(entry, dict) else entry
        exercise = library.exercises.get(ex_id) if isinstance(ex_id, str) else None
        if exercise is None:
            return Content(f"{number}. {clean(str(ex_id))} (unknown exercise)")
        changed = isinstance(entry, dict) and any(key in entry for key in DOSAGE_KEYS)
        try:
            exercise = editing_dosage(exercise, entry)
            dose = formatting.dosage(exercise)
        except (TypeError, ValueError):
            dose = "(see the problems below)"
        mark = "  (this routine)" if changed else ""
        return Content(f"{number}. {clean(exercise.name)}  {dose}{mark}")

    def show_entries(self, highlight: int | None) -> None:
        entries = self.query_one("#entries", OptionList)
        entries.clear_options()
        entries.add_options(Option(self.entry_line(n, e), id=str(n)) for n, e in enumerate(self.entries, start=1))
        if self.entries:
            entries.highlighted = max(0, min(highlight or 0, len(self.entries) - 1))
        self.show_dosage()

    def current(self) -> int | None:
        highlighted = self.query_one("#entries", OptionList).highlighted
        return highlighted if highlighted is not None and highlighted < len(self.entries) else None

    @on(OptionList.OptionHighlighted, "#entries")
    def entry_highlighted(self) -> None:
        self.show_dosage()

    def show_dosage(self) -> None:
        index = self.current()
        row_label = self.query_one("#dosage-of", Static)
        library = foot_app(self).library
        entry = self.entries[index] if index is not None else None
        ex_id = entry.get("id") if isinstance(entry, dict) else entry
        exercise = library.exercises.get(ex_id) if isinstance(ex_id, str) else None
        row_label.update(Content(f"Dosage of {index + 1}:" if index is not None else "Dosage: add an exercise"))
        for key, widget_id in DOSAGE_FIELDS.items():
            field = self.query_one(f"#{widget_id}", Input)
            value = entry.get(key) if isinstance(entry, dict) else None
            with field.prevent(Input.Changed):  # showing an entry is not changing it
                field.value = field_text(value)
            field.placeholder = field_text(getattr(exercise, key)) if exercise is not None else ""
            field.disabled = index is None

    @on(Input.Changed, "#dose-sets, #dose-hold, #dose-rest, #dose-sides")
    def dosage_changed(self, event: Input.Changed) -> None:
        index = self.current()
        if index is None or event.input.id is None:
            return
        key = next(k for k, widget_id in DOSAGE_FIELDS.items() if widget_id == event.input.id)
        entry = self.entries[index]
        table = dict(entry) if isinstance(entry, dict) else {"id": entry}
        self.put(table, key, event.value, number=key != "sides")
        updated = table if set(table) - {"id"} else table["id"]  # no change left: a plain id again
        if updated != entry:
            self.entries[index] = updated
            self.query_one("#entries", OptionList).replace_option_prompt_at_index(
                index, self.entry_line(index + 1, updated)
            )
            self.check()

    def action_add(self) -> None:
        self.app.push_screen(ExercisePickerScreen(foot_app(self).library), self._added)

    def _added(self, exercise_id: str | None) -> None:
        if exercise_id == NEW_EXERCISE:
            self.open_exercise_editor(None, None)
        elif exercise_id:
            self.add_entry(exercise_id)

    def add_entry(self, exercise_id: str) -> None:
        self.entries.append(exercise_id)
        self.show_entries(len(self.entries) - 1)
        self.query_one("#entries", OptionList).focus()
        self.check()

    def action_remove(self) -> None:
        index = self.current()
        if index is not None:
            del self.entries[index]
            self.show_entries(index)
            self.check()

    def action_move(self, step: int) -> None:
        index = self.current()
        if index is None or not 0 <= index + step < len(self.entries):
            return
        self.entries[index], self.entries[index + step] = self.entries[index + step], self.entries[index]
        self.show_entries(index + step)
        self.check()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The list's keys are letters: while a text field has focus they type, so they are only offered on the list.
        if action in ("add", "remove", "move", "edit_exercise"):
            return isinstance(self.focused, OptionList)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # --- exercises, edited from here --------------------------------------------------------------------------
    def action_edit_exercise(self) -> None:
        index = self.current()
        if index is None:
            return
        ex_id = _entry_id(self.entries[index])
        exercise = foot_app(self).library.exercises.get(ex_id)
        if exercise is None:
            return
        if not exercise.builtin:
            self.open_exercise_editor(ex_id, index)
            return
        question = ask_yes_no(
            f"{clean(exercise.name)} is built in and is never changed. Edit a copy of it instead?",
            "This routine then uses the copy. To change only the sets, hold or rest here, use the dosage fields.",
        )
        self.app.push_screen(question, lambda answer: self._copy_exercise(answer, ex_id, index))

    def _copy_exercise(self, answer: str | None, ex_id: str, index: int) -> None:
        if answer == "yes":
            draft = editing.copy_draft(editing.builtin_draft("exercise", ex_id), foot_app(self).library, "exercise")
            self.open_exercise_editor(None, index, draft)

    def open_exercise_editor(self, ex_id: str | None, index: int | None, draft: Draft | None = None) -> None:
        from footui.ui.editor.exercise import ExerciseEditorScreen

        if draft is None:
            draft = (editing.draft_of(self.snapshot, "exercise", ex_id) if ex_id else None) or {}
        screen = ExerciseEditorScreen(self.snapshot, draft, ex_id)
        self.app.push_screen(screen, lambda saved_id: self._exercise_saved(saved_id, screen, index))

    def _exercise_saved(self, saved_id: str | None, screen: Any, index: int | None) -> None:
        self.snapshot = screen.snapshot  # the exercise editor saved into the same file
        if not saved_id:
            return
        if index is None:
            self.add_entry(saved_id)
            return
        entry = self.entries[index]
        self.entries[index] = dict(entry, id=saved_id) if isinstance(entry, dict) else saved_id
        self.show_entries(index)
        self.check()


def editing_dosage(exercise: Any, entry: Any) -> Any:
    """The exercise as this entry doses it (only well-typed values; the checker reports the rest)."""
    if not isinstance(entry, dict):
        return exercise
    changes = {k: entry[k] for k in DOSAGE_KEYS if k in entry and _fits(k, entry[k])}
    return dataclasses.replace(exercise, **changes)


def _fits(key: str, value: Any) -> bool:
    if key == "sides":
        return value in ("none", "both")
    if key == "sets":
        return isinstance(value, int) and 1 <= value <= 100
    return isinstance(value, (int, float)) and 0 <= value <= 3600


def _entry_id(entry: Any) -> str:
    value = entry.get("id") if isinstance(entry, dict) else entry
    return value if isinstance(value, str) else ""
