"""Opening the editor: the routine list's n/e/c/d keys and `footui edit` come here."""

from __future__ import annotations

from typing import Any

from footui.content import editing
from footui.content.editing import ROUTINE, CannotSave, Snapshot
from footui.text.cleaning import clean
from footui.ui.app import FootApp
from footui.ui.editor.exercise import ExerciseEditorScreen
from footui.ui.editor.questions import ask_yes_no
from footui.ui.editor.routine import RoutineEditorScreen


def _snapshot(app: FootApp) -> Snapshot | None:
    try:
        return editing.read_snapshot(app.routines_path)
    except CannotSave as exc:
        app.notify(clean(str(exc)), severity="error", timeout=10)
        return None


def new_routine(app: FootApp) -> None:
    snapshot = _snapshot(app)
    if snapshot is not None:
        app.push_screen(RoutineEditorScreen(snapshot, {"name": "", "id": "", "exercises": []}, None))


def edit_routine(app: FootApp, routine_id: str, *, copy: bool = False) -> None:
    snapshot = _snapshot(app)
    routine = app.library.routines.get(routine_id)
    if snapshot is None or routine is None:
        return
    if routine.builtin:
        draft = editing.builtin_draft(ROUTINE, routine_id)
    else:
        found = editing.draft_of(snapshot, ROUTINE, routine_id)
        if found is None:  # the file changed on disk since the list was made: show the file as it is now
            app.reload_library()
            rebuild = getattr(app.screen, "rebuild", None)
            if rebuild is not None:
                app.call_later(rebuild)
            app.notify("routines.toml changed on disk; the routine list now shows it as it is.", severity="warning")
            return
        draft = found
    if copy:
        app.push_screen(RoutineEditorScreen(snapshot, editing.copy_draft(draft, app.library, ROUTINE), None))
    elif routine.builtin:
        question = ask_yes_no(
            f"{clean(routine.name)} is built in and is never changed. Edit a copy of it instead?",
            "The copy is saved in your routines.toml; the built-in stays as it is.",
        )

        def answered(answer: str | None) -> None:
            if answer == "yes":
                edit_routine(app, routine_id, copy=True)

        app.push_screen(question, answered)
    else:
        app.push_screen(RoutineEditorScreen(snapshot, draft, routine_id))


def delete_routine(app: FootApp, routine_id: str, after: Any) -> None:
    routine = app.library.routines.get(routine_id)
    if routine is None:
        return
    if routine.builtin:
        app.notify("Built-in routines cannot be deleted; c copies one to change it.", severity="warning")
        return

    def answered(answer: str | None) -> None:
        snapshot = _snapshot(app)
        if answer != "yes" or snapshot is None:
            return
        try:
            editing.save(snapshot, ROUTINE, None, routine_id)
        except CannotSave as exc:
            app.notify(clean(str(exc)), severity="error", timeout=10)
            return
        app.reload_library()
        app.notify(f"Deleted routine {routine_id} (the previous file: routines.toml.bak)")
        app.call_later(after)

    question = ask_yes_no(f"Delete the routine {clean(routine.name)} from routines.toml?", "n or enter keeps it.")
    app.push_screen(question, answered)


def edit_exercise(app: FootApp, exercise_id: str) -> None:
    """`footui edit --exercise ID`: a user exercise in place, a built-in one as a copy (asks first)."""
    snapshot = _snapshot(app)
    exercise = app.library.exercises.get(exercise_id)
    if snapshot is None or exercise is None:
        return
    if not exercise.builtin:
        draft = editing.draft_of(snapshot, "exercise", exercise_id) or {}
        app.push_screen(ExerciseEditorScreen(snapshot, draft, exercise_id))
        return

    def answered(answer: str | None) -> None:
        if answer == "yes":
            draft = editing.copy_draft(editing.builtin_draft("exercise", exercise_id), app.library, "exercise")
            app.push_screen(ExerciseEditorScreen(snapshot, draft, None))

    app.push_screen(ask_yes_no(f"{clean(exercise.name)} is built in and is never changed. Edit a copy?"), answered)
