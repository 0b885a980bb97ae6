"""What the routine editor and the exercise editor share: saving, problems as you type, leaving with unsaved work.

A subclass builds its fields and says how they make a draft (`collect`); this class checks the draft with the
same checker as routines.toml on every change, saves with `ctrl+s` through `footui.content.editing` (which never
overwrites a file changed on disk), and asks before `escape` throws unsaved work away.
"""

from __future__ import annotations

import re
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static, TextArea

from footui.content import editing
from footui.content.editing import CannotSave, Draft, FileChanged, Snapshot
from footui.text.cleaning import clean
from footui.ui.app_access import foot_app
from footui.ui.editor.questions import ChoiceScreen

_INTEGER = re.compile(r"^[+-]?\d{1,30}$")
_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


def typed_value(text: str) -> Any:
    """What the user typed as TOML would read it: a whole number, a number, else the text (the checker says why)."""
    text = text.strip()
    if _INTEGER.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return float(text)
    return text


def field_text(value: object) -> str:
    """A value as its field shows it (the inverse of `typed_value`): nothing for None, 5 for 5.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class EditorForm(Screen[Any]):
    KIND = editing.ROUTINE
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, snapshot: Snapshot, draft: Draft, original_id: str | None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.base = dict(draft)  # keys the form does not show (`why`, `source`, ...) are saved as they were
        self.original_id = original_id
        self.saved_draft: Draft | None = None  # the draft as last saved or opened
        # A copy (or any new item opened with content) is not in the file until saved: leaving it loses it.
        self.never_saved = original_id is None and bool(draft.get("name"))
        self._derived_ids: set[str] = set()  # ids this form put in the id field itself
        self.id_follows_name = original_id is None and not draft.get("id")  # a new item's id follows its name
        self.problems: list[str] = []
        self.checked: Any = None

    # --- for subclasses ---------------------------------------------------------------------------------------
    def compose_name_and_id(self) -> ComposeResult:
        """The heading, then the name and id fields every form starts with."""
        yield Static(Content(self.heading()), id="editor-title")
        with Horizontal(classes="editor-row"):
            yield Label("Name")
            yield Input(
                str(self.base.get("name", "")), id="name", compact=True, classes="wide-field", select_on_focus=False
            )
            yield Label("Id")
            yield Input(str(self.base.get("id", "")), id="item-id", compact=True, classes="id-field")

    def follow_name(self, name: str, kind: str) -> None:
        """A new item's id follows its name until the user types an id of their own."""
        taken = editing.taken_ids(foot_app(self).library, kind)
        derived = editing.id_from_name(name, taken) if name else ""
        self._derived_ids.add(derived)
        self.query_one("#item-id", Input).value = derived

    def id_typed(self, value: str) -> None:
        # Typing fast (or pasting) queues several name changes before their id changes arrive: an id this
        # form derived itself is not the user typing one in, whichever name it came from.
        if value and value not in self._derived_ids:
            self.id_follows_name = False

    def collect(self) -> Draft:
        raise NotImplementedError

    def show_checked(self) -> None:
        """Redraw what depends on a valid draft (the planned time)."""

    # --- shared -----------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.saved_draft = self.collect()
        self.check()

    def put(self, draft: Draft, key: str, text: str, *, number: bool = False) -> None:
        """Set `key` from a field (an empty field leaves the key out, so the default applies)."""
        if text.strip():
            draft[key] = typed_value(text) if number else text
        else:
            draft.pop(key, None)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def on_field_changed(self) -> None:
        self.check()

    def check(self) -> None:
        draft = self.collect()
        library = foot_app(self).library
        self.problems, self.checked = editing.check_draft(self.KIND, draft, library, self.original_id)
        lines = list(self.problems)
        if self.snapshot.syntax_problem:
            lines.insert(0, f"routines.toml does not parse, so it cannot be saved: {self.snapshot.syntax_problem}")
        box = self.query_one("#editor-problems", Static)
        box.update(Content("\n".join(clean(line) for line in lines) if lines else "No problems."))
        box.set_class(bool(lines), "-problems")
        self.show_checked()

    def unsaved(self) -> bool:
        return self.never_saved or self.collect() != self.saved_draft

    def heading(self) -> str:
        return f"New {self.KIND}" if self.original_id is None else f"Edit {self.KIND} {self.original_id}"

    def action_save(self) -> None:
        self.save()

    def save(self, *, as_new_id: bool = False) -> bool:
        self.check()
        if self.problems or self.snapshot.syntax_problem:
            self.notify("Not saved: fix the problems listed first.", severity="error")
            return False
        draft = self.collect()
        original = None if as_new_id else self.original_id
        backup = " (the previous version: routines.toml.bak)" if self.snapshot.raw is not None else ""
        try:
            self.snapshot = editing.save(self.snapshot, self.KIND, draft, original)
        except FileChanged:
            self.push_screen_changed_on_disk()
            return False
        except CannotSave as exc:
            self.notify(clean(str(exc)), severity="error", timeout=10)
            return False
        self.original_id = draft["id"]
        self.saved_draft = draft
        self.never_saved = False
        self.query_one("#editor-title", Static).update(Content(self.heading()))
        foot_app(self).reload_library()
        self.check()
        self.notify(f"Saved {self.KIND} {draft['id']} to routines.toml{backup}")
        return True

    def push_screen_changed_on_disk(self) -> None:
        question = ChoiceScreen(
            "routines.toml changed on disk since the editor read it. Nothing was saved.",
            [("r", "reload the file (your changes here are dropped)", "reload"),
             ("n", "save this as a new one, under a new id", "new"),
             ("k", "keep editing", "keep")],
            "keep",
        )  # fmt: skip
        self.app.push_screen(question, self._after_changed_on_disk)

    def _after_changed_on_disk(self, answer: str | None) -> None:
        try:
            snapshot = editing.read_snapshot(self.snapshot.path)
        except CannotSave as exc:
            self.notify(clean(str(exc)), severity="error")
            return
        if answer == "keep":
            return
        self.snapshot = snapshot
        foot_app(self).reload_library()
        if answer == "reload":
            fresh = editing.draft_of(snapshot, self.KIND, self.original_id) if self.original_id else None
            if fresh is not None:
                self.base = dict(fresh)
                self.fill(fresh)
            else:
                self.original_id = None
            self.saved_draft = self.collect() if fresh is not None else None
            self.check()
        elif answer == "new":
            draft = self.collect()
            taken = editing.taken_ids(foot_app(self).library, self.KIND)
            self.set_id(editing.id_from_name(str(draft.get("id") or draft.get("name") or ""), taken))
            self.original_id = None
            self.save(as_new_id=True)

    def fill(self, draft: Draft) -> None:
        raise NotImplementedError

    def set_id(self, new_id: str) -> None:
        raise NotImplementedError

    def action_leave(self) -> None:
        if not self.unsaved():
            self.dismiss(self.result())
            return
        question = ChoiceScreen(
            "Save your changes before leaving?",
            [("s", "save and leave", "save"), ("d", "leave without saving", "discard"), ("k", "keep editing", "keep")],
            "keep",
        )
        self.app.push_screen(question, self._after_leave_question)

    def _after_leave_question(self, answer: str | None) -> None:
        if answer == "discard" or (answer == "save" and self.save()):
            self.dismiss(self.result())

    def result(self) -> Any:
        return None
