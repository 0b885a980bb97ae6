"""The exercise editor: a user exercise's name, steps, dosage, daily target, cue word and equipment.

Opened from the routine editor (e on an exercise, n in the exercise picker) and by `footui edit --exercise ID`.
It dismisses with the id it last saved (None: nothing saved), so the routine editor can use a new exercise.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Input, Label, Static, TextArea

from footui.content.editing import EXERCISE, Draft, Snapshot
from footui.text import formatting
from footui.ui.editor.form import EditorForm, field_text

NUMBER_FIELDS = {"sets": "Sets", "hold_s": "Hold s", "rest_s": "Rest s", "per_day": "Times a day"}


class ExerciseEditorScreen(EditorForm):
    KIND = EXERCISE

    def __init__(self, snapshot: Snapshot, draft: Draft, original_id: str | None) -> None:
        super().__init__(snapshot, draft, original_id)
        self.saved_id: str | None = None

    def compose(self) -> ComposeResult:
        draft = self.base
        yield from self.compose_name_and_id()
        with Horizontal(classes="editor-row"):
            for key, label in NUMBER_FIELDS.items():
                yield Label(label)
                yield Input(field_text(draft.get(key)), id=f"ex-{key}", compact=True, classes="num")
        yield Static(
            Content("Times a day: empty or 0 is no daily target (a copy starts with none)"), classes="editor-hint"
        )
        with Horizontal(classes="editor-row"):
            yield Label("Sides")
            yield Input(str(draft.get("sides", "")), id="ex-sides", compact=True, placeholder="none", classes="num")
            yield Label("Cue word")
            yield Input(str(draft.get("cue", "")), id="ex-cue", compact=True, placeholder="HOLD", classes="num")
            yield Label("Needs")
            equipment = ", ".join(str(item) for item in draft.get("equipment", []))
            yield Input(
                equipment, id="ex-equipment", compact=True, placeholder="comma, separated", classes="wide-field"
            )
        yield from self.compose_pictures()
        yield Static(Content("Steps, one per line:"), classes="editor-hint")
        yield TextArea("\n".join(str(step) for step in draft.get("steps", [])), id="ex-steps", soft_wrap=True)
        yield Static(id="editor-planned")
        yield Static(id="editor-problems")
        yield Footer()

    def compose_pictures(self) -> ComposeResult:
        """Hook for issue 11's exercise `pictures`: when exercises have that field, yield its input here and
        read it back in `collect` (keys the form does not show are already kept as written)."""
        yield from ()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name", Input).focus()

    def collect(self) -> Draft:
        draft = dict(self.base)
        draft["id"] = self.query_one("#item-id", Input).value.strip()
        draft["name"] = self.query_one("#name", Input).value
        for key in NUMBER_FIELDS:
            self.put(draft, key, self.query_one(f"#ex-{key}", Input).value, number=True)
        self.put(draft, "sides", self.query_one("#ex-sides", Input).value.strip())
        self.put(draft, "cue", self.query_one("#ex-cue", Input).value)
        equipment = [item.strip() for item in self.query_one("#ex-equipment", Input).value.split(",") if item.strip()]
        steps = [line for line in self.query_one("#ex-steps", TextArea).text.splitlines() if line.strip()]
        for key, items in (("equipment", equipment), ("steps", steps)):
            if items or key in self.base:
                draft[key] = items
            else:
                draft.pop(key, None)
        return draft

    def fill(self, draft: Draft) -> None:
        self.query_one("#name", Input).value = str(draft.get("name", ""))
        self.query_one("#item-id", Input).value = str(draft.get("id", ""))
        for key in NUMBER_FIELDS:
            self.query_one(f"#ex-{key}", Input).value = field_text(draft.get(key))
        self.query_one("#ex-sides", Input).value = str(draft.get("sides", ""))
        self.query_one("#ex-cue", Input).value = str(draft.get("cue", ""))
        self.query_one("#ex-equipment", Input).value = ", ".join(str(i) for i in draft.get("equipment", []))
        self.query_one("#ex-steps", TextArea).text = "\n".join(str(s) for s in draft.get("steps", []))
        self.check()

    def set_id(self, new_id: str) -> None:
        self.id_follows_name = False
        self.query_one("#item-id", Input).value = new_id

    def show_checked(self) -> None:
        text = formatting.dosage(self.checked) if self.checked is not None else "- (fix the problems below)"
        self.query_one("#editor-planned", Static).update(Content(f"Dosage: {text}"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "name" and self.id_follows_name:
            self.follow_name(event.value, EXERCISE)
        elif event.input.id == "item-id":
            self.id_typed(event.value)

    def save(self, *, as_new_id: bool = False) -> bool:
        saved = super().save(as_new_id=as_new_id)
        if saved:
            self.saved_id = self.original_id
        return saved

    def result(self) -> str | None:
        return self.saved_id
